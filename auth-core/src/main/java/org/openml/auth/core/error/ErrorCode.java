package org.openml.auth.core.error;

/**
 * Stable machine codes for every refusal the core can give, with the message users see. The
 * codes never change once released; adapters map them to transport statuses in one place.
 */
public enum ErrorCode {
    FIELDS_REQUIRED("fields_required", "All fields are required"),
    INVALID_EMAIL("invalid_email", "Please enter a valid email address"),
    EMAIL_REQUIRED("email_required", "Email is required"),
    PASSWORD_TOO_SHORT("password_too_short", "Password must be at least 8 characters"),
    PASSWORD_TOO_LONG("password_too_long", "Password must be at most 1024 bytes"),
    NAME_TOO_LONG("name_too_long", "First and last name must be at most 50 characters each"),
    EMAIL_TAKEN("email_taken", "Email already registered"),
    /** The database's character set cannot hold a character of the input (OpenML's legacy tables are latin1). */
    UNSUPPORTED_CHARACTERS("unsupported_characters",
            "Names and email addresses may only use characters of Western European languages"),

    CONFIRMATION_TOKEN_REQUIRED("token_required", "Confirmation token is required"),
    CONFIRMATION_TOKEN_INVALID("token_invalid", "Invalid confirmation token"),
    CONFIRMATION_TOKEN_EXPIRED("token_expired", "Confirmation token has expired. Please request a new one."),
    LEGACY_CONFIRM_URL_REQUIRED("url_required", "URL is required"),
    LEGACY_CONFIRM_TOKEN_MISSING("token_missing", "Token is missing"),
    LEGACY_CONFIRM_TOKEN_INVALID("token_invalid", "Invalid or expired confirmation token."),

    RESET_TOKEN_REQUIRED("token_required", "Reset token is required"),
    NEW_PASSWORD_REQUIRED("password_required", "New password is required"),
    RESET_TOKEN_INVALID("token_invalid", "Invalid or expired reset token"),
    RESET_TOKEN_USED("token_used", "This reset link has already been used"),
    RESET_TOKEN_EXPIRED("token_expired", "Reset token has expired. Please request a new one."),

    INVALID_CREDENTIALS("invalid_credentials", "Invalid email/username or password"),
    UNAUTHORIZED("unauthorized", "Unauthorized"),
    API_KEY_MISSING("authentication_required", "No API key provided."),
    API_KEY_INVALID("authentication_failed", "Invalid API key provided."),
    CSRF_FAILED("csrf_failed", "Missing or invalid CSRF token"),

    BUSY("busy", "The server is busy. Please try again in a moment."),
    STORE_UNAVAILABLE("store_unavailable", "The service is temporarily unavailable. Please try again later."),
    MAIL_FAILED("mail_failed", "The email could not be sent. Please try again later."),
    INTERNAL("internal_error", "An unexpected error occurred");

    private final String code;
    private final String message;

    ErrorCode(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The stable machine code, e.g. {@code email_taken}. */
    public String code() {
        return code;
    }

    /** The message shown to users (the contract's wording). */
    public String message() {
        return message;
    }
}

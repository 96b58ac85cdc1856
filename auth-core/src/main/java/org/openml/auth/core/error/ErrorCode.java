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
    PASSWORD_TOO_COMMON("password_too_common", "This password is too common. Please choose another one."),
    PASSWORD_MATCHES_IDENTITY("password_matches_identity", "Password must not be your email address or username"),
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

    // GitHub / Google sign-in (FederatedSignIn); the HTTP adapter also names next-auth's error codes.
    OAUTH_UNKNOWN_PROVIDER("oauth_unknown_provider", "This sign-in provider is not configured"),
    OAUTH_SIGNIN_FAILED("oauth_signin_failed", "Could not start signing in with the provider. Please try again."),
    OAUTH_CALLBACK_FAILED("oauth_callback_failed", "Signing in with the provider failed or took too long. Please try again."),
    OAUTH_PROVIDER_UNAVAILABLE("oauth_provider_unavailable", "The sign-in provider could not be reached. Please try again later."),
    OAUTH_ACCESS_DENIED("oauth_access_denied", "Sign-in was cancelled or not allowed"),
    OAUTH_NO_EMAIL("oauth_no_email", "The provider did not share an email address for this account"),
    OAUTH_EMAIL_NOT_VERIFIED("oauth_email_not_verified",
            "The provider has not verified this email address. Verify it with the provider, or sign in another way."),
    OAUTH_ACCOUNT_NOT_LINKED("oauth_account_not_linked",
            "An account with this email exists. Sign in the way you signed up, or verify the email with the provider."),
    ACCOUNT_DISABLED("account_disabled", "This account is disabled"),

    // Passkeys (Passkeys use case); messages as OpenML's passkey routes answer them.
    PASSKEYS_DISABLED("passkeys_disabled", "Passkeys are not enabled on this server"),
    PASSKEY_SIGNUP_EXPIRED("passkey_signup_expired", "Registration session expired. Please try again."),
    PASSKEY_SIGNUP_FAILED("passkey_verification_failed", "Passkey verification failed"),
    PASSKEY_SIGNIN_CHALLENGE_MISSING("passkey_challenge_not_found", "Authentication challenge not found"),
    /** Unknown credential, wrong owner, bad signature, counter gone backwards, inactive account: one answer. */
    PASSKEY_SIGNIN_FAILED("passkey_verification_failed", "Verification failed"),
    /**
     * A sign-in with a credential this server does not hold (removed here, or never registered):
     * the same answer as {@link #PASSKEY_SIGNIN_FAILED}, plus {@code unknownCredential:true}, so the
     * page can tell the browser's passkey provider to forget it (WebAuthn's Signal API).
     */
    PASSKEY_UNKNOWN_CREDENTIAL("passkey_verification_failed", "Verification failed"),
    /** Conditional create asked for outside its window (5 minutes after a password sign-in), or switched off. */
    PASSKEY_CONDITIONAL_CREATE_UNAVAILABLE("conditional_create_unavailable",
            "A passkey is saved automatically only right after a password sign-in"),
    PASSKEY_REGISTRATION_CHALLENGE_MISSING("passkey_challenge_not_found", "Registration challenge not found"),
    PASSKEY_ADD_FAILED("passkey_verification_failed", "Verification failed"),
    PASSKEY_CREDENTIAL_MALFORMED("passkey_credential_malformed", "Invalid passkey credential"),
    PASSKEY_ID_REQUIRED("passkey_id_required", "Passkey ID required"),
    PASSKEY_NOT_FOUND("passkey_not_found", "Passkey not found or unauthorized"),
    DEVICE_NAME_REQUIRED("device_name_required", "Device name is required"),
    DEVICE_NAME_TOO_LONG("device_name_too_long", "Device name must be at most 100 characters"),
    LAST_PASSKEY("last_passkey",
            "This is the only way to sign in to your account: set a password (Forgot password) or add another passkey before removing it."),

    /** Too many requests from one client address, or mails asked for one email address (HTTP 429). */
    CURRENT_PASSWORD_INCORRECT("current_password_incorrect", "Current password is incorrect"),
    REAUTHENTICATION_REQUIRED("reauthentication_required",
            "For this change, sign in again or give your current password (your last sign-in was more than 10 minutes ago)"),
    NAME_REQUIRED("name_required", "Enter a first name or a last name"),
    NAME_INVALID("name_invalid", "Names must not contain control characters"),
    DELETE_CONFIRMATION_REQUIRED("confirmation_required", "Type DELETE to confirm that the account should be deleted"),
    PROVIDER_NOT_LINKED("not_linked", "This account is not linked to that provider"),
    LAST_SIGN_IN_METHOD("last_sign_in_method",
            "This is the only way left to sign in to your account. Set a password or add a passkey first."),
    EMAIL_UNCHANGED("email_unchanged", "This is already your email address"),
    EMAIL_CHANGE_LINK_INVALID("token_invalid", "This link is invalid or has already been used"),
    EMAIL_CHANGE_LINK_EXPIRED("token_expired", "This link has expired. Please ask for a new one."),
    SESSION_NOT_FOUND("session_not_found", "No such session on this account"),
    ADMIN_REQUIRED("admin_required", "Only OpenML administrators may do this"),
    USER_NOT_FOUND("user_not_found", "No such account"),
    RATE_LIMITED("rate_limited", "Too many attempts. Please wait before trying again."),
    /** Password sign-in for this email/username paused after repeated failures; other ways still work (HTTP 429). */
    SIGN_IN_LOCKED("sign_in_locked",
            "Too many failed sign-in attempts. Please wait a few minutes, reset your password, or sign in with a passkey, GitHub or Google."),

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

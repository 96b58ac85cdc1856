package org.openml.auth.core.error;

/**
 * The one family of unchecked exceptions the core throws. Each carries a stable {@link ErrorCode}.
 * Business outcomes a caller must handle (wrong password, expired token, …) are result values,
 * not exceptions; exceptions are for bad input and for infrastructure that failed.
 */
public abstract class AuthException extends RuntimeException {
    private final ErrorCode code;

    protected AuthException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

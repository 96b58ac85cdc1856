package org.openml.auth.core.error;

/** The request is malformed or breaks a rule; nothing was changed. */
public final class InvalidInputException extends AuthException {
    public InvalidInputException(ErrorCode code) {
        super(code, code.message(), null);
    }
}

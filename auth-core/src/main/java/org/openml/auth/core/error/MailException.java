package org.openml.auth.core.error;

/** A message could not be handed to the mail server. */
public final class MailException extends AuthException {
    public MailException(String detail, Throwable cause) {
        super(ErrorCode.MAIL_FAILED, detail, cause);
    }
}

package org.openml.auth.mail;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;

/** Messages shared by the tests; the tokens are recognisable so tests can check they never leak. */
final class TestMails {
    static final String CONFIRM_TOKEN = "c0nf1rmT0kenAAAAbbbbCCCCdddd0123";
    static final String RESET_TOKEN = "r3s3tT0kenEEEEffffGGGGhhhh456789";
    static final URI CONFIRM_LINK = URI.create("https://www.openml.org/auth/confirm-email?token=" + CONFIRM_TOKEN);
    static final URI RESET_LINK = URI.create("https://www.openml.org/auth/reset-password?token=" + RESET_TOKEN);
    static final Email JANE = new Email("jane.doe@example.org");

    private TestMails() {}

    static Mail.Confirmation confirmation() {
        return new Mail.Confirmation(JANE, "Jane", CONFIRM_LINK);
    }

    static final URI ACCOUNT_LINK = URI.create("https://www.openml.org/account");
    static final URI FORGOT_LINK = URI.create("https://www.openml.org/auth/forgot-password");
    static final Instant AT = Instant.parse("2025-06-07T08:09:10Z");

    static Mail.SecurityNotice securityNotice(Mail.SecurityNotice.Change change, String detail) {
        return new Mail.SecurityNotice(JANE, "Jane", ACCOUNT_LINK, change, AT, "203.0.113.9", Optional.ofNullable(detail),
                FORGOT_LINK);
    }

    static Mail.PasswordReset passwordReset() {
        return new Mail.PasswordReset(JANE, "Jane", RESET_LINK);
    }
}

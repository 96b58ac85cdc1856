package org.openml.auth.core.usecase;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.port.out.OneTimeTokenStore;
import org.openml.auth.core.port.out.Mailer;

/** Issues a confirmation link (voiding older ones) and queues its mail: for a registration, or a passkey sign-up. */
final class ConfirmationMails {
    private static final System.Logger LOG = System.getLogger(ConfirmationMails.class.getName());

    private final OneTimeTokenStore tokens;
    private final Mailer mailer;
    private final Secrets secrets;
    private final Clock clock;
    private final AuthPolicy policy;
    private final AccountLinks links;

    ConfirmationMails(OneTimeTokenStore tokens, Mailer mailer, Secrets secrets, Clock clock, AuthPolicy policy,
            AccountLinks links) {
        this.tokens = tokens;
        this.mailer = mailer;
        this.secrets = secrets;
        this.clock = clock;
        this.policy = policy;
        this.links = links;
    }

    /**
     * @param passkeySignUp whether the account came from a passkey sign-up (active already: the
     *     mail asks to confirm the address, and says to ignore it when it was not the reader)
     * @return false when the link could not be stored or the mail not queued; the account stays
     *     and the owner can ask for another link
     */
    boolean send(User user, boolean passkeySignUp) {
        try {
            OneTimeToken token = secrets.newToken();
            Instant now = clock.instant();
            tokens.issue(user.id(), token.hash(), now, now.plus(policy.confirmationTokenTtl()));
            mailer.send(passkeySignUp
                    ? new Mail.PasskeySignUpConfirmation(user.email(), user.displayName(), links.confirmation(token))
                    : new Mail.Confirmation(user.email(), user.displayName(), links.confirmation(token)));
            return true;
        } catch (AuthException e) {
            // No stack trace: a mail server's error can quote the full address, which logs must not hold.
            LOG.log(Level.WARNING, "could not send the confirmation mail to user " + user.id() + ": " + e.getMessage());
            return false;
        }
    }
}

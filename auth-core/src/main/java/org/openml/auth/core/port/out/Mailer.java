package org.openml.auth.core.port.out;

import org.openml.auth.core.domain.Mail;

/** Delivers messages to users. Rendering (subject, bodies) is the adapter's job. */
public interface Mailer {

    /**
     * Hands the message to the mail system.
     *
     * @throws org.openml.auth.core.error.MailException when it could not be handed over
     */
    void send(Mail mail);
}

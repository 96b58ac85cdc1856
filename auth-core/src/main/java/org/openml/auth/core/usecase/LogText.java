package org.openml.auth.core.usecase;

import java.util.Optional;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.Email;

/** What client-sent text may go into a log line: masked, printable, short. */
final class LogText {
    private LogText() {}

    /** A login as typed, masked: an email as {@link Email#masked()}, anything else by its first character and length. */
    static String login(String login) {
        if (login == null || login.isBlank()) return "(none)";
        Optional<Email> email = Email.parse(login.strip());
        if (email.isPresent()) return email.get().masked();
        String l = printable(login.strip());
        return l.isEmpty() ? "(none)" : l.charAt(0) + "…(" + l.length() + " chars)";
    }

    /** Printable ASCII only, short: what a client sends must not forge log lines. */
    static String printable(String s) {
        if (s == null) return "unknown";
        StringBuilder out = new StringBuilder();
        s.codePoints().filter(cp -> cp > 0x20 && cp < 0x7F).limit(AuditEvent.MAX_IP_LENGTH).forEach(out::appendCodePoint);
        return out.toString();
    }
}

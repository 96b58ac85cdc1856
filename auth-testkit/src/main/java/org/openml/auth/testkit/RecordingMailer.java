package org.openml.auth.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.error.MailException;
import org.openml.auth.core.port.out.Mailer;

/**
 * A mailer that keeps what it is asked to send, for tests: the inbox, the last mail, its link.
 * {@link #failNext(int)} makes sends fail like an unreachable SMTP server.
 */
public final class RecordingMailer implements Mailer {
    private final List<Mail> sent = new ArrayList<>();
    private int failuresLeft;

    @Override
    public synchronized void send(Mail mail) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new MailException("simulated SMTP failure", null);
        }
        sent.add(mail);
    }

    /** The next {@code count} sends throw {@link MailException}. */
    public synchronized void failNext(int count) {
        failuresLeft = count;
    }

    public synchronized List<Mail> sent() {
        return List.copyOf(sent);
    }

    public synchronized Optional<Mail> last() {
        return sent.isEmpty() ? Optional.empty() : Optional.of(sent.get(sent.size() - 1));
    }

    /** The last mail of the given kind sent to {@code address} (compared ignoring case). */
    public synchronized <M extends Mail> Optional<M> lastTo(String address, Class<M> kind) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            Mail m = sent.get(i);
            if (kind.isInstance(m) && m.to().value().equalsIgnoreCase(address)) return Optional.of(kind.cast(m));
        }
        return Optional.empty();
    }

    /** The {@code token} query parameter of a mailed link. */
    public static String tokenOf(URI link) {
        String query = link.getQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) return pair.substring("token=".length());
        }
        throw new IllegalArgumentException("link has no token: " + link);
    }

    public synchronized void clear() {
        sent.clear();
    }
}

package org.openml.auth.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the link in a received message, for tests that follow it the way a user would (open the
 * confirmation mail, click the link). The templates put no other URL in a body, so the first
 * http(s) URL is the link.
 *
 * <p>Works on decoded text: a plain-text body, an HTML body (entities such as {@code &amp;} in
 * the URL are decoded), or a whole MIME message via {@link #extract(Part)}. Never returns null.
 */
public final class MailLinks {

    // Stops at white space and at the characters that end a URL in text or in a quoted attribute.
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);

    private MailLinks() {}

    /** The first http(s) URL in {@code body}, or empty when there is none. */
    public static Optional<URI> find(String body) {
        if (body == null) return Optional.empty();
        Matcher m = URL.matcher(body);
        while (m.find()) {
            String candidate = trimTrailingPunctuation(unescapeHtml(m.group()));
            try {
                return Optional.of(URI.create(candidate));
            } catch (IllegalArgumentException notAUri) {
                // Text that only looks like a URL; keep looking.
            }
        }
        return Optional.empty();
    }

    /**
     * The first http(s) URL in {@code body}.
     *
     * @throws IllegalArgumentException when the body holds none
     */
    public static URI extract(String body) {
        return find(body).orElseThrow(() -> new IllegalArgumentException("no http(s) link in the mail body"));
    }

    /**
     * The first http(s) URL in the text parts of a message or part (text/plain and text/html,
     * in message order, decoded from their transfer encoding).
     *
     * @throws IllegalArgumentException when no text part holds one
     * @throws UncheckedIOException     when the message cannot be read
     */
    public static URI extract(Part message) {
        try {
            return findIn(message).orElseThrow(
                    () -> new IllegalArgumentException("no http(s) link in the message's text parts"));
        } catch (MessagingException e) {
            throw new UncheckedIOException(new IOException("cannot read the message", e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<URI> findIn(Part part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<URI> found = findIn(multipart.getBodyPart(i));
                if (found.isPresent()) return found;
            }
            return Optional.empty();
        }
        if (part.isMimeType("text/*")) {
            return find(part.getContent().toString());
        }
        return Optional.empty();
    }

    private static String unescapeHtml(String s) {
        if (s.indexOf('&') < 0) return s;
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
                .replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&"); // last, so "&amp;lt;" stays "&lt;"
    }

    /** A sentence may end right after a link ("open https://x/y."); the dot is not part of it. */
    private static String trimTrailingPunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,;:!?)]".indexOf(s.charAt(end - 1)) >= 0) {
            if (s.charAt(end - 1) == ')' && s.lastIndexOf('(', end - 1) >= 0) break;
            end--;
        }
        return s.substring(0, end);
    }
}

package org.openml.auth.core.domain;

/**
 * What untrusted text (a request parameter, a header, a provider's error) may become in a log
 * line: printable ASCII and spaces only, everything else shown as {@code ?}, cut to a length. A
 * CR, LF, NEL or U+2028 in a parameter must never start a forged log line, and an ANSI escape
 * must never repaint an operator's terminal.
 */
public final class Printable {
    /** The default length untrusted values are cut to in logs. */
    public static final int DEFAULT_MAX = 64;

    private Printable() {}

    /** {@code text} made safe for a log line and cut to {@value #DEFAULT_MAX} characters; "(none)" for null. */
    public static String of(String text) {
        return of(text, DEFAULT_MAX);
    }

    /** {@code text} made safe for a log line, cut to {@code max} characters (an ellipsis marks the cut). */
    public static String of(String text, int max) {
        if (text == null) return "(none)";
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (count == max) {
                out.append('…');
                break;
            }
            out.append(cp >= 0x20 && cp < 0x7F ? (char) cp : '?');
            count++;
        }
        return out.toString();
    }
}

package org.openml.auth.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times as the tables of OpenML's other programs hold them: epoch milliseconds (this server), SQL
 * {@code TIMESTAMP}/{@code DATETIME} values, or their text ({@code 'YYYY-MM-DD HH:MM:SS'}, or ISO
 * 8601 as JavaScript's {@code toISOString()} writes into SQLite). Zone-less values are read as UTC,
 * the zone OpenML's servers and this server's MySQL sessions run in.
 */
final class LegacyTimes {
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS][.SS][.S]");

    private LegacyTimes() {}

    static Optional<Instant> parse(Object value) {
        if (value == null) return Optional.empty();
        if (value instanceof Number n) return Optional.of(Instant.ofEpochMilli(n.longValue()));
        if (value instanceof Timestamp t) return Optional.of(t.toInstant());
        if (value instanceof LocalDateTime l) return Optional.of(l.toInstant(ZoneOffset.UTC));
        if (value instanceof OffsetDateTime o) return Optional.of(o.toInstant());
        String text = value.toString().strip();
        if (text.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
        } catch (NumberFormatException notMillis) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notIso) {
                try {
                    return Optional.of(LocalDateTime.parse(text, SQL_TIME).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException unknown) {
                    return Optional.empty();
                }
            }
        }
    }
}

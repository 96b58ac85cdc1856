package org.openml.auth.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.error.StoreUnavailableException;

/**
 * Reads a {@code users} row as written by this store, by OpenML's Next.js app or by the legacy
 * PHP site, turning their placeholders into empty values. Optional columns the table lacks read
 * as empty values too.
 */
final class UserRows implements RowMapper<User> {
    /** The columns {@link #map} reads, in SELECT order; the first six are required ({@link UsersTable#REQUIRED}). */
    private static final List<String> READ = List.of("id", "username", "email", "password", "active", "created_on",
            "first_name", "last_name", "session_hash", "image");
    /** What a row with no password (NULL or empty) gets: not a hash of anything, so no password matches. */
    static final PasswordHash NO_PASSWORD = new PasswordHash("!");
    /** What OpenML writes into text columns it has nothing for. */
    static final String PLACEHOLDER = "0000";

    private static final Pattern API_KEY = Pattern.compile("[0-9a-f]{32}");

    private final UsersTable table;
    /** The SELECT list for {@link #map}: the columns it reads that the table has. */
    final String columns;

    UserRows(UsersTable table) {
        this.table = table;
        this.columns = String.join(", ", READ.stream().filter(table::has).toList());
    }

    @Override
    public User map(ResultSet rs, StatementContext ctx) throws SQLException {
        long id = rs.getLong("id");
        try {
            String password = rs.getString("password");
            int active = rs.getInt("active");
            boolean isActive = !rs.wasNull() && active != 0;
            return new User(new UserId(id), new Username(rs.getString("username")), new Email(rs.getString("email")),
                    optional(rs, "first_name"), optional(rs, "last_name"),
                    password == null || password.isEmpty() ? NO_PASSWORD : new PasswordHash(password),
                    isActive, apiKey(optional(rs, "session_hash")), image(optional(rs, "image")),
                    Instant.ofEpochSecond(rs.getLong("created_on")));
        } catch (IllegalArgumentException e) {
            // The domain's messages name the field, never the value, so this stays free of personal data.
            throw new StoreUnavailableException("users row " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private String optional(ResultSet rs, String column) throws SQLException {
        return table.has(column) ? rs.getString(column) : null;
    }

    private static Optional<ApiKey> apiKey(String sessionHash) {
        return sessionHash != null && API_KEY.matcher(sessionHash).matches()
                ? Optional.of(new ApiKey(sessionHash))
                : Optional.empty();
    }

    private static Optional<String> image(String image) {
        return image == null || image.isBlank() || image.equals(PLACEHOLDER) ? Optional.empty() : Optional.of(image);
    }
}

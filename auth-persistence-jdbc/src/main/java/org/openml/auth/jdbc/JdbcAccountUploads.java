package org.openml.auth.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AccountUploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AccountUploads} on OpenML's upload tables: an account has uploads when one of the given
 * {@code [database.]table.column} columns holds its id. Columns that do not exist are skipped (a
 * database without OpenML's experiment tables counts none), found once, at the first question.
 */
final class JdbcAccountUploads implements AccountUploads {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAccountUploads.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");

    private final Jdbi jdbi;
    private final StoreEdge edge;
    private final List<UploadColumn> wanted;
    /** The wanted columns that exist; null until first looked up. */
    private volatile List<UploadColumn> present;

    /** A column that names an account as uploader; {@code database} null for the stores' own. */
    record UploadColumn(String database, String table, String column) {
        UploadColumn {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        /**
         * {@code table.column} or {@code database.table.column}; names of letters, digits, {@code _}
         * and {@code $} only (they are put into SQL).
         *
         * @throws IllegalArgumentException naming the entry when it has another shape
         */
        static UploadColumn parse(String text) {
            String[] parts = text.strip().split("\\.", -1);
            boolean valid = (parts.length == 2 || parts.length == 3)
                    && java.util.Arrays.stream(parts).allMatch(p -> NAME.matcher(p).matches());
            if (!valid) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not table.column or database.table.column"
                        + " (letters, digits, _ and $)");
            }
            return parts.length == 2 ? new UploadColumn(null, parts[0], parts[1]) : new UploadColumn(parts[0], parts[1], parts[2]);
        }

        String qualifiedTable() {
            return database == null ? table : database + "." + table;
        }

        @Override
        public String toString() {
            return qualifiedTable() + "." + column;
        }
    }

    JdbcAccountUploads(Jdbi jdbi, StoreEdge edge, List<UploadColumn> wanted) {
        this.jdbi = jdbi;
        this.edge = edge;
        this.wanted = List.copyOf(wanted);
    }

    @Override
    public boolean hasUploads(UserId user) {
        Objects.requireNonNull(user, "user");
        return edge.call("look for the account's uploads", () -> jdbi.withHandle(h -> {
            for (UploadColumn c : present(h.getConnection())) {
                String sql = "SELECT 1 FROM " + c.qualifiedTable() + " WHERE " + c.column() + " = :id LIMIT 1";
                if (h.createQuery(sql).bind("id", user.value()).mapTo(Integer.class).findOne().isPresent()) return true;
            }
            return false;
        }));
    }

    private List<UploadColumn> present(Connection connection) {
        List<UploadColumn> found = present;
        if (found != null) return found;
        List<UploadColumn> exist = new ArrayList<>();
        try {
            DatabaseMetaData meta = connection.getMetaData();
            for (UploadColumn c : wanted) {
                String catalog = c.database() != null ? c.database() : connection.getCatalog();
                try (ResultSet rs = meta.getColumns(catalog, null, c.table(), c.column())) {
                    if (rs.next()) exist.add(c);
                }
            }
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
        present = List.copyOf(exist);
        LOG.info("account deletion: uploads are looked for in {}", exist.isEmpty()
                ? "no table (none of " + wanted + " exists): every deleted account is deleted outright" : exist);
        return present;
    }
}

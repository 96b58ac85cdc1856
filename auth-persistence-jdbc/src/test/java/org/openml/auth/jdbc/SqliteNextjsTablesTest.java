package org.openml.auth.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.contract.OneTimeTokenStoreContract;
import org.openml.auth.testkit.contract.PasskeyStoreContract;
import org.openml.auth.testkit.contract.Stores;

/** The Next.js app's token and passkey tables in a SQLite file: adopted in place, and held to the stores' contracts. */
class SqliteNextjsTablesTest extends NextjsTablesScenario {
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final List<JdbcStores> opened = new ArrayList<>();

    private Path file() {
        return dir.resolve("openml.db");
    }

    private JdbcStores open() {
        try {
            if (!file().toFile().exists()) NextjsFixture.createSqliteTablesOnly(file());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        JdbcStores stores = JdbcStores.sqlite(file());
        opened.add(stores);
        return stores;
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcStores::close);
    }

    @Override
    JdbcStores stores() {
        return open();
    }

    @Override
    JdbcStores reopen() {
        return open();
    }

    @Override
    int update(String sql, Object... args) {
        try {
            return PlainSql.update(file(), sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = PlainSql.open(file()); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    Object nextjsTime(Instant at) {
        return SQLITE_TIME.format(at);
    }

    @Nested
    class Passkeys extends PasskeyStoreContract {
        @Override
        protected java.time.temporal.ChronoUnit timePrecision() {
            return java.time.temporal.ChronoUnit.SECONDS; // the Next.js table's TIMESTAMP columns
        }

        @Override
        protected PasskeyStores newStores() {
            JdbcStores stores = open();
            return new PasskeyStores(stores.users(), stores.passkeys());
        }
    }

    @Nested
    class ConfirmationTokens extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            JdbcStores stores = open();
            return new Stores(stores.users(), stores.confirmationTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return false;
        }
    }

    @Nested
    class ResetTokens extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            JdbcStores stores = open();
            return new Stores(stores.users(), stores.resetTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return true;
        }
    }
}

package org.openml.auth.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.jdbc.NextjsFixture;

/** {@link NextjsDatabaseScenario} with SQLITE_PATH pointed at the Next.js app's own SQLite file. */
class NextjsDatabaseOnSqliteTest extends NextjsDatabaseScenario {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("openml.db");
    }

    @BeforeEach
    void createFile() throws SQLException {
        NextjsFixture.createSqlite(file());
    }

    @Override
    Map<String, String> env(int port) {
        Map<String, String> env = ServerEnv.sqlite(dir, port);
        env.put("NEXTAUTH_URL", "http://localhost:" + port);
        env.put("SQLITE_PATH", file().toString());
        return env;
    }

    @Override
    boolean placeholderSelectorsRepeat() {
        return true;
    }

    @Override
    int update(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); PreparedStatement s = c.prepareStatement(sql)) {
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
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    Map<String, String> legacyStructure() {
        Map<String, String> tables = new TreeMap<>();
        for (Map<String, Object> row : rows("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                + " AND name IN ('users', 'users_groups', 'user_passkeys', 'email_confirmation_token', 'password_reset_token')")) {
            tables.put(String.valueOf(row.get("name")), String.valueOf(row.get("sql")));
        }
        return tables;
    }
}

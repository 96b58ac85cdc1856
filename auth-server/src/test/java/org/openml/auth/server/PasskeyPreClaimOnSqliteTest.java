package org.openml.auth.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The passkey pre-claim takeover, closed, on the embedded SQLite default. */
class PasskeyPreClaimOnSqliteTest extends PasskeyPreClaimScenario {
    @TempDir
    Path dir;

    @Override
    Map<String, String> env(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", "http://localhost:" + port);
        env.put("NEXTAUTH_SECRET", MysqlNodes.SECRET);
        env.put("SQLITE_PATH", dir.resolve("auth.db").toString());
        return env;
    }

    private String one(String sql, String email) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("auth.db"));
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    String storedPassword(String email) {
        return one("SELECT password FROM users WHERE email = ?", email);
    }

    @Override
    long unprovenRows(String email) {
        return Long.parseLong(one("SELECT COUNT(*) FROM unproven_email p JOIN users u ON u.id = p.user_id WHERE u.email = ?", email));
    }
}

package org.openml.auth.server;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.jdbc.MysqlConfig;
import org.openml.auth.jdbc.NextjsFixture;
import org.openml.auth.jdbc.ScratchMysqlDatabase;

/** {@link NextjsDatabaseScenario} on MariaDB: the legacy schema with the seed's users table, and the Next.js app's tables. */
class NextjsDatabaseOnMariaDbTest extends NextjsDatabaseScenario {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema(db -> {
        NextjsFixture.addTo(db);
        db.update("ALTER TABLE users DROP COLUMN session_hash_date");
    });

    /** As OpenML's operators write it, with the query options mysql2 and Prisma users add. */
    @Override
    Map<String, String> env(int port) {
        MysqlConfig c = mysql.db().config();
        Map<String, String> env = MysqlNodes.env(c, port);
        List.of("MYSQL_HOST", "MYSQL_PORT", "MYSQL_USER", "MYSQL_PASSWORD", "MYSQL_DATABASE", "MYSQL_SSL_MODE",
                "MYSQL_CONNECT_TIMEOUT").forEach(env::remove);
        env.put("DATABASE_URL", "mysql://" + c.user() + c.password().map(p -> ":" + p).orElse("") + "@" + c.host() + ":" + c.port()
                + "/" + c.database() + "?ssl-mode=DISABLED&charset=utf8mb4&connect_timeout=2&connectionLimit=5");
        return env;
    }

    @Override
    boolean placeholderSelectorsRepeat() {
        return false;
    }

    @Override
    int update(String sql, Object... args) {
        return mysql.db().update(sql, args);
    }

    @Override
    List<Map<String, Object>> rows(String sql, Object... args) {
        return mysql.db().rows(sql, args);
    }

    @Override
    Map<String, String> legacyStructure() {
        Map<String, String> all = mysql.db().structure();
        Map<String, String> legacy = new TreeMap<>();
        for (String table : List.of("users", "groups", "users_groups")) legacy.put(table, all.get(table));
        return legacy;
    }
}

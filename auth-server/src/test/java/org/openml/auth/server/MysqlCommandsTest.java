package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.jdbc.MysqlConfig;
import org.openml.auth.jdbc.ScratchMysqlDatabase;
import org.openml.auth.jdbc.TcpProxy;

/** {@code init-db [--legacy]} and {@code doctor} against real MariaDB databases, right and wrong. */
class MysqlCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ScratchMysqlDatabase db;

    @AfterEach
    void drop() {
        if (db != null) db.close();
    }

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> env(MysqlConfig mysql) {
        Map<String, String> env = new HashMap<>(MysqlNodes.env(mysql, 3050));
        env.put("NEXTAUTH_URL", "http://localhost:3050");
        return env;
    }

    @Test
    void initDbAddsThisServersTablesAndDoctorReportsTheSchema() {
        db = ScratchMysqlDatabase.createWithLegacySchema();
        Map<String, String> before = db.structure();

        assertThat(run(env(db.config()), "doctor")).as(out()).isZero();
        assertThat(out()).contains("schema version 0 not created yet").contains("found: groups: 1 admin, 2 members, 3 readonly")
                .doesNotContain(MysqlNodes.SECRET);
        assertThat(db.structure()).as("doctor changes nothing").isEqualTo(before);

        assertThat(run(env(db.config()), "init-db")).as(err()).isZero();
        assertThat(out()).contains("created schema version 5").contains("found: API keys: users.session_hash varchar(40) UNIQUE");

        assertThat(run(env(db.config()), "doctor")).isZero();
        assertThat(out()).contains("database: ok (MySQL database " + db.name()).contains("schema version 5 found")
                .contains("urls: ok").contains("smtp: not configured");
    }

    /** Issue 18: doctor says what of the Next.js app's is here; init-db --from-nextjs takes its pending links over. */
    @Test
    void theNextJsAppsTablesAreReportedAndItsLinksTakenOver() {
        db = ScratchMysqlDatabase.createWithLegacySchema();
        org.openml.auth.jdbc.NextjsFixture.addTo(db);
        db.update(org.openml.auth.jdbc.NextjsFixture.insertUser(true), "ada", "x", "ada@example.org", "Ada", "L", null);
        long ada = db.count("SELECT id FROM users WHERE username = 'ada'");
        db.update("INSERT INTO user_passkeys (user_id, credential_id, public_key) VALUES (?, 'AQIDBAUGBwgJCgsMDQ4PEA', x'01')", ada);
        db.update("INSERT INTO email_confirmation_token (user_id, token, expires_at) VALUES (?, ?, UTC_TIMESTAMP() + INTERVAL 1 DAY)",
                ada, "ab".repeat(32));
        db.update("INSERT INTO password_reset_token (user_id, token, expires_at) VALUES (?, ?, UTC_TIMESTAMP() - INTERVAL 1 DAY)",
                ada, "cd".repeat(32));

        assertThat(run(env(db.config()), "doctor")).as(out()).isZero();
        assertThat(out()).contains("found: user_passkeys is the Next.js app's: 1 passkey used in place")
                .contains("found: the Next.js app's token tables: 1 confirmation and 0 reset links pending");

        assertThat(run(env(db.config()), "init-db", "--from-nextjs")).as(err()).isZero();
        assertThat(out()).contains("Next.js app: took over 1 pending confirmation and 0 pending reset link(s)")
                .contains("Next.js app: removed 2 plaintext row(s)");
        assertThat(db.count("SELECT COUNT(*) FROM email_confirmation_token") + db.count("SELECT COUNT(*) FROM password_reset_token"))
                .isZero();
        assertThat(db.count("SELECT COUNT(*) FROM auth_email_confirmation_token")).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM user_passkeys")).as("passkeys stay where they are").isEqualTo(1);

        assertThat(run(env(db.config()), "init-db", "--legacy", "--from-nextjs")).isEqualTo(2);
    }

    @Test
    void initDbLegacyFillsAnEmptyDatabaseAndRefusesAFullOne() {
        db = ScratchMysqlDatabase.createEmpty();

        assertThat(run(env(db.config()), "init-db", "--legacy")).as(err()).isZero();
        assertThat(out()).contains("Created OpenML's tables").contains("created schema version 5");
        assertThat(db.structure()).containsKeys("users", "groups", "users_groups", "login_attempts", "email_confirmation_token");

        assertThat(run(env(db.config()), "init-db", "--legacy")).isEqualTo(1);
        assertThat(err()).contains("users already exists").contains("run `init-db` without --legacy");
    }

    @Test
    void legacyNeedsMysqlAndUnknownOptionsAreRefused() {
        assertThat(run(Map.of(), "init-db", "--legacy")).isEqualTo(2);
        assertThat(err()).contains("no MySQL database is configured");
        assertThat(run(Map.of(), "doctor", "--legacy")).isEqualTo(2);
        assertThat(err()).contains("Unknown option '--legacy' for doctor");
    }

    @Test
    void doctorExplainsAWrongPasswordInPlainWords() {
        db = ScratchMysqlDatabase.createWithLegacySchema();
        Map<String, String> env = env(db.config());
        env.put("MYSQL_USER", "openml_auth_nobody");
        env.put("MYSQL_PASSWORD", "wrong-password");

        assertThat(run(env, "doctor")).isEqualTo(1);
        assertThat(out()).contains("database: FAILED").contains("Access denied")
                .contains("refused the user name or password: check MYSQL_USER / MYSQL_PASSWORD")
                .doesNotContain("wrong-password");
    }

    @Test
    void doctorExplainsAMissingDatabaseAndAnUnreachableServer() throws Exception {
        db = ScratchMysqlDatabase.createEmpty();
        db.config(); // skips this test when there is no test server
        Map<String, String> env = env(ScratchMysqlDatabase.serverConfig("openml_auth_test_no_such_db"));
        assertThat(run(env, "doctor")).isEqualTo(1);
        assertThat(out()).contains("database: FAILED").contains("does not exist").contains("init-db --legacy");

        try (TcpProxy nobody = TcpProxy.reserve("127.0.0.1", 1)) {
            env.put("MYSQL_HOST", "127.0.0.1");
            env.put("MYSQL_PORT", Integer.toString(nobody.port()));
            assertThat(run(env, "doctor")).isEqualTo(1);
            assertThat(out()).contains("nothing answered at 127.0.0.1:" + nobody.port());
        }
    }

    @Test
    void doctorNamesADatabaseThatIsNotOpenMls() {
        db = ScratchMysqlDatabase.createEmpty();

        assertThat(run(env(db.config()), "doctor")).isEqualTo(1);
        assertThat(out()).contains("database: NOT USABLE").contains("PROBLEM: the database has no users, groups,"
                + " users_groups tables").contains("init-db --legacy");
    }

    @Test
    void doctorCatchesANextAuthUrlThatPointsElsewhere() {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "3050", "NEXTAUTH_URL", "http://localhost:3000",
                "NEXT_PUBLIC_URL", "https://openml.org"));

        assertThat(Doctor.checkUrls(AuthServerConfig.fromEnv(env), env,
                new PrintStream(out, true, StandardCharsets.UTF_8))).isFalse();
        assertThat(out()).contains("urls: PROBLEM: NEXTAUTH_URL is http://localhost:3000 but the server listens on port 3050")
                .contains("urls: warning: mailed links open NEXT_PUBLIC_URL (https://openml.org)");
    }
}

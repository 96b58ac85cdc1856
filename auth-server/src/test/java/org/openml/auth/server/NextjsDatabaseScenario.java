package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.jdbc.NextjsFixture;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

/**
 * Issue 18: the server pointed at a database as OpenML's Next.js app left it ({@link NextjsFixture}:
 * the legacy tables, its token and passkey tables in its shapes, accounts with "0000" placeholders),
 * then used through HTTP only. Passkeys that app registered sign in, its mailed links work once,
 * API keys work, and the legacy tables' structure is unchanged. Run on MariaDB (the seed's users
 * table, without session_hash_date, reached through a DATABASE_URL with options) and on the Next.js
 * app's own SQLite file.
 */
abstract class NextjsDatabaseScenario {
    /** OpenML's Flask server's hash of this password (shared/fixtures/legacy-hashes.json). */
    static final String PASSWORD = "correct horse battery staple";
    static final String FLASK_HASH = "$argon2id$v=19$m=16384,t=4,p=2$ZD4O3AbduLpVm0qgO1MTsg$SGOnfvmn3HQFbxeeJsRleD3SMVEK5tNNm/fx5qLdjJE";
    static final String ADA_KEY = "0123456789abcdef0123456789abcdef";
    static final String CONFIRM_TOKEN = "c0".repeat(32);
    static final String RESET_TOKEN = "e5".repeat(32);
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private AuthServer server;
    final RecordingMailer mailer = new RecordingMailer();
    final SoftwareAuthenticator bobsPhone = new SoftwareAuthenticator();

    /** The server's environment on the database under test, listening on {@code port}. */
    abstract Map<String, String> env(int port) throws Exception;

    abstract int update(String sql, Object... args);

    abstract List<Map<String, Object>> rows(String sql, Object... args);

    /** How the legacy tables are declared (SHOW CREATE TABLE, or SQLite's CREATE TABLE text). */
    abstract Map<String, String> legacyStructure();

    /**
     * Whether many accounts may hold "0000" in the selectors: in the Next.js app's SQLite file, yes;
     * OpenML's MySQL users table has UNIQUE selectors, so there only the first such account could be made.
     */
    abstract boolean placeholderSelectorsRepeat();

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private long account(String name, String hash, int active, String apiKey) {
        update(NextjsFixture.insertUser(placeholderSelectorsRepeat() || name.equals("ada")), name, hash, name + "@example.org", name, "Tester", apiKey);
        long id = ((Number) rows("SELECT id FROM users WHERE username = ?", name).get(0).get("id")).longValue();
        update("UPDATE users SET active = ? WHERE id = ?", active, id);
        update("INSERT INTO users_groups (user_id, group_id) VALUES (?, 2)", id);
        return id;
    }

    /** Fills the database as the Next.js app left it, then starts the server on it. */
    private AuthHttpClient startOnNextjsData(String origin, int port) throws Exception {
        account("ada", FLASK_HASH, 1, ADA_KEY);
        long bob = account("bob", FLASK_HASH, 1, null);
        long cat = account("cat", FLASK_HASH, 0, null);
        long dan = account("dan", FLASK_HASH, 1, null);
        // Bob registered a passkey with the Next.js app: user handle = his decimal id, the id stored as base64url text.
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(bob).getBytes(StandardCharsets.UTF_8));
        bobsPhone.create(Map.of("rp", Map.of("id", "localhost", "name", "OpenML"), "user", Map.of("id", handle, "name", "bob"),
                "challenge", "AAAAAAAAAAAAAAAAAAAAAA"), origin);
        SoftwareAuthenticator.Credential credential = bobsPhone.credentials().get(0);
        bobsPhone.setCounter(credential.id(), 3);
        update("INSERT INTO user_passkeys (user_id, credential_id, public_key, sign_count, transports, device_name, created_at)"
                + " VALUES (?, ?, ?, 3, 'internal,hybrid', 'Primary Device', ?)", bob,
                credential.id().getBytes(StandardCharsets.US_ASCII), credential.publicKeyCose(), SQL_TIME.format(Instant.now()));
        update("INSERT INTO email_confirmation_token (user_id, token, expires_at) VALUES (?, ?, ?)", cat, CONFIRM_TOKEN,
                SQL_TIME.format(Instant.now().plus(Duration.ofHours(23))));
        update("INSERT INTO password_reset_token (user_id, token, expires_at, used) VALUES (?, ?, ?, 0)", dan, RESET_TOKEN,
                SQL_TIME.format(Instant.now().plus(Duration.ofMinutes(50))));

        Map<String, String> env = env(port);
        env.put("RP_ID", "localhost");
        env.put("RP_ORIGIN", origin);
        env.put("AUTH_RATE_LIMITS", "off");
        server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), mailer).start();
        AuthHttpClient client = MysqlNodes.client(server);
        MysqlNodes.awaitReady(client);
        return client;
    }

    @Test
    void whatTheNextJsAppLeftWorksThroughHttp() throws Exception {
        int port = MysqlNodes.freePort();
        String origin = "http://localhost:" + port;
        Map<String, String> before = legacyStructure();
        AuthHttpClient anyone = startOnNextjsData(origin, port);

        // The passkey the Next.js app registered signs in, lists, renames; its counter carries on.
        AuthHttpClient bob = MysqlNodes.client(server);
        Response options = bob.get("/api/auth/passkey/login-options");
        Response verified = bob.postJson("/api/auth/passkey/login-verify", Map.of("credential", bobsPhone.get(options.json(), origin)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(bob.get("/api/auth/session").json()).extractingByKey("user").asString().contains("bob@example.org");
        Object passkeys = bob.get("/api/auth/passkey/list").json().get("passkeys");
        assertThat(passkeys).asList().singleElement().asString().contains("Primary Device");
        Map<String, Object> row = rows("SELECT id, sign_count, credential_id FROM user_passkeys").get(0);
        assertThat(((Number) row.get("sign_count")).longValue()).isEqualTo(4);
        assertThat((byte[]) row.get("credential_id")).as("still what the Next.js app looks up")
                .isEqualTo(bobsPhone.credentials().get(0).id().getBytes(StandardCharsets.US_ASCII));
        Response addAnother = bob.postJson("/api/auth/passkey/register-options", Map.of(), "X-CSRF-Token", bob.csrfToken());
        assertThat(addAnother.body()).as("the Next.js app's own exclusion list never matched (ids encoded twice)")
                .contains("\"id\":\"" + bobsPhone.credentials().get(0).id() + "\"");
        Response renamed = bob.postJson("/api/auth/passkey/rename", Map.of("passkeyId", row.get("id"), "deviceName", "Bob's phone"),
                "X-CSRF-Token", bob.csrfToken());
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(rows("SELECT device_name FROM user_passkeys").get(0).get("device_name")).isEqualTo("Bob's phone");

        // The confirmation link the Next.js app mailed works once.
        assertThat(anyone.get("/api/auth/confirm-email?token=" + CONFIRM_TOKEN).status()).isEqualTo(200);
        assertThat(anyone.get("/api/auth/confirm-email?token=" + CONFIRM_TOKEN).status()).as("a second use").isEqualTo(400);
        assertThat(rows("SELECT active FROM users WHERE username = 'cat'").get(0).get("active").toString()).isEqualTo("1");
        assertThat(rows("SELECT * FROM email_confirmation_token")).isEmpty();

        // The reset link works once; no plaintext token is left.
        Response reset = anyone.postJson("/api/auth/reset-password", Map.of("token", RESET_TOKEN, "password", "a brand new passphrase"));
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(anyone.postJson("/api/auth/reset-password", Map.of("token", RESET_TOKEN, "password", "another passphrase"))
                .status()).as("a second use").isEqualTo(400);
        assertThat(rows("SELECT * FROM password_reset_token")).isEmpty();
        assertThat(MysqlNodes.client(server).signIn("dan@example.org", "a brand new passphrase").status()).isEqualTo(200);

        // API keys: view, whoami, regenerate, with users.session_hash as the Next.js app and OpenML's API read it.
        AuthHttpClient ada = MysqlNodes.client(server);
        assertThat(ada.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
        assertThat(ada.get("/api/user/api-key").json()).containsEntry("apikey", ADA_KEY);
        assertThat(anyone.get("/api/user/whoami?api_key=" + ADA_KEY).status()).isEqualTo(200);
        Response regenerated = ada.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", ada.csrfToken());
        assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
        String fresh = String.valueOf(regenerated.json().get("apiKey"));
        assertThat(fresh).matches("[0-9a-f]{32}").isNotEqualTo(ADA_KEY);
        assertThat(anyone.get("/api/user/whoami?api_key=" + ADA_KEY).status()).isEqualTo(401);
        assertThat(anyone.get("/api/user/whoami?api_key=" + fresh).status()).isEqualTo(200);
        assertThat(rows("SELECT session_hash FROM users WHERE username = 'ada'").get(0).get("session_hash")).isEqualTo(fresh);

        assertThat(legacyStructure()).isEqualTo(before);
    }
}

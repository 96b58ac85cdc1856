package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.jdbc.ScratchMysqlDatabase;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;

/**
 * Google sign-in (OpenID Connect against mock-oauth2-server) on MariaDB with OpenML's legacy
 * schema, configured through the environment as in production: the account is created in the
 * legacy tables with its link in users.external_source / external_id, and signs in again by it.
 */
class GoogleSignInOnMariaDbTest {
    static final String CLIENT_ID = "openml-google-client";

    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    private MockOAuth2Server oidc;
    private AuthServer server;
    private AuthHttpClient browser;

    @BeforeEach
    void start() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start(InetAddress.getLoopbackAddress(), 0);
        Map<String, String> env = MysqlNodes.env(mysql.db().config(), MysqlNodes.freePort());
        env.put("GOOGLE_ID", CLIENT_ID);
        env.put("GOOGLE_SECRET", "google-secret");
        env.put("GOOGLE_ISSUER", oidc.issuerUrl("google").toString());
        server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), new RecordingMailer()).start();
        browser = MysqlNodes.client(server);
        MysqlNodes.awaitReady(browser);
        mysql.db().deleteAccounts();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        oidc.shutdown();
    }

    private Response signIn(String subject) throws Exception {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("google", subject, "JWT", null,
                Map.of("email", "ada@example.org", "email_verified", true, "given_name", "Ada", "family_name", "Lovelace"), 3600));
        AuthHttpClient fresh = MysqlNodes.client(server);
        browser = fresh;
        Response start = fresh.get("/api/auth/signin/google?callbackUrl=/account");
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        HttpResponse<String> atGoogle = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(start.header("Location").orElseThrow())).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(atGoogle.headers().firstValue("Location").orElseThrow(() -> new IOException("no redirect")));
        return fresh.get(callback.getRawPath() + "?" + callback.getRawQuery());
    }

    @Test
    void aVerifiedGoogleAccountIsCreatedInTheLegacyTablesAndSignsInAgainByItsLink() throws Exception {
        Response done = signIn("google-sub-42");

        assertThat(done.header("Location")).as(done.body()).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
        assertThat(browser.get("/api/auth/session").json()).containsKey("user");
        assertThat(mysql.db().strings("SELECT CONCAT(external_source, ':', external_id, ':', active, ':', username)"
                + " FROM users WHERE email = 'ada@example.org'")).containsExactly("google:google-sub-42:1:alovelace");
        assertThat(mysql.db().strings("SELECT session_hash FROM users WHERE email = 'ada@example.org'"))
                .singleElement().asString().matches("[0-9a-f]{32}");
        assertThat(mysql.db().count("SELECT COUNT(*) FROM users_groups g JOIN users u ON u.id = g.user_id"
                + " WHERE u.email = 'ada@example.org' AND g.group_id = 2")).isEqualTo(1);

        signIn("google-sub-42");
        assertThat(browser.get("/api/auth/session").json()).containsKey("user");
        assertThat(mysql.db().count("SELECT COUNT(*) FROM users WHERE email = 'ada@example.org'")).as("no second account").isEqualTo(1);
    }
}

package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.jdbc.ScratchMysqlDatabase;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;

/**
 * Issue 16, finding 3, on MariaDB with OpenML's legacy schema, whose {@code latin1_swedish_ci}
 * collation matches {@code vìctim@} to {@code victim@}. An accent variant is another mailbox: it
 * never reaches the account (sign-in, reset mails, a provider link), so it cannot bring a fresh
 * budget of guesses or mails to it, and the account's pause holds however it is spelled.
 */
class AccentVariantsOnMariaDbTest {
    static final String VICTIM = "victim@example.org";
    static final String PASSWORD = "correct horse battery staple";
    static final List<String> VARIANTS = List.of("vìctim@example.org", "vîctim@example.org", "víctim@example.org",
            "VÌCTIM@example.org", "vïctim@example.org");

    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    final RecordingMailer mailer = new RecordingMailer();
    private MockOAuth2Server oidc;
    private AuthServer server;

    @BeforeEach
    void start() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start(InetAddress.getLoopbackAddress(), 0);
        Map<String, String> env = MysqlNodes.env(mysql.db().config(), MysqlNodes.freePort());
        env.put("GOOGLE_ID", "openml-google-client");
        env.put("GOOGLE_SECRET", "google-secret");
        env.put("GOOGLE_ISSUER", oidc.issuerUrl("google").toString());
        server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), mailer).start();
        MysqlNodes.awaitReady(browser());
        mysql.db().deleteAccounts();
        Response registered = browser().postJson("/api/auth/register",
                Map.of("firstName", "Vic", "lastName", "Tim", "email", VICTIM, "password", PASSWORD));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Mail.Confirmation confirm = await(() -> mailer.lastTo(VICTIM, Mail.Confirmation.class));
        assertThat(browser().get("/api/auth/confirm-email?token=" + RecordingMailer.tokenOf(confirm.link())).status()).isEqualTo(200);
        mailer.clear();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        oidc.shutdown();
    }

    AuthHttpClient browser() {
        return MysqlNodes.client(server);
    }

    static <T> T await(java.util.function.Supplier<java.util.Optional<T>> probe) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
            java.util.Optional<T> found = probe.get();
            if (found.isPresent()) return found.get();
            Thread.sleep(50);
        }
        throw new AssertionError("timed out");
    }

    @Test
    void theCollationReallyMatchesTheVariants() {
        for (String variant : VARIANTS) {
            assertThat(mysql.db().count("SELECT COUNT(*) FROM users WHERE email = ?", variant)).as(variant).isEqualTo(1);
        }
    }

    @Test
    void aVariantNeverSignsInToTheAccountAndTheAccountsPauseHoldsForEverySpelling() {
        for (String variant : VARIANTS) {
            assertThat(browser().signIn(variant, PASSWORD).status()).as("the right password under " + variant).isEqualTo(401);
        }
        for (int i = 0; i < 5; i++) assertThat(browser().signIn(VICTIM, "guess " + i).status()).isEqualTo(401);
        assertThat(browser().signIn(VICTIM, PASSWORD).json()).containsEntry("code", "sign_in_locked");
        String username = mysql.db().strings("SELECT username FROM users WHERE email = ?", VICTIM).get(0);
        assertThat(browser().signIn(username, PASSWORD).json()).as("by username too").containsEntry("code", "sign_in_locked");
        assertThat(browser().signIn(VICTIM.toUpperCase(java.util.Locale.ROOT), PASSWORD).json()).containsEntry("code", "sign_in_locked");
    }

    @Test
    void resetMailsForVariantsNeverReachTheAccountsInboxAndShareOneBudget() throws Exception {
        List<Integer> variantAnswers = new java.util.ArrayList<>();
        for (String variant : VARIANTS) {
            variantAnswers.add(browser().postJson("/api/auth/forgot-password", Map.of("email", variant)).status());
        }
        // Unknown addresses are counted like known ones (so a 429 tells nothing), folded: the variants share one budget.
        assertThat(variantAnswers).containsExactly(200, 200, 200, 429, 429);
        for (int i = 0; i < 4; i++) browser().postJson("/api/auth/forgot-password", Map.of("email", i % 2 == 0 ? VICTIM : "Victim@Example.org"));
        long resets = mailer.sent().stream().filter(m -> m instanceof Mail.PasswordReset).count();
        assertThat(resets).as("3 per hour for the account, however spelled; the variants sent none").isEqualTo(3);
        assertThat(mailer.sent()).allMatch(m -> m.to().value().equals(VICTIM));
    }

    @Test
    void aProviderAccountVerifiedForAVariantIsNotLinkedToTheAccount() throws Exception {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("google", "someone-elses-google", "JWT", null,
                Map.of("email", "vìctim@example.org", "email_verified", true, "given_name", "V", "family_name", "Ariant"), 3600));
        AuthHttpClient other = browser();
        Response start = other.get("/api/auth/signin/google?callbackUrl=/account");
        HttpResponse<String> atGoogle = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(start.header("Location").orElseThrow())).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(atGoogle.headers().firstValue("Location").orElseThrow(() -> new IOException("no redirect")));
        Response done = other.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(done.header("Location")).hasValueSatisfying(l -> assertThat(l).contains("/auth/error"));
        assertThat(mysql.db().count("SELECT COUNT(*) FROM users WHERE email = ? AND external_source = 'google'", VICTIM))
                .as("the victim's account stays unlinked").isZero();
        assertThat(mysql.db().count("SELECT COUNT(*) FROM users WHERE external_id = 'someone-elses-google'")).isZero();
        Map<String, Object> session = other.get("/api/auth/session").json();
        assertThat(session).doesNotContainKey("user");
    }
}

package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

/**
 * Reuse, expiry and tampering of everything single-use, against the running server: mailed
 * confirmation and reset tokens, passkey challenges and the OAuth state. The OAuth round trip
 * through a real provider (state from another browser, replayed callbacks, expired state) is in
 * {@code GitHubSignInTest} and {@code GoogleSignInTest}; here the server's callback route is
 * attacked without any state of its own.
 */
class OneTimeTokenAttackTest {
    static final String ADA = "ada@example.org";
    static final String NEW_PASSWORD = "a brand new passphrase";

    @TempDir
    Path dir;
    AttackTarget target;

    @BeforeEach
    void start() throws Exception {
        target = AttackTarget.start(dir);
    }

    @AfterEach
    void stop() {
        target.close();
    }

    String mailedToken(Class<? extends Mail> kind) {
        return RecordingMailer.tokenOf(target.mailer.lastTo(ADA, kind).orElseThrow().link());
    }

    static List<String> tampered(String token) {
        return List.of(token.substring(0, token.length() - 1), token + "0", token.toUpperCase(Locale.ROOT),
                (token.charAt(0) == 'a' ? "b" : "a") + token.substring(1), token.substring(0, 32), token + " x", "x" + token,
                token + "%00", "", "0".repeat(64));
    }

    @Test
    void confirmationTokensExpireAfter24HoursAndTamperedOnesNeverWork() throws Exception {
        target.register(ADA, AttackTarget.PASSWORD);
        String token = mailedToken(Mail.Confirmation.class);
        AuthHttpClient attacker = target.browser();
        for (String t : tampered(token)) {
            Response r = attacker.get("/api/auth/confirm-email?token=" + java.net.URLEncoder.encode(t, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.status()).as(t + ": " + r.body()).isEqualTo(400);
        }
        assertThat(target.count("SELECT COUNT(*) FROM users WHERE active = 1")).isZero();

        target.clock.advance(Duration.ofHours(24).plusMinutes(1));
        Response expired = attacker.get("/api/auth/confirm-email?token=" + token);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json()).containsEntry("code", "token_expired");
        assertThat(target.count("SELECT COUNT(*) FROM users WHERE active = 1")).isZero();

        // A new link works once; the account is then confirmed, and the old link stays dead.
        attacker.postJson("/api/auth/resend-confirmation", Map.of("email", ADA));
        String fresh = mailedToken(Mail.Confirmation.class);
        assertThat(attacker.get("/api/auth/confirm-email?token=" + fresh).status()).isEqualTo(200);
        assertThat(attacker.get("/api/auth/confirm-email?token=" + token).status()).isEqualTo(400);
        Response reused = attacker.get("/api/auth/confirm-email?token=" + fresh);
        assertThat(reused.body()).as("a used link confirms nothing again").doesNotContain("confirmed successfully");
        assertThat(reused.status()).isIn(200, 400);
    }

    @Test
    void resetTokensAreSingleUseExpireAfterAnHourAndVoidOlderOnes() throws Exception {
        target.confirmedAccount(ADA);
        AuthHttpClient attacker = target.browser();
        String confirmation = mailedToken(Mail.Confirmation.class);
        attacker.postJson("/api/auth/forgot-password", Map.of("email", ADA));
        String first = mailedToken(Mail.PasswordReset.class);
        attacker.postJson("/api/auth/forgot-password", Map.of("email", ADA));
        String second = mailedToken(Mail.PasswordReset.class);

        List<String> failures = new ArrayList<>();
        for (String t : tampered(second)) {
            Response r = attacker.postJson("/api/auth/reset-password", Map.of("token", t, "password", NEW_PASSWORD));
            if (r.status() != 400) failures.add(t + " -> " + r.status());
        }
        assertThat(failures).isEmpty();
        assertThat(attacker.postJson("/api/auth/reset-password", Map.of("token", confirmation, "password", NEW_PASSWORD)).status())
                .as("a confirmation token is no reset token").isEqualTo(400);
        assertThat(attacker.postJson("/api/auth/reset-password", Map.of("token", first, "password", NEW_PASSWORD)).status())
                .as("the older link was voided by the newer").isEqualTo(400);
        assertThat(target.browser().signIn(ADA, AttackTarget.PASSWORD).status()).as("password unchanged so far").isEqualTo(200);

        assertThat(attacker.postJson("/api/auth/reset-password", Map.of("token", second, "password", NEW_PASSWORD)).status()).isEqualTo(200);
        Response reused = attacker.postJson("/api/auth/reset-password", Map.of("token", second, "password", "attacker's passphrase"));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json()).containsEntry("code", "token_used");
        assertThat(target.browser().signIn(ADA, NEW_PASSWORD).status()).isEqualTo(200);

        attacker.postJson("/api/auth/forgot-password", Map.of("email", ADA));
        String late = mailedToken(Mail.PasswordReset.class);
        target.clock.advance(Duration.ofHours(1).plusSeconds(1));
        Response expired = attacker.postJson("/api/auth/reset-password", Map.of("token", late, "password", "attacker's passphrase"));
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json()).containsEntry("code", "token_expired");
        assertThat(target.browser().signIn(ADA, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void passkeyChallengesAreSingleUseBoundToTheBrowserAndExpireAfterFiveMinutes() {
        target.confirmedAccount(ADA);
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        AuthHttpClient ada = target.signedIn(ADA);
        String csrf = ada.csrfToken();
        Response options = ada.postJson("/api/auth/passkey/register-options", Map.of(), "X-CSRF-Token", csrf);
        Map<String, Object> credential = authenticator.create(options.json(), target.base);
        assertThat(ada.postJson("/api/auth/passkey/register-verify", Map.of("credential", credential), "X-CSRF-Token", csrf)
                .status()).isEqualTo(200);
        assertThat(ada.postJson("/api/auth/passkey/register-verify", Map.of("credential", credential), "X-CSRF-Token", csrf)
                .status()).as("the same registration again").isEqualTo(400);

        AuthHttpClient browser = target.browser();
        Map<String, Object> assertion = authenticator.get(browser.get("/api/auth/passkey/login-options").json(), target.base);
        AuthHttpClient thief = target.browser();
        assertThat(thief.postJson("/api/auth/passkey/login-verify", Map.of("credential", assertion)).status())
                .as("another browser, without the ceremony cookie").isEqualTo(400);
        assertThat(browser.postJson("/api/auth/passkey/login-verify", Map.of("credential", assertion)).status()).isEqualTo(200);
        AuthHttpClient replay = target.browser();
        replay.get("/api/auth/passkey/login-options");
        assertThat(replay.postJson("/api/auth/passkey/login-verify", Map.of("credential", assertion)).status())
                .as("a used assertion in a fresh ceremony").isIn(400, 401);

        AuthHttpClient slow = target.browser();
        Map<String, Object> late = authenticator.get(slow.get("/api/auth/passkey/login-options").json(), target.base);
        target.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        Response expired = slow.postJson("/api/auth/passkey/login-verify", Map.of("credential", late));
        assertThat(expired.status()).as(expired.body()).isEqualTo(400);
        assertThat(slow.get("/api/auth/session").body()).isEqualTo("{}");
    }

    @Test
    void anOAuthCallbackWithoutItsStateSignsNobodyIn() {
        AuthHttpClient attacker = target.browser();
        attacker.get("/api/auth/signin/github"); // a state of the attacker's own, in the attacker's browser
        AuthHttpClient victim = target.browser();
        for (String query : List.of("?code=stolen&state=forged", "?code=stolen", "?state=forged", "?error=access_denied&state=x", "")) {
            Response r = victim.get("/api/auth/callback/github" + query);
            assertThat(r.status()).as(query).isEqualTo(302);
            assertThat(r.header("Location")).as(query).get().asString().contains("/auth/error?error=");
            assertThat(victim.get("/api/auth/session").body()).isEqualTo("{}");
        }
    }
}

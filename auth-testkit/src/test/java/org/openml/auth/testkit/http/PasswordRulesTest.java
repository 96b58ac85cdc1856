package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.password.CommonPasswords;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** NIST SP 800-63B rules for new passwords: Unicode normalised, not common, not the account's identity. */
class PasswordRulesTest {
    TestAuthServer server;
    AuthHttpClient client;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        client = server.newClient();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Response register(String email, String password) {
        return client.postJson("/api/auth/register", Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email, "password", password));
    }

    @Test
    void theBundledListHoldsTheCommonLongPasswords() {
        assertThat(CommonPasswords.size()).isGreaterThan(17_000);
        assertThat(CommonPasswords.contains("Password1")).isTrue();
        assertThat(CommonPasswords.contains("ＰＡＳＳＷＯＲＤ１")).as("full-width forms normalise to the same").isTrue();
        assertThat(CommonPasswords.contains("correct horse battery staple")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1", "Sunshine1", "QWERTYUIOP", "iloveyou1", "princess1"})
    void commonPasswordsAreRefusedAndWriteNothing(String password) {
        Response r = register("ada@example.org", password);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsEntry("code", "password_too_common")
                .containsEntry("message", "This password is too common. Please choose another one.");
        assertThat(server.stores().users().size()).isZero();
    }

    @Test
    void aPasswordEqualToTheEmailOrItsLocalPartIsRefused() {
        assertThat(register("adalovelace@example.org", "AdaLovelace@Example.org").json()).containsEntry("code", "password_matches_identity");
        assertThat(register("adalovelace@example.org", "ADALOVELACE").json()).containsEntry("code", "password_matches_identity");
        assertThat(server.stores().users().size()).isZero();
        assertThat(register("adalovelace@example.org", "adalovelace and more").status()).isEqualTo(201);
    }

    @Test
    void anyUnicodeFormOfThePasswordSignsIn() {
        String decomposed = "pa\u0308sswo\u0308rd \u2713 u\u0308nicode"; // "pässwörd ✓ ünicode" typed with combining marks
        String composed = "p\u00e4ssw\u00f6rd \u2713 \u00fcnicode";
        Accounts.registerConfirmed(server, "ada@example.org", decomposed);

        assertThat(server.newClient().signIn("ada@example.org", composed).status()).isEqualTo(200);
        assertThat(server.newClient().signIn("ada@example.org", decomposed).status()).isEqualTo(200);
        assertThat(server.newClient().signIn("ada@example.org", "passwort \u2713 unicode").status()).isEqualTo(401);
    }

    @Test
    void aHashOfThePasswordAsTypedStillSignsInAndIsReplacedByTheNormalisedForm() {
        Accounts.registerConfirmed(server, "ada@example.org", "a placeholder passphrase");
        User ada = server.stores().users().findByEmail(new Email("ada@example.org")).orElseThrow();
        String decomposed = "caf\u0065\u0301 au lait, s'il vous pla\u0131\u0302t";
        // As another stack stored it: the bytes as typed, not NFKC.
        server.stores().users().updatePasswordHash(ada.id(), server.hasher().hash(new RawPassword(decomposed)));

        assertThat(server.newClient().signIn("ada@example.org", decomposed).status()).isEqualTo(200);

        String stored = server.stores().users().findById(ada.id()).orElseThrow().passwordHash().encoded();
        assertThat(server.hasher().verify(new RawPassword(java.text.Normalizer.normalize(decomposed, java.text.Normalizer.Form.NFKC)),
                new org.openml.auth.core.domain.PasswordHash(stored))).as("re-hashed in the normalised form").isTrue();
    }

    @Test
    void resetRefusesCommonAndIdentityPasswordsAndKeepsTheLink() {
        Accounts.registerConfirmed(server, "ada@example.org", "correct horse battery staple");
        client.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org"));
        String token = RecordingMailer.tokenOf(server.mailer().lastTo("ada@example.org", Mail.PasswordReset.class).orElseThrow().link());

        assertThat(client.postJson("/api/auth/reset-password", Map.of("token", token, "password", "football1")).json())
                .containsEntry("code", "password_too_common");
        assertThat(client.postJson("/api/auth/reset-password", Map.of("token", token, "password", "ada@example.org")).json())
                .containsEntry("code", "password_matches_identity");
        assertThat(client.postJson("/api/auth/reset-password", Map.of("token", token, "password", "a fresh long passphrase")).status())
                .as("the link still works after refused attempts").isEqualTo(200);
    }
}

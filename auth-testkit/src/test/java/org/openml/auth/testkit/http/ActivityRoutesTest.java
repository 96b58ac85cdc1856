package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.AuditEvent.Method;
import org.openml.auth.core.domain.AuditEvent.Outcome;
import org.openml.auth.core.domain.AuditEvent.Type;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.User;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.AuthServerExtension;
import org.openml.auth.testkit.FakeOAuthProvider;
import org.openml.auth.testkit.InMemoryAuditEventStore;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

/** The audit log as users and operators meet it: GET /api/user/activity, and the security mails. */
class ActivityRoutesTest {
    static final String ACTIVITY = "/api/user/activity";
    static final String P = "/api/auth/passkey/";

    @RegisterExtension
    final AuthServerExtension auth = AuthServerExtension.withFakeOAuth();

    InMemoryAuditEventStore log() {
        return auth.server().stores().auditEvents();
    }

    User user(String email) {
        return auth.server().stores().users().findByEmail(new Email(email)).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> events(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) r.json().get("events");
    }

    static List<String> types(Response r) {
        return events(r).stream().map(e -> e.get("type") + "/" + e.get("outcome")).toList();
    }

    /** Waits for the account's history to hold {@code count} events: refused sign-ins are written in the background. */
    List<AuditEvent> awaitEvents(String email, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<AuditEvent> events = log().recent(user(email).id(), 100);
        while (events.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            events = log().recent(user(email).id(), 100);
        }
        assertThat(events).as("events of " + email).hasSize(count);
        return events;
    }

    /** A client signed in to an existing account with the extension's default password. */
    AuthHttpClient signIn(String email) {
        AuthHttpClient client = auth.newClient();
        assertThat(client.signIn(email, AuthServerExtension.DEFAULT_PASSWORD).status()).isEqualTo(200);
        return client;
    }

    Response regenerate(AuthHttpClient client) {
        return client.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", client.csrfToken());
    }

    @Test
    void withoutASessionTheAnswerIs401() {
        Response none = auth.newClient().get(ACTIVITY);
        Response forged = auth.newClient().get(ACTIVITY, "Authorization", "Bearer not-a-session");

        for (Response r : List.of(none, forged)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).containsEntry("error", "Unauthorized").containsEntry("code", "unauthorized");
        }
    }

    @Test
    void aUserSeesTheirSignInsNewestFirstWithTimeAddressMethodAndOutcome() {
        auth.confirmedUser("ada@example.org");
        assertThat(auth.newClient().signIn("ada@example.org", "wrong password!").status()).isEqualTo(401);
        awaitEvents("ada@example.org", 3);
        auth.clock().advance(java.time.Duration.ofMinutes(1));
        AuthHttpClient ada = signIn("ada@example.org");

        Response r = ada.get(ACTIVITY);

        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(types(r)).containsExactly("sign_in/success", "sign_in/failure", "email_confirmed/success",
                "account_created/success");
        Map<String, Object> newest = events(r).get(0);
        assertThat(newest).containsEntry("method", "password").containsEntry("ip", "127.0.0.1")
                .containsEntry("at", auth.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString())
                .containsEntry("detail", null);
        assertThat(events(r).get(2)).containsEntry("method", "email_link");
        assertThat(r.body()).doesNotContain("correct horse").doesNotContain("wrong password");
    }

    @Test
    void aBearerSessionSeesTheSameAndOthersActivityStaysHidden() {
        auth.confirmedUser("ada@example.org");
        auth.confirmedUser("bob@example.org");
        AuthHttpClient ada = signIn("ada@example.org");
        String token = ada.cookie("next-auth.session-token").orElseThrow();

        Response r = auth.newClient().get(ACTIVITY, "Authorization", "Bearer " + token);

        assertThat(types(r)).containsExactly("sign_in/success", "email_confirmed/success", "account_created/success");
        assertThat(log().recent(user("bob@example.org").id(), 10)).hasSize(2);
    }

    @Test
    void failedSignInsWithUnknownLoginsAreKeptOutOfEveryHistory() {
        auth.confirmedUser("ada@example.org");
        int before = log().all().size();

        assertThat(auth.newClient().signIn("nobody@example.org", "some password").status()).isEqualTo(401);
        assertThat(auth.newClient().signIn("no_such_user", "some password").status()).isEqualTo(401);
        // A known one after them: the background writer keeps order, so once it is in, the others are done.
        assertThat(auth.newClient().signIn("ada@example.org", "some password").status()).isEqualTo(401);
        awaitEvents("ada@example.org", 3);

        assertThat(log().all()).hasSize(before + 1);
    }

    @Test
    void aFailedSignInByUsernameGoesIntoThatAccountsHistory() {
        User ada = auth.confirmedUser("ada@example.org");

        auth.newClient().signIn(ada.username().value(), "wrong password!");

        assertThat(awaitEvents("ada@example.org", 3).get(0)).satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.SIGN_IN);
            assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        });
    }

    @Test
    void theLimitDefaultsTo20AndIsCappedAt100() {
        User ada = auth.confirmedUser("ada@example.org");
        for (int i = 0; i < 130; i++) {
            auth.services().accountActivity().record(ada.id(), Type.SIGN_IN, Method.PASSWORD, Outcome.FAILURE, "192.0.2.1",
                    Optional.empty());
        }
        AuthHttpClient client = signIn("ada@example.org");

        assertThat(events(client.get(ACTIVITY))).hasSize(20);
        assertThat(events(client.get(ACTIVITY + "?limit=3"))).hasSize(3);
        assertThat(events(client.get(ACTIVITY + "?limit=100"))).hasSize(100);
        assertThat(events(client.get(ACTIVITY + "?limit=1000"))).hasSize(100);
        assertThat(events(client.get(ACTIVITY + "?limit=99999999999999999999"))).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "", "%20", "1e3", "0x10", "%EF%BC%91"})
    void aBadLimitIsRefusedWith400(String limit) {
        auth.confirmedUser("ada@example.org");
        AuthHttpClient client = signIn("ada@example.org");

        Response r = client.get(ACTIVITY + "?limit=" + limit);

        assertThat(r.status()).as(limit).isEqualTo(400);
        assertThat(r.json()).containsEntry("code", "invalid_limit");
        assertThat((String) r.json().get("error")).contains("1 to 100");
    }

    @Test
    void aRegeneratedKeyIsRecordedAndMailedWithTheAddressAndWhatToDo() {
        auth.confirmedUser("ada@example.org");
        AuthHttpClient ada = signIn("ada@example.org");

        assertThat(regenerate(ada).status()).isEqualTo(200);

        assertThat(types(ada.get(ACTIVITY)).get(0)).isEqualTo("api_key_regenerated/success");
        assertThat(events(ada.get(ACTIVITY)).get(0)).containsEntry("method", "session").containsEntry("ip", "127.0.0.1");
        Mail.SecurityNotice notice = auth.inbox().lastTo("ada@example.org", Mail.SecurityNotice.class).orElseThrow();
        assertThat(notice.change()).isEqualTo(Mail.SecurityNotice.Change.API_KEY_REGENERATED);
        assertThat(notice.ipAddress()).isEqualTo("127.0.0.1");
        assertThat(notice.link()).isEqualTo(URI.create(auth.baseUrl() + "/account"));
        assertThat(notice.passwordResetLink()).isEqualTo(URI.create(auth.baseUrl() + "/auth/forgot-password"));
        assertThat(ada.get("/api/user/api-key").json().get("lastRegeneratedAt")).as("the api_key_audit row still answers")
                .isNotNull();
    }

    @Test
    void aFailingAuditStoreBreaksNeitherSignInNorRegenerationNorTheirMails() {
        auth.confirmedUser("ada@example.org");
        log().failWrites(true);

        AuthHttpClient ada = signIn("ada@example.org");
        Response regenerated = regenerate(ada);

        assertThat(regenerated.status()).isEqualTo(200);
        assertThat(auth.inbox().lastTo("ada@example.org", Mail.SecurityNotice.class)).isPresent();
        assertThat(types(ada.get(ACTIVITY))).as("nothing written while it was down")
                .containsExactly("email_confirmed/success", "account_created/success");
        log().failWrites(false);
        assertThat(auth.newClient().signIn("ada@example.org", AuthServerExtension.DEFAULT_PASSWORD).status()).isEqualTo(200);
        assertThat(types(ada.get(ACTIVITY)).get(0)).isEqualTo("sign_in/success");
    }

    @Test
    void aFailingMailerDoesNotFailTheChangeItReports() {
        auth.confirmedUser("ada@example.org");
        AuthHttpClient ada = signIn("ada@example.org");
        auth.inbox().failNext(1);

        Response r = regenerate(ada);

        assertThat(r.status()).isEqualTo(200);
        assertThat(types(ada.get(ACTIVITY)).get(0)).isEqualTo("api_key_regenerated/success");
        assertThat(auth.inbox().lastTo("ada@example.org", Mail.SecurityNotice.class)).isEmpty();
    }

    @Test
    void aPasswordResetIsRecordedAndMailed() {
        auth.confirmedUser("ada@example.org");
        AuthHttpClient client = auth.newClient();
        client.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org"));
        String token = RecordingMailer.tokenOf(auth.inbox().lastTo("ada@example.org", Mail.PasswordReset.class).orElseThrow().link());

        assertThat(client.postJson("/api/auth/reset-password", Map.of("token", token, "password", "a brand new passphrase"))
                .status()).isEqualTo(200);

        AuditEvent newest = log().recent(user("ada@example.org").id(), 1).get(0);
        assertThat(newest.type()).isEqualTo(Type.PASSWORD_RESET);
        assertThat(newest.method()).isEqualTo(Method.EMAIL_LINK);
        assertThat(auth.inbox().lastTo("ada@example.org", Mail.SecurityNotice.class).orElseThrow().change())
                .isEqualTo(Mail.SecurityNotice.Change.PASSWORD_CHANGED);
    }

    @Test
    void passkeyChangesAreRecordedWithTheirNamesAndAnAddedOneIsMailed() {
        SoftwareAuthenticator laptop = auth.newAuthenticator();
        AuthHttpClient ada = auth.passkeySignedInClient("ada@example.org", laptop);
        String origin = auth.baseUrl().toString();
        Response options = ada.postJson(P + "register-options", Map.of());
        Response added = ada.postJson(P + "register-verify",
                Map.of("credential", auth.newAuthenticator().create(options.json(), origin), "deviceName", "Phone"), "Origin", origin);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) ada.get(P + "list").json().get("passkeys");
        Object phoneId = keys.stream().filter(k -> "Phone".equals(k.get("deviceName"))).findFirst().orElseThrow().get("id");
        assertThat(ada.postJson(P + "rename", Map.of("passkeyId", phoneId, "deviceName", "Old phone"), "Origin", origin).status())
                .isEqualTo(200);
        assertThat(ada.postJson(P + "remove", Map.of("passkeyId", phoneId), "Origin", origin).status()).isEqualTo(200);
        assertThat(ada.postJson(P + "remove", Map.of("passkeyId", 999_999), "Origin", origin).status()).isEqualTo(404);

        List<Map<String, Object>> events = events(ada.get(ACTIVITY));
        assertThat(events).extracting(e -> e.get("type") + ":" + e.get("detail")).containsExactly(
                "passkey_removed:Old phone", "passkey_renamed:Old phone", "passkey_added:Phone",
                "sign_in:Primary Device", "account_created:Primary Device");
        assertThat(events).allSatisfy(e -> assertThat(e).containsEntry("outcome", "success"));
        Mail.SecurityNotice notice = auth.inbox().lastTo("ada@example.org", Mail.SecurityNotice.class).orElseThrow();
        assertThat(notice.change()).isEqualTo(Mail.SecurityNotice.Change.PASSKEY_ADDED);
        assertThat(notice.detail()).contains("Phone");
        assertThat(auth.inbox().sent().stream().filter(Mail.SecurityNotice.class::isInstance)).as("only the added one").hasSize(1);
    }

    @Test
    void aPasskeySignInIsRecordedAndAForgedOneIsNot() {
        SoftwareAuthenticator laptop = auth.newAuthenticator();
        auth.passkeySignedInClient("ada@example.org", laptop);
        int before = log().all().size();

        AuthHttpClient again = auth.passkeySignIn(laptop);
        AuthHttpClient forger = auth.newClient();
        Response options = forger.get(P + "login-options");
        // Ada's own authenticator, signing for another origin: refused, and not to be pinned on Ada.
        Response forged = forger.postJson(P + "login-verify",
                Map.of("credential", laptop.get(options.json(), "https://evil.example")));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(log().all()).hasSize(before + 1);
        assertThat(types(again.get(ACTIVITY)).get(0)).isEqualTo("sign_in/success");
        assertThat(events(again.get(ACTIVITY)).get(0)).containsEntry("method", "passkey");
    }

    @Test
    void linkingAnAccountToGitHubIsRecordedAndMailed() {
        auth.confirmedUser("bob@example.org");

        AuthHttpClient bob = auth.oauthSignedInClient("github",
                FakeOAuthProvider.profile("github", "4242", "bob@example.org", true, "Bob", "Builder"));

        assertThat(events(bob.get(ACTIVITY))).extracting(e -> e.get("type") + ":" + e.get("method") + ":" + e.get("detail"))
                .startsWith("sign_in:github:null", "account_linked:github:GitHub");
        Mail.SecurityNotice notice = auth.inbox().lastTo("bob@example.org", Mail.SecurityNotice.class).orElseThrow();
        assertThat(notice.change()).isEqualTo(Mail.SecurityNotice.Change.ACCOUNT_LINKED);
        assertThat(notice.detail()).contains("GitHub");
    }

    @Test
    void anAccountCreatedByGoogleIsRecordedWithoutALinkMail() {
        AuthHttpClient carol = auth.oauthSignedInClient("google",
                FakeOAuthProvider.profile("google", "g-77", "carol@example.org", true, "Carol", "Danvers"));

        assertThat(events(carol.get(ACTIVITY))).extracting(e -> e.get("type") + ":" + e.get("method"))
                .containsExactly("sign_in:google", "account_created:google");
        assertThat(auth.inbox().lastTo("carol@example.org", Mail.SecurityNotice.class)).isEmpty();
    }

    @Test
    void anUnreadableLogIsA503NotAnEmptyHistory() {
        auth.confirmedUser("ada@example.org");
        AuthHttpClient ada = signIn("ada@example.org");
        log().failReads(true);

        Response r = ada.get(ACTIVITY);

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json()).containsEntry("code", "store_unavailable").doesNotContainKey("events");
        assertThat(r.body()).doesNotContain("simulated");
    }
}

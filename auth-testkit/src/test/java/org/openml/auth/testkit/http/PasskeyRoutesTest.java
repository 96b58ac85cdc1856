package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.in.Passkeys;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator.CounterMode;

/** The passkey routes end to end, through Yubico's real verification and a software authenticator. */
class PasskeyRoutesTest {
    static final String P = "/api/auth/passkey/";
    static final ObjectMapper JSON = new ObjectMapper();

    TestAuthServer server;
    String origin;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        origin = server.baseUrl().toString();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- helpers: what a browser page does ----

    Response signUp(AuthHttpClient browser, SoftwareAuthenticator authenticator, String first, String last, String email) {
        Response options = browser.postJson(P + "signup-options", Map.of("firstName", first, "lastName", last, "email", email));
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return browser.postJson(P + "signup-verify", Map.of("credential", authenticator.create(options.json(), origin)));
    }

    Response signUp(AuthHttpClient browser, SoftwareAuthenticator authenticator, String email) {
        return signUp(browser, authenticator, "Ada", "Lovelace", email);
    }

    Map<String, Object> assertion(AuthHttpClient browser, SoftwareAuthenticator authenticator) {
        Response options = browser.get(P + "login-options");
        assertThat(options.status()).isEqualTo(200);
        return authenticator.get(options.json(), origin);
    }

    Response signIn(AuthHttpClient browser, SoftwareAuthenticator authenticator) {
        return browser.postJson(P + "login-verify", Map.of("credential", assertion(browser, authenticator)));
    }

    Response addPasskey(AuthHttpClient browser, SoftwareAuthenticator authenticator, String deviceName) {
        Response options = browser.postJson(P + "register-options", Map.of());
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        Map<String, Object> body = new HashMap<>();
        body.put("credential", authenticator.create(options.json(), origin));
        if (deviceName != null) body.put("deviceName", deviceName);
        return browser.postJson(P + "register-verify", body, "Origin", origin);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(AuthHttpClient browser) {
        Response r = browser.get(P + "list");
        assertThat(r.status()).isEqualTo(200);
        return (List<Map<String, Object>>) r.json().get("passkeys");
    }

    User user(String email) {
        return server.stores().users().findByEmail(new Email(email)).orElseThrow();
    }

    Map<String, Object> sessionOf(AuthHttpClient browser) {
        return browser.get("/api/auth/session").json();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> response(Map<String, Object> credential) {
        return (Map<String, Object>) credential.get("response");
    }

    static void assertRefused(Response r, int status, String error) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json()).containsEntry("error", error).containsKey("code");
        assertThat(r.headerValues("Set-Cookie")).noneMatch(c -> c.startsWith("next-auth.session-token="));
    }

    // ---- sign-up ----

    @Test
    void signUpOptionsAreTheBareWebAuthnJsonBoundToTheBrowserByAnHttpOnlyCookie() {
        Response r = server.newClient().postJson(P + "signup-options",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org"));

        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> options = r.json();
        assertThat(options).doesNotContainKey("publicKey").containsKeys("challenge", "user", "pubKeyCredParams");
        assertThat(options.get("rp")).isEqualTo(Map.of("id", "localhost", "name", "OpenML"));
        assertThat(options.get("attestation")).isEqualTo("none");
        assertThat(options.get("authenticatorSelection")).isEqualTo(Map.of("residentKey", "preferred",
                "requireResidentKey", false, "userVerification", "preferred"));
        assertThat((String) options.get("challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(r.headerValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("openml-auth.webauthn-signup=").contains("HttpOnly", "SameSite=Lax", "Max-Age=300"));
        assertThat(server.stores().users().findByEmail(new Email("ada@example.org"))).as("nothing written yet").isEmpty();
    }

    @Test
    void signingUpWithAPasskeyCreatesAnActiveMemberWithAnApiKeyAndSignsIn() {
        AuthHttpClient browser = server.newClient();
        Response r = signUp(browser, new SoftwareAuthenticator(), "Ada", "Lovelace", "ada@example.org");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        User ada = user("ada@example.org");
        assertThat(ada.active()).isTrue();
        assertThat(ada.username().value()).isEqualTo("alovelace");
        assertThat(ada.apiKey()).isPresent();
        assertThat(server.stores().users().groupsOf(ada.id())).extracting(g -> g.id()).containsExactly(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> described = (Map<String, Object>) r.json().get("user");
        assertThat(r.json()).containsEntry("success", true);
        assertThat(described).containsEntry("username", "alovelace").containsEntry("email", "ada@example.org")
                .containsEntry("firstName", "Ada").containsEntry("lastName", "Lovelace")
                .containsEntry("apikey", ada.apiKey().orElseThrow().value());
        assertThat(((Number) described.get("id")).longValue()).isEqualTo(ada.id().value());
        assertThat(sessionOf(browser)).containsKey("user").containsEntry("apikey", ada.apiKey().orElseThrow().value());
        assertThat(list(browser)).singleElement().satisfies(p -> assertThat(p).containsEntry("deviceName", "Primary Device")
                .containsEntry("lastUsedAt", null));
    }

    @Test
    void usernamesFollowOpenMLsGeneratorInitialPlusLastNameThenFullNameThenNumbers() {
        signUp(server.newClient(), new SoftwareAuthenticator(), "Ada", "Lovelace", "a1@example.org");
        signUp(server.newClient(), new SoftwareAuthenticator(), "Ada", "Lovelace", "a2@example.org");
        signUp(server.newClient(), new SoftwareAuthenticator(), "Ada", "Lovelace", "a3@example.org");
        signUp(server.newClient(), new SoftwareAuthenticator(), "Ådа", "O'Brien-Smith", "a4@example.org");

        assertThat(user("a1@example.org").username().value()).isEqualTo("alovelace");
        assertThat(user("a2@example.org").username().value()).isEqualTo("adalovelace");
        assertThat(user("a3@example.org").username().value()).isEqualTo("alovelace1");
        assertThat(user("a4@example.org").username().value()).isEqualTo("dobriensmith");
    }

    @Test
    void anAbandonedSignUpLeavesNothingBehindAndTheEmailStaysFree() {
        AuthHttpClient browser = server.newClient();
        browser.postJson(P + "signup-options", Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org"));
        server.clock().advance(Duration.ofMinutes(10));

        assertThat(server.stores().users().findByEmail(new Email("ada@example.org"))).isEmpty();
        assertThat(signUp(server.newClient(), new SoftwareAuthenticator(), "ada@example.org").status()).isEqualTo(200);
    }

    @Test
    void signUpRefusesMissingFieldsInvalidAndTakenEmails() {
        AuthHttpClient browser = server.newClient();
        assertRefused(browser.postJson(P + "signup-options", Map.of("firstName", "Ada", "email", "ada@example.org")),
                400, "All fields are required");
        assertRefused(browser.postJson(P + "signup-options", Map.of("firstName", "Ada", "lastName", "L", "email", "nope")),
                400, "Please enter a valid email address");
        signUp(browser, new SoftwareAuthenticator(), "ada@example.org");
        assertRefused(server.newClient().postJson(P + "signup-options",
                Map.of("firstName", "Ada", "lastName", "L", "email", "ADA@example.org")), 400, "Email already registered");
    }

    @Test
    void signUpVerifyWithoutItsCeremonyOrAfterFiveMinutesSaysTheSessionExpired() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        AuthHttpClient browser = server.newClient();
        Response options = browser.postJson(P + "signup-options",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org"));
        Map<String, Object> credential = authenticator.create(options.json(), origin);

        assertRefused(server.newClient().postJson(P + "signup-verify", Map.of("credential", credential)), 400,
                "Registration session expired. Please try again.");
        server.clock().advance(Duration.ofMinutes(5).plusSeconds(1));
        assertRefused(browser.postJson(P + "signup-verify", Map.of("credential", credential)), 400,
                "Registration session expired. Please try again.");
        assertThat(server.stores().users().findByEmail(new Email("ada@example.org"))).isEmpty();
    }

    @Test
    void aSignUpCredentialForAnotherOriginIsRefusedAndWritesNoAccount() {
        AuthHttpClient browser = server.newClient();
        Response options = browser.postJson(P + "signup-options",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org"));
        Map<String, Object> credential = new SoftwareAuthenticator().create(options.json(), "https://evil.example");

        assertRefused(browser.postJson(P + "signup-verify", Map.of("credential", credential)), 400, "Passkey verification failed");
        assertThat(server.stores().users().findByEmail(new Email("ada@example.org"))).isEmpty();
    }

    // ---- sign-in ----

    @Test
    void aLockedAccountsPasskeyDoesNotSignInUntilUnlocked() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        signUp(server.newClient(), authenticator, "ada@example.org");
        var id = user("ada@example.org").id();
        server.services().administration().lock(org.openml.auth.core.port.in.Administration.Actor.operator(), id);

        AuthHttpClient other = server.newClient();
        Response refused = other.postJson(P + "login-verify", Map.of("credential",
                authenticator.get(other.get(P + "login-options").json(), origin)));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(sessionOf(other)).isEmpty();

        server.services().administration().unlock(org.openml.auth.core.port.in.Administration.Actor.operator(), id);
        Response signedIn = other.postJson(P + "login-verify", Map.of("credential",
                authenticator.get(other.get(P + "login-options").json(), origin)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
    }

    @Test
    void aPasskeySignsInOnAnotherBrowserAndRecordsTheUse() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        signUp(server.newClient(), authenticator, "ada@example.org");
        AuthHttpClient other = server.newClient();

        Response options = other.get(P + "login-options");
        assertThat(options.json()).doesNotContainKey("publicKey").containsEntry("rpId", "localhost")
                .containsEntry("userVerification", "preferred").doesNotContainKey("allowCredentials");
        Response r = other.postJson(P + "login-verify", Map.of("credential", authenticator.get(options.json(), origin)));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).containsEntry("success", true);
        assertThat(sessionOf(other)).containsKey("user");
        Passkey stored = server.passkeys().listByUser(user("ada@example.org").id()).get(0);
        assertThat(stored.signCount()).isEqualTo(1);
        assertThat(stored.lastUsedAt()).contains(server.clock().instant());
        assertThat(list(other).get(0).get("lastUsedAt")).isNotNull();
    }

    @Test
    void forgedSessionsAreRefused_OpenMLsPasskeyProviderTrustedAnyAccessTokenAndUser() {
        SoftwareAuthenticator victimKey = new SoftwareAuthenticator();
        signUp(server.newClient(), victimKey, "victim@example.org");
        User victim = user("victim@example.org");
        AuthHttpClient attacker = server.newClient();
        attacker.get(P + "login-options");

        // 1. OpenML's shape: a made-up {accessToken, user}, as its `passkey` provider accepted.
        Map<String, Object> forged = Map.of("accessToken", "passkey-session", "user",
                Map.of("id", victim.id().value(), "email", "victim@example.org", "apikey", "0".repeat(32)));
        assertRefused(attacker.postJson(P + "login-verify", forged), 400, "Invalid passkey credential");
        attacker.get(P + "login-options");
        assertRefused(attacker.postJson(P + "login-verify", Map.of("credential", forged)), 400, "Invalid passkey credential");
        // There is no `passkey` NextAuth provider to post such an object to.
        Response provider = attacker.postForm("/api/auth/callback/passkey",
                Map.of("credential", forged.toString(), "csrfToken", attacker.csrfToken(), "json", "true"));
        assertThat(provider.status()).isGreaterThanOrEqualTo(400);
        assertThat(provider.headerValues("Set-Cookie")).noneMatch(c -> c.startsWith("next-auth.session-token="));

        // 2. The attacker's own valid passkey, presented with the victim's user handle.
        SoftwareAuthenticator attackerKey = new SoftwareAuthenticator();
        signUp(server.newClient(), attackerKey, "mallory@example.org");
        Map<String, Object> assertion = assertion(attacker, attackerKey);
        response(assertion).put("userHandle", victimKey.credentials().get(0).userHandle());
        assertRefused(attacker.postJson(P + "login-verify", Map.of("credential", assertion)), 401, "Verification failed");

        // 3. The victim's credential id with the attacker's signature.
        Map<String, Object> swapped = assertion(attacker, attackerKey);
        swapped.put("id", victimKey.credentials().get(0).id());
        swapped.put("rawId", victimKey.credentials().get(0).id());
        response(swapped).put("userHandle", victimKey.credentials().get(0).userHandle());
        assertRefused(attacker.postJson(P + "login-verify", Map.of("credential", swapped)), 401, "Verification failed");

        assertThat(sessionOf(attacker)).isEmpty();
    }

    @Test
    void aCredentialOfUserAPresentedWithTheUserHandleOfUserBIsRefused() {
        SoftwareAuthenticator a = new SoftwareAuthenticator();
        SoftwareAuthenticator b = new SoftwareAuthenticator();
        signUp(server.newClient(), a, "a@example.org");
        signUp(server.newClient(), b, "b@example.org");
        AuthHttpClient browser = server.newClient();

        Map<String, Object> assertion = assertion(browser, a);
        response(assertion).put("userHandle", b.credentials().get(0).userHandle());

        assertRefused(browser.postJson(P + "login-verify", Map.of("credential", assertion)), 401, "Verification failed");
        assertThat(sessionOf(browser)).isEmpty();
    }

    @Test
    void aReplayedAssertionIsRefused() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        signUp(server.newClient(), authenticator, "ada@example.org");
        AuthHttpClient browser = server.newClient();
        Map<String, Object> assertion = assertion(browser, authenticator);
        assertThat(browser.postJson(P + "login-verify", Map.of("credential", assertion)).status()).isEqualTo(200);

        AuthHttpClient thief = server.newClient();
        assertRefused(thief.postJson(P + "login-verify", Map.of("credential", assertion)), 400,
                "Authentication challenge not found");
        thief.get(P + "login-options");
        assertRefused(thief.postJson(P + "login-verify", Map.of("credential", assertion)), 401, "Verification failed");
    }

    @Test
    void anAssertionMadeForAnotherOriginOrRpIdIsRefused() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        signUp(server.newClient(), authenticator, "ada@example.org");
        AuthHttpClient browser = server.newClient();

        Map<String, Object> phished = authenticator.get(browser.get(P + "login-options").json(), "https://openml.evil.example");
        assertRefused(browser.postJson(P + "login-verify", Map.of("credential", phished)), 401, "Verification failed");

        authenticator.rpIdOverride("evil.example");
        Map<String, Object> otherRp = authenticator.get(browser.get(P + "login-options").json(), origin);
        assertRefused(browser.postJson(P + "login-verify", Map.of("credential", otherRp)), 401, "Verification failed");
    }

    @Test
    void aChallengeFromAnotherBrowserOrAnExpiredOneIsRefused() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        signUp(server.newClient(), authenticator, "ada@example.org");
        AuthHttpClient victim = server.newClient();
        Map<String, Object> assertion = assertion(victim, authenticator);

        AuthHttpClient other = server.newClient();
        other.get(P + "login-options");
        assertRefused(other.postJson(P + "login-verify", Map.of("credential", assertion)), 401, "Verification failed");

        AuthHttpClient late = server.newClient();
        Map<String, Object> lateAssertion = assertion(late, authenticator);
        server.clock().advance(Duration.ofMinutes(5));
        assertRefused(late.postJson(P + "login-verify", Map.of("credential", lateAssertion)), 400,
                "Authentication challenge not found");
    }

    @Test
    void aTamperedSignatureOrClientDataIsRefusedAndAnUnknownCredentialIsNamedForTheSignalApi() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        signUp(server.newClient(), authenticator, "ada@example.org");
        AuthHttpClient browser = server.newClient();

        Map<String, Object> badSignature = assertion(browser, authenticator);
        byte[] signature = Base64.getUrlDecoder().decode((String) response(badSignature).get("signature"));
        signature[signature.length - 1] ^= 1;
        response(badSignature).put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        Response bad = browser.postJson(P + "login-verify", Map.of("credential", badSignature));

        Map<String, Object> badClientData = assertion(browser, authenticator);
        String clientData = new String(Base64.getUrlDecoder().decode((String) response(badClientData).get("clientDataJSON")));
        response(badClientData).put("clientDataJSON", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(clientData.replace("\"crossOrigin\":false", "\"crossOrigin\":false,\"x\":1").getBytes()));
        Response tampered = browser.postJson(P + "login-verify", Map.of("credential", badClientData));

        Map<String, Object> unknown = assertion(browser, unregistered());
        Response stranger = browser.postJson(P + "login-verify", Map.of("credential", unknown));

        assertRefused(bad, 401, "Verification failed");
        assertRefused(tampered, 401, "Verification failed");
        assertRefused(stranger, 401, "Verification failed");
        assertThat(stranger.json()).containsEntry("unknownCredential", true).containsEntry("code", bad.json().get("code"));
        assertThat(bad.json()).doesNotContainKey("unknownCredential");
        assertThat(tampered.json()).doesNotContainKey("unknownCredential");
    }

    @Test
    void aRemovedPasskeyIsAnUnknownCredentialSoThePageCanTellTheProviderToForgetIt() {
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        SoftwareAuthenticator laptop = new SoftwareAuthenticator();
        AuthHttpClient browser = server.newClient();
        signUp(browser, phone, "ada@example.org");
        assertThat(addPasskey(browser, laptop, "Laptop").status()).isEqualTo(200);
        Object laptopId = list(browser).stream().filter(p -> p.get("deviceName").equals("Laptop")).findFirst().orElseThrow().get("id");
        assertThat(browser.postJson(P + "remove", Map.of("passkeyId", laptopId), "Origin", origin).status()).isEqualTo(200);

        Response refused = signIn(server.newClient(), laptop);

        assertRefused(refused, 401, "Verification failed");
        assertThat(refused.json()).containsEntry("unknownCredential", true);
        assertThat(signIn(server.newClient(), phone).status()).isEqualTo(200);
    }

    @Test
    void theListNamesTheProviderFromTheAaguidAndSaysWhetherThePasskeyIsBackedUp() {
        SoftwareAuthenticator googlePasswordManager = new SoftwareAuthenticator().backupEligible(true)
                .aaguid(java.util.UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"));
        SoftwareAuthenticator securityKey = new SoftwareAuthenticator();
        AuthHttpClient browser = server.newClient();
        signUp(browser, googlePasswordManager, "ada@example.org");
        addPasskey(browser, securityKey, "Key");

        List<Map<String, Object>> passkeys = list(browser);

        assertThat(passkeys.get(0)).containsEntry("provider", Map.of("name", "Google Password Manager"))
                .containsEntry("backedUp", true)
                .containsEntry("credentialId", googlePasswordManager.credentials().get(0).id());
        assertThat(passkeys.get(1)).containsEntry("provider", null).containsEntry("backedUp", false);
        assertThat(server.passkeys().listByUser(user("ada@example.org").id()).get(0).aaguid())
                .contains(java.util.UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"));
    }

    @Test
    void conditionalCreateRightAfterAPasswordSignInAcceptsAMissingUserPresenceFlagAndNothingElseDoes() {
        Accounts.registerConfirmed(server, "ada@example.org", "correct horse battery staple");
        AuthHttpClient browser = server.newClient();
        assertThat(browser.signIn("ada@example.org", "correct horse battery staple").status()).isEqualTo(200);
        SoftwareAuthenticator passwordManager = new SoftwareAuthenticator().userPresent(false);

        Response plainOptions = browser.postJson(P + "register-options", Map.of());
        Response withoutPresence = browser.postJson(P + "register-verify",
                Map.of("credential", passwordManager.create(plainOptions.json(), origin)), "Origin", origin);
        assertThat(withoutPresence.status()).as("an ordinary ceremony needs the user's presence").isEqualTo(400);

        Response options = browser.postJson(P + "register-options?conditional=true", Map.of());
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        Response saved = browser.postJson(P + "register-verify",
                Map.of("credential", passwordManager.create(options.json(), origin)), "Origin", origin);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(list(browser)).hasSize(1);

        server.clock().advance(Passkeys.CONDITIONAL_CREATE_WINDOW.plusSeconds(1));
        Response late = browser.postJson(P + "register-options?conditional=true", Map.of());
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json()).containsEntry("code", "conditional_create_unavailable");
    }

    @Test
    void conditionalCreateIsNotOfferedAfterAPasskeySignIn() {
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        signUp(server.newClient(), phone, "ada@example.org");
        AuthHttpClient browser = server.newClient();
        assertThat(signIn(browser, phone).status()).isEqualTo(200);

        Response refused = browser.postJson(P + "register-options?conditional=true", Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("code", "conditional_create_unavailable");
    }

    /** An authenticator holding a credential for localhost that the server never saw. */
    SoftwareAuthenticator unregistered() {
        SoftwareAuthenticator stranger = new SoftwareAuthenticator();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rp", Map.of("id", "localhost", "name", "OpenML"));
        options.put("user", Map.of("id", "c3RyYW5nZXI", "name", "s@example.org", "displayName", "S"));
        options.put("challenge", "AAAAAAAAAAAAAAAAAAAAAA");
        stranger.create(options, origin);
        return stranger;
    }

    @Test
    void aSignatureCounterThatGoesBackwardsIsRefusedAsAPossibleClone() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        signUp(server.newClient(), authenticator, "ada@example.org");
        String credentialId = authenticator.credentials().get(0).id();
        assertThat(signIn(server.newClient(), authenticator).status()).isEqualTo(200);
        assertThat(signIn(server.newClient(), authenticator).status()).isEqualTo(200);

        authenticator.setCounter(credentialId, 0); // the clone signs with 1 after the original reached 2
        assertRefused(signIn(server.newClient(), authenticator), 401, "Verification failed");
        assertThat(server.passkeys().listByUser(user("ada@example.org").id()).get(0).signCount()).isEqualTo(2);
    }

    @Test
    void syncedPasskeysWithZeroCountersSignInAgainAndAgain() {
        SoftwareAuthenticator synced = new SoftwareAuthenticator().counterMode(CounterMode.ZERO).backupEligible(true);
        signUp(server.newClient(), synced, "ada@example.org");

        for (int i = 0; i < 3; i++) assertThat(signIn(server.newClient(), synced).status()).isEqualTo(200);

        Passkey stored = server.passkeys().listByUser(user("ada@example.org").id()).get(0);
        assertThat(stored.signCount()).isZero();
        assertThat(stored.backupEligible()).isTrue();
        assertThat(stored.backupState()).isTrue();
    }

    @Test
    void inactiveAccountsCannotSignInWithAPasskey() throws Exception {
        Accounts.registerUnconfirmed(server, "sleeper@example.org", "correct horse battery staple");
        UserId sleeper = user("sleeper@example.org").id();
        Passkeys passkeys = server.services().passkeys().orElseThrow();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Passkeys.Ceremony ceremony = ((Passkeys.AddStart.Started) passkeys.startAdding(sleeper, "192.0.2.10")).ceremony();
        @SuppressWarnings("unchecked")
        Map<String, Object> options = JSON.readValue(ceremony.optionsJson(), Map.class);
        String credential = JSON.writeValueAsString(authenticator.create(options, origin));
        assertThat(passkeys.finishAdding(sleeper, ceremony.id(), credential, null, "192.0.2.10")).isInstanceOf(Passkeys.AddResult.Added.class);

        assertRefused(signIn(server.newClient(), authenticator), 401, "Verification failed");
    }

    @Test
    void malformedBodiesAndCredentialsAre400() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        signUp(server.newClient(), authenticator, "ada@example.org");
        AuthHttpClient browser = server.newClient();

        browser.get(P + "login-options");
        assertThat(browser.postRaw(P + "login-verify", "application/json", "{\"credential\": {").status()).isEqualTo(400);
        browser.get(P + "login-options");
        assertRefused(browser.postJson(P + "login-verify", Map.of("credential", 42)), 400, "Invalid passkey credential");
        Map<String, Object> badBase64 = assertion(browser, authenticator);
        response(badBase64).put("authenticatorData", "not*base64url!");
        assertRefused(browser.postJson(P + "login-verify", Map.of("credential", badBase64)), 400, "Invalid passkey credential");
        browser.get(P + "login-options");
        assertRefused(browser.postJson(P + "login-verify", Map.of("credential", "{not json")), 400, "Invalid passkey credential");
        assertRefused(browser.postJson(P + "login-verify", Map.of()), 400, "Invalid passkey credential");
    }

    // ---- managing passkeys ----

    @Test
    void addListRenameRemoveAndTheRemovedPasskeyNoLongerSignsIn() {
        SoftwareAuthenticator laptop = new SoftwareAuthenticator();
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        AuthHttpClient browser = server.newClient();
        signUp(browser, laptop, "ada@example.org");

        Response options = browser.get(P + "register-options");
        assertThat(options.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> excluded = (List<Map<String, Object>>) options.json().get("excludeCredentials");
        assertThat(excluded).extracting(e -> e.get("id")).containsExactly(laptop.credentials().get(0).id());
        assertThatThrownBy(() -> laptop.create(options.json(), origin)).hasMessageContaining("InvalidStateError");

        Response added = addPasskey(browser, phone, null);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json()).isEqualTo(Map.of("success", true));
        List<Map<String, Object>> passkeys = list(browser);
        assertThat(passkeys).extracting(p -> p.get("deviceName")).containsExactly("Primary Device", "Unnamed Device");
        assertThat(passkeys.get(0)).containsOnlyKeys("id", "deviceName", "createdAt", "lastUsedAt", "provider", "backedUp",
                "credentialId");
        assertThat(phone.credentials().get(0).userHandle()).as("one user handle per account")
                .isEqualTo(laptop.credentials().get(0).userHandle());
        assertThat(signIn(server.newClient(), phone).status()).isEqualTo(200);

        Object phoneId = passkeys.get(1).get("id");
        assertThat(browser.postJson(P + "rename", Map.of("passkeyId", phoneId, "deviceName", "Pixel"), "Origin", origin).status())
                .isEqualTo(200);
        assertThat(list(browser)).extracting(p -> p.get("deviceName")).containsExactly("Primary Device", "Pixel");

        Response removed = browser.postJson(P + "remove", Map.of("passkeyId", String.valueOf(phoneId)), "Origin", origin);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(list(browser)).hasSize(1);
        assertRefused(signIn(server.newClient(), phone), 401, "Verification failed");
        assertThat(signIn(server.newClient(), laptop).status()).isEqualTo(200);
    }

    @Test
    void removeWorksWithDeleteAndRegisterOptionsWithPost() {
        AuthHttpClient browser = server.newClient();
        signUp(browser, new SoftwareAuthenticator(), "ada@example.org");
        addPasskey(browser, new SoftwareAuthenticator(), "Phone");
        Object id = list(browser).get(1).get("id");

        Response r = browser.method("DELETE", P + "remove?passkeyId=" + id, "Origin", origin);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(list(browser)).hasSize(1);
    }

    @Test
    void anotherUsersPasskeyCannotBeRenamedOrRemoved() {
        AuthHttpClient ada = server.newClient();
        signUp(ada, new SoftwareAuthenticator(), "ada@example.org");
        AuthHttpClient bob = server.newClient();
        signUp(bob, new SoftwareAuthenticator(), "bob@example.org");
        addPasskey(bob, new SoftwareAuthenticator(), "Bob's phone");
        List<Map<String, Object>> bobs = list(bob);

        for (Map<String, Object> p : bobs) {
            assertRefused(ada.postJson(P + "rename", Map.of("passkeyId", p.get("id"), "deviceName", "Mine"), "Origin", origin),
                    404, "Passkey not found or unauthorized");
            assertRefused(ada.postJson(P + "remove", Map.of("passkeyId", p.get("id")), "Origin", origin),
                    404, "Passkey not found or unauthorized");
        }
        assertRefused(ada.postJson(P + "remove", Map.of("passkeyId", "not-a-number"), "Origin", origin),
                404, "Passkey not found or unauthorized");
        assertThat(list(bob)).isEqualTo(bobs);
    }

    @Test
    void theLastPasskeyOfAnAccountWithoutPasswordCannotBeRemoved() {
        AuthHttpClient browser = server.newClient();
        signUp(browser, new SoftwareAuthenticator(), "ada@example.org");
        Object only = list(browser).get(0).get("id");

        Response r = browser.postJson(P + "remove", Map.of("passkeyId", only), "Origin", origin);

        assertRefused(r, 400, ErrorCode.LAST_PASSKEY.message());
        assertThat(r.json()).containsEntry("code", "last_passkey");
        assertThat(list(browser)).hasSize(1);
    }

    @Test
    void theLastPasskeyOfAnAccountWithAPasswordCanBeRemoved() {
        Accounts.registerConfirmed(server, "ada@example.org", "correct horse battery staple");
        AuthHttpClient browser = server.newClient();
        assertThat(browser.signIn("ada@example.org", "correct horse battery staple").status()).isEqualTo(200);
        addPasskey(browser, new SoftwareAuthenticator(), "Laptop");

        Response r = browser.postJson(P + "remove", Map.of("passkeyId", list(browser).get(0).get("id")), "Origin", origin);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(list(browser)).isEmpty();
    }

    @Test
    void managementRoutesNeedASessionAndCookieSessionsTheCrossSiteCheck() {
        AuthHttpClient anonymous = server.newClient();
        assertRefused(anonymous.get(P + "list"), 401, "Unauthorized");
        assertRefused(anonymous.postJson(P + "register-options", Map.of()), 401, "Unauthorized");
        assertRefused(anonymous.postJson(P + "remove", Map.of("passkeyId", "1")), 401, "Unauthorized");

        AuthHttpClient browser = server.newClient();
        signUp(browser, new SoftwareAuthenticator(), "ada@example.org");
        addPasskey(browser, new SoftwareAuthenticator(), "Phone");
        Object id = list(browser).get(1).get("id");
        assertThat(browser.postJson(P + "remove", Map.of("passkeyId", id), "Origin", "https://evil.example").status())
                .isEqualTo(403);
        assertRefused(browser.postJson(P + "remove", Map.of(), "Origin", origin), 400, "Passkey ID required");

        String token = browser.cookie("next-auth.session-token").orElseThrow();
        AuthHttpClient api = server.newClient();
        assertThat(api.postJson(P + "remove", Map.of("passkeyId", id), "Authorization", "Bearer " + token).status())
                .as("a Bearer session needs no cross-site check").isEqualTo(200);
    }

    @Test
    void renameRefusesMissingAndOverlongNames() {
        AuthHttpClient browser = server.newClient();
        signUp(browser, new SoftwareAuthenticator(), "ada@example.org");
        Object id = list(browser).get(0).get("id");

        assertRefused(browser.postJson(P + "rename", Map.of("passkeyId", id), "Origin", origin), 400, "Device name is required");
        assertRefused(browser.postJson(P + "rename", Map.of("passkeyId", id, "deviceName", "x".repeat(101)), "Origin", origin),
                400, "Device name must be at most 100 characters");
        assertRefused(browser.postJson(P + "rename", Map.of("deviceName", "x"), "Origin", origin), 400, "Passkey ID required");
    }

    @Test
    void registerVerifyNeedsItsOwnCeremony() {
        AuthHttpClient browser = server.newClient();
        signUp(browser, new SoftwareAuthenticator(), "ada@example.org");
        AuthHttpClient bob = server.newClient();
        signUp(bob, new SoftwareAuthenticator(), "bob@example.org");

        Response options = bob.postJson(P + "register-options", Map.of());
        Map<String, Object> credential = new SoftwareAuthenticator().create(options.json(), origin);
        assertRefused(browser.postJson(P + "register-verify", Map.of("credential", credential), "Origin", origin), 400,
                "Registration challenge not found");
        Map<String, Object> forOtherOrigin = new SoftwareAuthenticator()
                .create(browser.postJson(P + "register-options", Map.of()).json(), "https://evil.example");
        assertRefused(browser.postJson(P + "register-verify", Map.of("credential", forOtherOrigin), "Origin", origin), 400,
                "Verification failed");
        assertThat(list(browser)).hasSize(1);
    }

    @Test
    void theOptionsAreUsableByAnyBrowserCodeThatExpectsBase64Url() {
        Response r = server.newClient().postJson(P + "signup-options",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org"));
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) r.json().get("user");
        assertThat((String) user.get("id")).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode((String) user.get("id"))).hasSize(32);
        assertThat(user).containsEntry("name", "ada@example.org").containsEntry("displayName", "Ada Lovelace");
        assertThat(new ArrayList<>(((List<?>) r.json().get("pubKeyCredParams")))).isNotEmpty();
    }
}

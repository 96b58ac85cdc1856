package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.usecase.RateLimitPolicy;
import org.openml.auth.core.usecase.RateLimitPolicy.Limit;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** Brute-force and abuse limits over HTTP: 429 with Retry-After, NextAuth's shape at sign-in, expiry on the clock. */
class RateLimitRoutesTest {
    static final String PASSWORD = "correct horse battery staple";
    static final Limit TWO_PER_MINUTE = new Limit(2, Duration.ofMinutes(1));
    static final Limit PLENTY = new Limit(1000, Duration.ofMinutes(1));

    private TestAuthServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private AuthHttpClient start(RateLimitPolicy policy) {
        server = TestAuthServer.start((stores, builder) -> builder.rateLimits(policy));
        return server.newClient();
    }

    /** Every per-address limit generous except the ones a test sets. */
    private static RateLimitPolicy plenty() {
        return RateLimitPolicy.DEFAULTS.withLimits(PLENTY, PLENTY, PLENTY, PLENTY, new Limit(1000, Duration.ofHours(1)), PLENTY,
                PLENTY);
    }

    private String confirmedUser(AuthHttpClient client, String email) {
        assertThat(client.postJson("/api/auth/register", Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email,
                "password", PASSWORD)).status()).isEqualTo(201);
        String token = RecordingMailer.tokenOf(server.mailer().lastTo(email, Mail.Confirmation.class).orElseThrow().link());
        assertThat(client.get("/api/auth/confirm-email?token=" + token).status()).isEqualTo(200);
        return server.stores().users().findByEmail(new Email(email)).orElseThrow().apiKey().orElseThrow().value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sign-in", "register", "check-email", "forgot-password", "resend-confirmation", "passkey-options",
            "passkey-verify"})
    void eachLimitedRouteAnswers429WithRetryAfterOnceTheClientIsOverItsLimit(String route) {
        AuthHttpClient client = start(RateLimitPolicy.DEFAULTS.withLimits(TWO_PER_MINUTE, TWO_PER_MINUTE, TWO_PER_MINUTE,
                TWO_PER_MINUTE, new Limit(1000, Duration.ofHours(1)), TWO_PER_MINUTE, TWO_PER_MINUTE));
        Function<AuthHttpClient, Response> call = switch (route) {
            case "sign-in" -> c -> c.signIn("ada@example.org", "wrong password");
            case "register" -> c -> c.postJson("/api/auth/register", Map.of("email", "incomplete@example.org"));
            case "check-email" -> c -> c.get("/api/auth/check-email?email=ada@example.org");
            case "forgot-password" -> c -> c.postJson("/api/auth/forgot-password", Map.of("email", "ada" + System.nanoTime() + "@example.org"));
            case "resend-confirmation" -> c -> c.postJson("/api/auth/resend-confirmation", Map.of("email", "ada" + System.nanoTime() + "@example.org"));
            case "passkey-options" -> c -> c.get("/api/auth/passkey/login-options");
            case "passkey-verify" -> c -> c.postJson("/api/auth/passkey/login-verify", Map.of("credential", Map.of()));
            default -> throw new IllegalArgumentException(route);
        };
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2; i++) statuses.add(call.apply(client).status());
        assertThat(statuses).as("within the limit").doesNotContain(429);

        Response refused = call.apply(client);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).contains("60");
        assertThat(refused.json()).containsEntry("code", "rate_limited");
        if (route.equals("sign-in")) {
            assertThat(refused.json()).containsEntry("url", server.baseUrl() + "/auth/error?error=TooManyRequests");
        } else {
            assertThat(refused.json().values()).contains(org.openml.auth.core.error.ErrorCode.RATE_LIMITED.message());
        }
        assertThat(server.newClient().get("/api/auth/session").status()).as("other routes are not limited").isEqualTo(200);

        server.clock().advance(Duration.ofSeconds(59));
        assertThat(call.apply(client).header("Retry-After")).contains("1");
        server.clock().advance(Duration.ofSeconds(1));
        assertThat(call.apply(client).status()).as("a new window").isNotEqualTo(429);
    }

    @Test
    void aPausedSignInAnswers429InNextAuthsShapeAndPlainFormsAreRedirected() {
        AuthHttpClient client = start(plenty());
        confirmedUser(client, "ada@example.org");
        for (int i = 0; i < 5; i++) assertThat(client.signIn("ada@example.org", "wrong " + i).status()).isEqualTo(401);

        Response paused = client.signIn("ada@example.org", PASSWORD);
        assertThat(paused.status()).isEqualTo(429);
        assertThat(paused.header("Retry-After")).contains("30");
        assertThat(paused.json()).containsEntry("url", server.baseUrl() + "/auth/error?error=SignInLocked")
                .containsEntry("code", "sign_in_locked");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrfToken", client.csrfToken());
        form.put("email", "ada@example.org");
        form.put("password", PASSWORD);
        Response redirected = client.postForm("/api/auth/callback/credentials", form);
        assertThat(redirected.status()).isEqualTo(302);
        assertThat(redirected.header("Location")).contains(server.baseUrl() + "/auth/error?error=SignInLocked");

        server.clock().advance(Duration.ofSeconds(30));
        assertThat(client.signIn("ada@example.org", PASSWORD).status()).as("the pause ran out").isEqualTo(200);
    }

    @Test
    void knownAndUnknownEmailsGetTheSameAnswersWhilePaused() {
        AuthHttpClient client = start(plenty());
        confirmedUser(client, "ada@example.org");
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Response k = client.signIn("ada@example.org", "wrong");
            Response u = client.signIn("nobody@example.org", "wrong");
            known.add(k.status() + " " + k.header("Retry-After").orElse("-") + " " + k.body());
            unknown.add(u.status() + " " + u.header("Retry-After").orElse("-") + " " + u.body());
        }
        assertThat(known).isEqualTo(unknown);
        assertThat(known.get(6)).startsWith("429 30 ");
    }

    @Test
    void aPasswordResetEndsThePauseAndOtherAccountsAreNotAffected() {
        AuthHttpClient client = start(plenty());
        confirmedUser(client, "ada@example.org");
        confirmedUser(client, "grace@example.org");
        for (int i = 0; i < 6; i++) client.signIn("ada@example.org", "wrong");
        assertThat(client.signIn("ada@example.org", PASSWORD).status()).isEqualTo(429);
        assertThat(client.signIn("grace@example.org", PASSWORD).status()).as("only that login is paused").isEqualTo(200);

        assertThat(client.postJson("/api/auth/forgot-password", Map.of("email", "ada@example.org")).status()).isEqualTo(200);
        String token = RecordingMailer.tokenOf(server.mailer().lastTo("ada@example.org", Mail.PasswordReset.class).orElseThrow().link());
        assertThat(client.postJson("/api/auth/reset-password", Map.of("token", token, "password", "a brand new passphrase"))
                .status()).isEqualTo(200);
        assertThat(client.signIn("ada@example.org", "a brand new passphrase").status()).isEqualTo(200);
    }

    @Test
    void wrongApiKeysAreLimitedPerClientWhileValidKeysCostNoCounting() {
        AuthHttpClient client = start(plenty().withLimits(PLENTY, PLENTY, PLENTY, PLENTY, new Limit(1000, Duration.ofHours(1)),
                PLENTY, TWO_PER_MINUTE));
        String key = confirmedUser(client, "ada@example.org");
        int rowsBefore = server.stores().attempts().size();
        for (int i = 0; i < 20; i++) {
            assertThat(client.get("/api/user/whoami", "Authorization", "Bearer " + key).status()).isEqualTo(200);
        }
        assertThat(client.get("/api/user/whoami").status()).as("no key at all is not a guess").isEqualTo(401);
        assertThat(server.stores().attempts().size()).as("valid keys write no counters").isEqualTo(rowsBefore);

        String wrong = "0".repeat(32);
        assertThat(client.get("/api/user/whoami?api_key=" + wrong).status()).isEqualTo(401);
        assertThat(client.get("/api/user/whoami", "Authorization", "Bearer " + wrong).status()).isEqualTo(401);
        Response refused = client.get("/api/user/whoami?api_key=" + wrong);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).contains("60");
        assertThat(refused.json()).containsEntry("code", "rate_limited");
        assertThat(client.get("/api/user/whoami", "Authorization", "Bearer " + key).status())
                .as("a blocked client is refused before its key is looked at").isEqualTo(429);

        server.clock().advance(Duration.ofMinutes(1));
        assertThat(client.get("/api/user/whoami", "Authorization", "Bearer " + key).status()).isEqualTo(200);
    }

    @Test
    void aSaturatedHasherRefusesSignInBeforeReadingTheRequest() throws Exception {
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        org.openml.auth.core.port.out.PasswordHasher slow = new org.openml.auth.core.port.out.PasswordHasher() {
            private void block() {
                running.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public org.openml.auth.core.domain.PasswordHash hash(org.openml.auth.core.domain.RawPassword password) {
                block();
                return new org.openml.auth.core.domain.PasswordHash("$fake$");
            }

            @Override
            public boolean verify(org.openml.auth.core.domain.RawPassword password, org.openml.auth.core.domain.PasswordHash hash) {
                block();
                return false;
            }

            @Override
            public boolean needsRehash(org.openml.auth.core.domain.PasswordHash hash) {
                return false;
            }
        };
        org.openml.auth.core.password.BoundedPasswordHasher bounded =
                new org.openml.auth.core.password.BoundedPasswordHasher(slow, 1, 0, Duration.ofSeconds(1));
        server = TestAuthServer.start((stores, builder) -> builder.passwordHasher(bounded));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            AuthHttpClient first = server.newClient();
            java.util.concurrent.Future<Response> hashing = pool.submit(() -> first.signIn("nobody@example.org", "whatever"));
            assertThat(running.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            // No CSRF token and a malformed body: only a refusal that comes first answers 503 rather than 403/400.
            Response refused = server.newClient().postRaw("/api/auth/callback/credentials", "application/json", "{not json");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).contains("1");
            assertThat(refused.json()).containsEntry("code", "busy");

            gate.countDown();
            assertThat(hashing.get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(401);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (bounded.running() > 0 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertThat(server.newClient().postRaw("/api/auth/callback/credentials", "application/json", "{not json").status())
                    .as("free again: the body is read and refused").isEqualTo(400);
        } finally {
            gate.countDown();
            pool.shutdownNow();
            bounded.close();
        }
    }

    @Test
    void aPausedPasswordSignInLeavesPasskeySignInWorking() {
        AuthHttpClient browser = start(plenty());
        String origin = server.baseUrl().toString();
        org.openml.auth.testkit.webauthn.SoftwareAuthenticator key = new org.openml.auth.testkit.webauthn.SoftwareAuthenticator();
        Response options = browser.postJson("/api/auth/passkey/signup-options",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.org"));
        assertThat(browser.postJson("/api/auth/passkey/signup-verify", Map.of("credential", key.create(options.json(), origin)))
                .status()).isEqualTo(200);

        AuthHttpClient attacker = server.newClient();
        for (int i = 0; i < 5; i++) attacker.signIn("ada@example.org", "guess " + i);
        assertThat(attacker.signIn("ada@example.org", "guess 6").status()).isEqualTo(429);

        AuthHttpClient owner = server.newClient();
        Response login = owner.get("/api/auth/passkey/login-options");
        Response signedIn = owner.postJson("/api/auth/passkey/login-verify", Map.of("credential", key.get(login.json(), origin)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(owner.get("/api/auth/session").json()).containsKey("user");
    }

    /** A workshop behind one NAT address: the per-address limit counts refusals, never correct sign-ins. */
    @Test
    void aHundredStudentsBehindOneAddressAllSignInButAHundredWrongPasswordsAreLimited() {
        start(RateLimitPolicy.DEFAULTS); // 30 refused sign-ins per minute per address
        org.openml.auth.core.domain.PasswordHash hash = server.hasher().hash(new org.openml.auth.core.domain.RawPassword(PASSWORD));
        for (int i = 0; i < 100; i++) {
            server.stores().users().create(new org.openml.auth.core.domain.NewUser(
                    new org.openml.auth.core.domain.Username("student" + i), new Email("student" + i + "@uni.example"),
                    "Student", "No. " + i, hash, true, new org.openml.auth.core.domain.ApiKey(String.format("%032x", i + 1)),
                    "203.0.113.7", server.clock().instant()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 100; i++) statuses.add(server.newClient().signIn("student" + i + "@uni.example", PASSWORD).status());
        assertThat(statuses).as("every correct sign-in from the one address").containsOnly(200);

        List<Integer> wrong = new ArrayList<>();
        Response last = null;
        for (int i = 0; i < 100; i++) {
            // A different login each time, so only the per-address limit (not the per-account pause) can refuse.
            last = server.newClient().signIn("student" + i + "@uni.example", "wrong password " + i);
            wrong.add(last.status());
        }
        assertThat(wrong.subList(0, 30)).as("the first 30 refusals are answered").containsOnly(401);
        assertThat(wrong.subList(30, 100)).as("then the address is limited").containsOnly(429);
        assertThat(last.json()).containsEntry("code", "rate_limited");
        assertThat(server.newClient().signIn("student1@uni.example", PASSWORD).status())
                .as("while it is limited, the address is refused for every login").isEqualTo(429);
        server.clock().advance(Duration.ofMinutes(1));
        assertThat(server.newClient().signIn("student1@uni.example", PASSWORD).status()).as("a new window").isEqualTo(200);
    }

    @Test
    void everySignInOutcomeHasAnAnswerHere() {
        // SessionRoutes maps these four (200, 401, 429 paused, 429 too many from this address); a new variant must get an
        // answer and a test.
        assertThat(org.openml.auth.core.port.in.PasswordSignIn.SignInResult.class.getPermittedSubclasses())
                .extracting(Class::getSimpleName).containsExactlyInAnyOrder("SignedIn", "InvalidCredentials", "Locked", "TooManyAttempts");
    }

    @Test
    void withTheLimitsOffNothingIsRefusedOrCounted() {
        AuthHttpClient client = start(RateLimitPolicy.OFF);
        confirmedUser(client, "ada@example.org");
        for (int i = 0; i < 12; i++) assertThat(client.signIn("ada@example.org", "wrong").status()).isEqualTo(401);
        for (int i = 0; i < 40; i++) assertThat(client.get("/api/user/whoami?api_key=" + "0".repeat(32)).status()).isEqualTo(401);
        assertThat(client.signIn("ada@example.org", PASSWORD).status()).isEqualTo(200);
        assertThat(server.stores().attempts().size()).isZero();
    }
}

package org.openml.auth.testkit;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.password.BoundedPasswordHasher;
import org.openml.auth.core.port.out.PasswordHasher;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.core.usecase.OutboxPolicy;
import org.openml.auth.http.AuthPlugin;
import org.openml.auth.http.ErrorResponses;
import org.openml.auth.password.legacy.LegacyHashFormats;
import org.openml.auth.webauthn.WebAuthnSettings;
import org.openml.auth.webauthn.YubicoPasskeyVerifier;

/**
 * An auth server on a free loopback port with in-memory stores, a {@link MutableClock} and a
 * {@link RecordingMailer}: the routes of the real server, for integration tests.
 *
 * <pre>{@code
 * try (TestAuthServer server = TestAuthServer.start()) {
 *     AuthHttpClient browser = server.newClient();
 *     browser.postJson("/api/auth/register", Map.of(...));
 *     String token = RecordingMailer.tokenOf(server.mailer().last().orElseThrow().link());
 * }
 * }</pre>
 */
public final class TestAuthServer implements AutoCloseable {
    /** Cheap Argon2 cost for tests (1 MiB, 1 pass): same code path, a fraction of the time. */
    public static final Argon2Parameters FAST_ARGON2 = new Argon2Parameters(1024, 1, 1, 16, 32);
    /** A fixed secret, so tests can decode cookies themselves. */
    public static final String SECRET = "testkit-secret-0123456789abcdef0123456789abcdef";

    private final InMemoryStores stores;
    private final MutableClock clock;
    private final RecordingMailer mailer;
    private final AuthServices services;
    private final InMemoryAccountUploads uploads = new InMemoryAccountUploads();
    private final BoundedPasswordHasher hasher;
    private final Javalin app;
    private final URI baseUrl;

    private TestAuthServer(Argon2Parameters argon2, int hashThreads, int hashQueue,
            BiConsumer<InMemoryStores, AuthServices.Builder> customize) {
        this.stores = InMemoryStores.create();
        this.clock = MutableClock.startingNow();
        this.mailer = new RecordingMailer();
        this.hasher = new BoundedPasswordHasher(new Argon2PasswordHasher(argon2, LegacyHashFormats.all()), hashThreads,
                hashQueue, Duration.ofSeconds(1));
        int port = FreePort.find();
        this.baseUrl = URI.create("http://localhost:" + port);
        // Wired as the standalone server wires its database: every store, one challenge store for all ceremonies.
        AuthServices.Builder builder = AuthServices.builder()
                .stores(stores)
                .passwordHasher(hasher)
                .mailer(mailer)
                .clock(clock)
                .publicUrl(baseUrl)
                .sessionSecret(SECRET)
                .mailOutbox(stores.mailOutbox())
                .accountUploads(uploads)
                // Mails go through the in-memory outbox as on the server, but are sent by the request's
                // thread at once, so a test finds them in mailer() when the request returns.
                .outboxPolicy(OutboxPolicy.DEFAULTS.withInline(true));
        // GitHub/Google sign-in is off until a test adds .oauthProviders(List.of(new FakeOAuthProvider(…))).
        // Passkeys for RP ID localhost on this server's origin, verified by the real Yubico code.
        builder.passkeys(stores.passkeys(), YubicoPasskeyVerifier.create(WebAuthnSettings.of("localhost", baseUrl.toString()),
                stores.passkeys(), clock), stores.challenges());
        customize.accept(stores, builder);
        this.services = builder.build();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new AuthPlugin(services, clock, "").withWebPages());
            ErrorResponses.install(config.routes);
        }).start("127.0.0.1", port);
    }

    /** A server with fast test hashing. */
    public static TestAuthServer start() {
        return new TestAuthServer(FAST_ARGON2, 2, 64, (stores, builder) -> {});
    }

    /**
     * A server whose ports the test may replace or wrap before the use cases are built, e.g.
     * {@code (stores, b) -> b.apiKeys(new FailingKeys(stores.apiKeys()))} to simulate a database fault.
     */
    public static TestAuthServer start(BiConsumer<InMemoryStores, AuthServices.Builder> customize) {
        return new TestAuthServer(FAST_ARGON2, 2, 64, customize);
    }

    /** A server with the given Argon2 cost and hashing pool (to test "busy" answers, say). */
    public static TestAuthServer start(Argon2Parameters argon2, int hashThreads, int hashQueue) {
        return new TestAuthServer(argon2, hashThreads, hashQueue, (stores, builder) -> {});
    }

    /** A new client with its own cookie jar (one browser). */
    public AuthHttpClient newClient() {
        return new AuthHttpClient(baseUrl);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public AuthServices services() {
        return services;
    }

    public InMemoryStores stores() {
        return stores;
    }

    /** Where OAuth sign-ins keep their state between the redirect to the provider and the callback. */
    public InMemoryChallengeStore oauthChallenges() {
        return stores.challenges();
    }

    /** The passkeys of this server's accounts. */
    public InMemoryPasskeyStore passkeys() {
        return stores.passkeys();
    }

    /** Where passkey ceremonies wait for the browser (the same store as OAuth state, as on a database). */
    public InMemoryChallengeStore passkeyChallenges() {
        return stores.challenges();
    }

    /** Which accounts own uploads (none at first): deleting one of them anonymises it. */
    public InMemoryAccountUploads uploads() {
        return uploads;
    }

    public MutableClock clock() {
        return clock;
    }

    public RecordingMailer mailer() {
        return mailer;
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    @Override
    public void close() {
        app.stop();
        services.close();
        hasher.close();
    }

    /** Javalin reports the bound port only after start; picking one first keeps the public URL right. */
    static final class FreePort {
        private FreePort() {}

        static int find() {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
    }
}

package org.openml.auth.testkit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

/**
 * A JUnit 5 extension that runs an in-memory auth server on a free port for each test:
 *
 * <pre>{@code
 * class MyServiceTest {
 *     @RegisterExtension
 *     final AuthServerExtension auth = new AuthServerExtension();
 *
 *     @Test
 *     void signedInUsersSeeTheirProfile() {
 *         AuthHttpClient ada = auth.signedInClient("ada@example.org", "correct horse battery staple");
 *         ...
 *         auth.clock().advance(Duration.ofHours(3));           // sessions expire
 *         URI link = auth.lastLinkTo("ada@example.org");        // the link of the last mail to Ada
 *     }
 * }
 * }</pre>
 *
 * <p>Test methods may also take a {@link TestAuthServer}, {@link MutableClock},
 * {@link RecordingMailer} or {@link AuthServices} parameter. Each test gets a fresh server: no
 * state leaks between tests.
 */
public final class AuthServerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** The password {@link #confirmedUser(String)} gives accounts. */
    public static final String DEFAULT_PASSWORD = "correct horse battery staple";

    private final BiConsumer<InMemoryStores, AuthServices.Builder> customize;
    private final Map<String, FakeOAuthProvider> fakeProviders = new LinkedHashMap<>();
    private TestAuthServer server;

    /** An extension with the default in-memory server (no GitHub/Google sign-in; see {@link #withFakeOAuth()}). */
    public AuthServerExtension() {
        this((stores, builder) -> {});
    }

    /**
     * An extension whose server offers GitHub and Google sign-in through {@link FakeOAuthProvider}s
     * ({@link #fakeOAuth(String)}, {@link #oauthSignedInClient}).
     */
    public static AuthServerExtension withFakeOAuth() {
        FakeOAuthProvider github = new FakeOAuthProvider("github", "GitHub");
        FakeOAuthProvider google = new FakeOAuthProvider("google", "Google");
        AuthServerExtension extension = new AuthServerExtension((stores, builder) ->
                builder.oauthProviders(java.util.List.of(github, google)));
        extension.fakeProviders.put("github", github);
        extension.fakeProviders.put("google", google);
        return extension;
    }

    /** An extension whose ports the test may replace or wrap (see {@link TestAuthServer#start(BiConsumer)}). */
    public AuthServerExtension(BiConsumer<InMemoryStores, AuthServices.Builder> customize) {
        this.customize = customize;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = TestAuthServer.start(customize);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) server.close();
        server = null;
    }

    /** The running server (routes, stores, clock, mailer, services). */
    public TestAuthServer server() {
        if (server == null) throw new IllegalStateException("the auth server runs only during a test");
        return server;
    }

    public URI baseUrl() {
        return server().baseUrl();
    }

    public MutableClock clock() {
        return server().clock();
    }

    /** Every mail the server sent during this test. */
    public RecordingMailer inbox() {
        return server().mailer();
    }

    public AuthServices services() {
        return server().services();
    }

    /** A new HTTP client with its own cookie jar (one browser). */
    public AuthHttpClient newClient() {
        return server().newClient();
    }

    /** The link of the last mail sent to {@code email}. */
    public URI lastLinkTo(String email) {
        return inbox().sent().stream().filter(m -> m.to().value().equalsIgnoreCase(email)).reduce((a, b) -> b)
                .map(Mail::link)
                .orElseThrow(() -> new AssertionError("no mail was sent to " + email));
    }

    /** Registers and confirms an account through the public routes, with {@link #DEFAULT_PASSWORD}. */
    public User confirmedUser(String email) {
        return confirmedUser(email, DEFAULT_PASSWORD);
    }

    /** Registers and confirms an account through the public routes, as a user would. */
    public User confirmedUser(String email, String password) {
        AuthHttpClient client = newClient();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Test");
        body.put("lastName", "User");
        body.put("email", email);
        body.put("password", password);
        AuthHttpClient.Response registered = client.postJson("/api/auth/register", body);
        if (registered.status() != 201) throw new AssertionError("registration of " + email + " failed: " + registered.body());
        String token = RecordingMailer.tokenOf(inbox().lastTo(email, Mail.Confirmation.class).orElseThrow().link());
        AuthHttpClient.Response confirmed = client.get("/api/auth/confirm-email?token=" + token);
        if (confirmed.status() != 200) throw new AssertionError("confirmation of " + email + " failed: " + confirmed.body());
        return server().stores().users().findByEmail(new Email(email)).orElseThrow();
    }

    /** A confirmed account's API key. */
    public String apiKeyOf(String email) {
        return server().stores().users().findByEmail(new Email(email)).flatMap(User::apiKey).map(ApiKey::value)
                .orElseThrow(() -> new AssertionError("no account with a key for " + email));
    }

    /** A client signed in as a new confirmed account with {@link #DEFAULT_PASSWORD}. */
    public AuthHttpClient signedInClient(String email) {
        return signedInClient(email, DEFAULT_PASSWORD);
    }

    /** A client signed in as a new confirmed account. */
    public AuthHttpClient signedInClient(String email, String password) {
        confirmedUser(email, password);
        AuthHttpClient client = newClient();
        AuthHttpClient.Response r = client.signIn(email, password);
        if (r.status() != 200) throw new AssertionError("sign-in of " + email + " failed: " + r.body());
        return client;
    }

    /** A new software passkey authenticator (one simulated device) for this server's origin. */
    public SoftwareAuthenticator newAuthenticator() {
        return new SoftwareAuthenticator();
    }

    /**
     * Signs up with a passkey on {@code authenticator}, as a browser page does (options, the
     * authenticator's answer, verify); returns the signed-in client.
     */
    public AuthHttpClient passkeySignedInClient(String email, SoftwareAuthenticator authenticator) {
        AuthHttpClient client = newClient();
        AuthHttpClient.Response options = client.postJson("/api/auth/passkey/signup-options",
                Map.of("firstName", "Test", "lastName", "User", "email", email));
        if (options.status() != 200) throw new AssertionError("passkey sign-up options failed: " + options.body());
        AuthHttpClient.Response verified = client.postJson("/api/auth/passkey/signup-verify",
                Map.of("credential", authenticator.create(options.json(), baseUrl().toString())));
        if (verified.status() != 200) throw new AssertionError("passkey sign-up failed: " + verified.body());
        return client;
    }

    /** Signs in a new client with one of {@code authenticator}'s passkeys. */
    public AuthHttpClient passkeySignIn(SoftwareAuthenticator authenticator) {
        AuthHttpClient client = newClient();
        AuthHttpClient.Response options = client.get("/api/auth/passkey/login-options");
        AuthHttpClient.Response verified = client.postJson("/api/auth/passkey/login-verify",
                Map.of("credential", authenticator.get(options.json(), baseUrl().toString())));
        if (verified.status() != 200) throw new AssertionError("passkey sign-in failed: " + verified.body());
        return client;
    }

    /** The fake provider ({@code "github"} or {@code "google"}) of an extension made by {@link #withFakeOAuth()}. */
    public FakeOAuthProvider fakeOAuth(String provider) {
        FakeOAuthProvider fake = fakeProviders.get(provider);
        if (fake == null) throw new IllegalStateException("no fake " + provider + ": create the extension with withFakeOAuth()");
        return fake;
    }

    /**
     * Signs in through the whole redirect flow with a fake provider whose user has {@code profile}
     * (e.g. {@code FakeOAuthProvider.profile("github", "42", "ada@example.org", true, "Ada", "Lovelace")}).
     */
    public AuthHttpClient oauthSignedInClient(String provider, org.openml.auth.core.domain.OAuthProfile profile) {
        FakeOAuthProvider fake = fakeOAuth(provider);
        fake.willSignIn(profile);
        AuthHttpClient client = newClient();
        AuthHttpClient.Response start = client.get("/api/auth/signin/" + provider);
        String location = start.header("Location").orElseThrow(() -> new AssertionError("no redirect: " + start.body()));
        AuthHttpClient.Response callback = client.get(fake.approve(URI.create(location)).toString());
        String back = callback.header("Location").orElse("");
        if (callback.status() != 302 || back.contains("/auth/error")) throw new AssertionError("sign-in failed: " + back);
        return client;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestAuthServer.class || type == MutableClock.class || type == RecordingMailer.class
                || type == AuthServices.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Optional<Object> value = Optional.ofNullable(type == TestAuthServer.class ? server()
                : type == MutableClock.class ? clock()
                : type == RecordingMailer.class ? inbox()
                : type == AuthServices.class ? services() : null);
        return value.orElseThrow(() -> new ParameterResolutionException("cannot resolve " + type));
    }
}

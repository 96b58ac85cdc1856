package org.openml.auth.testkit;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.OAuthProfile;
import org.openml.auth.core.port.out.OAuthProvider;

/**
 * An {@link OAuthProvider} for tests, with no network: its authorization URL points at
 * {@code https://<id>.oauth.test/authorize}; {@link #approve} plays the user who consents and
 * answers with the callback URL the real provider would redirect to, and the code it carries is
 * exchanged for the profile given to {@link #willSignIn}. It checks what a real provider checks:
 * the redirect URI, single-use codes, and the PKCE verifier against the S256 challenge; the nonce
 * comes back as an OpenID Connect provider would put it in the ID token.
 *
 * <pre>{@code
 * FakeOAuthProvider github = new FakeOAuthProvider("github", "GitHub");
 * github.willSignIn(FakeOAuthProvider.profile("github", "123", "ada@example.org", true, "Ada", "Lovelace"));
 * Response start = browser.get("/api/auth/signin/github");
 * URI back = github.approve(URI.create(start.header("Location").orElseThrow()));
 * Response done = browser.get(back.getRawPath() + "?" + back.getRawQuery());
 * }</pre>
 */
public final class FakeOAuthProvider implements OAuthProvider {
    private final String id;
    private final String name;
    private final Map<String, Grant> grants = new HashMap<>();
    private OAuthProfile next;
    private ExchangeResult forcedResult;
    private int exchanges;

    private record Grant(URI redirectUri, String challenge, Optional<String> nonce, OAuthProfile profile) {}

    public FakeOAuthProvider(String id, String displayName) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(displayName, "displayName");
    }

    /** A profile as a provider gives it. */
    public static OAuthProfile profile(String provider, String subject, String email, boolean verified, String firstName,
            String lastName) {
        return new OAuthProfile(new ExternalIdentity(provider, subject), Email.parse(email), verified && email != null,
                firstName, lastName, (firstName + " " + lastName).strip(), Optional.empty());
    }

    /** The profile the next approved sign-in yields. */
    public synchronized FakeOAuthProvider willSignIn(OAuthProfile profile) {
        this.next = Objects.requireNonNull(profile, "profile");
        return this;
    }

    /** Makes every exchange answer {@code result} (e.g. {@code new ExchangeResult.Unavailable("down")}); null to stop. */
    public synchronized FakeOAuthProvider answerExchangesWith(ExchangeResult result) {
        this.forcedResult = result;
        return this;
    }

    /** How many code exchanges were attempted. */
    public synchronized int exchanges() {
        return exchanges;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        StringBuilder url = new StringBuilder("https://" + id + ".oauth.test/authorize?response_type=code&client_id=test-client");
        url.append("&redirect_uri=").append(enc(request.redirectUri().toString()));
        url.append("&state=").append(enc(request.state()));
        url.append("&code_challenge=").append(enc(request.codeChallenge())).append("&code_challenge_method=S256");
        request.nonce().ifPresent(n -> url.append("&nonce=").append(enc(n)));
        return URI.create(url.toString());
    }

    /** The user consents: the callback URL (redirect URI with {@code code} and {@code state}) the browser is sent to. */
    public synchronized URI approve(URI authorizationUrl) {
        Map<String, String> q = query(authorizationUrl);
        if (next == null) throw new IllegalStateException("call willSignIn(profile) first");
        String code = UUID.randomUUID().toString();
        URI redirect = URI.create(q.get("redirect_uri"));
        grants.put(code, new Grant(redirect, q.get("code_challenge"), Optional.ofNullable(q.get("nonce")), next));
        return URI.create(redirect + "?code=" + enc(code) + "&state=" + enc(q.get("state")));
    }

    /** The user refuses: the callback URL with {@code error=access_denied}. */
    public URI deny(URI authorizationUrl) {
        Map<String, String> q = query(authorizationUrl);
        return URI.create(q.get("redirect_uri") + "?error=access_denied&state=" + enc(q.get("state")));
    }

    @Override
    public synchronized ExchangeResult exchange(CodeExchange exchange) {
        exchanges++;
        if (forcedResult != null) return forcedResult;
        Grant grant = grants.remove(exchange.code());
        if (grant == null) return new ExchangeResult.Rejected("invalid_grant: unknown or used code");
        if (!grant.redirectUri.equals(exchange.redirectUri())) return new ExchangeResult.Rejected("invalid_grant: redirect_uri");
        if (!s256(exchange.codeVerifier()).equals(grant.challenge)) return new ExchangeResult.Rejected("invalid_grant: PKCE");
        if (!grant.nonce.equals(exchange.nonce())) return new ExchangeResult.Rejected("nonce mismatch");
        return new ExchangeResult.Verified(grant.profile);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

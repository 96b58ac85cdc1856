package org.openml.auth.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.OAuthProfile;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.port.out.OAuthProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google as an OpenID Connect provider: endpoints and signing keys from the issuer's discovery
 * document (fetched on first use, then kept); the account is the ID token's {@code sub}; the
 * email counts as verified only when {@code email_verified} is true.
 */
final class GoogleProvider implements OAuthProvider {
    private static final Logger LOG = LoggerFactory.getLogger(GoogleProvider.class);
    static final String SCOPES = "openid email profile";
    private static final int TIMEOUT_MS = (int) OAuthProviders.TIMEOUT.toMillis();

    private final OAuthClientConfig config;
    private final ProviderHttp http;
    private final Clock clock;
    private volatile Discovered discovered;

    /** What the discovery document says, with a key source on its {@code jwks_uri}. */
    private record Discovered(URI authorizationEndpoint, URI tokenEndpoint, JWKSource<SecurityContext> keys) {}

    GoogleProvider(OAuthClientConfig config, HttpClient client, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp(client);
        this.clock = clock;
    }

    @Override
    public String id() {
        return "google";
    }

    @Override
    public String displayName() {
        return "Google";
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        Discovered d;
        try {
            d = discover();
        } catch (ProviderHttp.Unavailable | ProviderHttp.Refused e) {
            throw new DiscoveryFailed(e.getMessage());
        }
        String base = d.authorizationEndpoint().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + "response_type=code&client_id=" + ProviderHttp.enc(config.clientId())
                + "&redirect_uri=" + ProviderHttp.enc(request.redirectUri().toString())
                + "&scope=" + ProviderHttp.enc(SCOPES)
                + "&state=" + ProviderHttp.enc(request.state())
                + request.nonce().map(n -> "&nonce=" + ProviderHttp.enc(n)).orElse("")
                + "&code_challenge=" + ProviderHttp.enc(request.codeChallenge()) + "&code_challenge_method=S256");
    }

    @Override
    public ExchangeResult exchange(CodeExchange exchange) {
        if (exchange.nonce().isEmpty()) return new ExchangeResult.Rejected("no nonce to check the ID token against");
        try {
            Discovered d = discover();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("code", exchange.code());
            form.put("redirect_uri", exchange.redirectUri().toString());
            form.put("client_id", config.clientId());
            form.put("client_secret", config.clientSecret());
            form.put("code_verifier", exchange.codeVerifier());
            Map<String, Object> token = http.postForm(d.tokenEndpoint(), form);
            String idToken = ProviderHttp.text(token, "id_token");
            if (idToken.isEmpty()) return new ExchangeResult.Rejected("token answer without id_token");
            JWTClaimsSet claims = processor(d, exchange.nonce().get()).process(idToken, null);
            Object azp = claims.getClaim("azp");
            if (azp != null && !config.clientId().equals(azp)) return new ExchangeResult.Rejected("ID token for another party (azp)");
            Optional<Email> email = Optional.ofNullable(claims.getClaim("email")).map(Object::toString).flatMap(Email::parse);
            Object verifiedClaim = claims.getClaim("email_verified");
            boolean verified = email.isPresent() && (Boolean.TRUE.equals(verifiedClaim) || "true".equals(verifiedClaim));
            Optional<String> picture = Optional.ofNullable(claims.getClaim("picture")).map(Object::toString);
            return new ExchangeResult.Verified(new OAuthProfile(new ExternalIdentity(id(), claims.getSubject()), email, verified,
                    text(claims, "given_name"), text(claims, "family_name"), text(claims, "name"), picture));
        } catch (ProviderHttp.Unavailable e) {
            return new ExchangeResult.Unavailable(e.getMessage());
        } catch (ProviderHttp.Refused e) {
            return new ExchangeResult.Rejected(e.getMessage());
        } catch (BadJOSEException e) {
            return new ExchangeResult.Rejected("ID token not accepted: " + e.getMessage());
        } catch (KeySourceException e) {
            return new ExchangeResult.Unavailable("signing keys could not be fetched: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException | java.text.ParseException | IllegalArgumentException e) {
            return new ExchangeResult.Rejected("ID token unusable: " + e.getMessage());
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(Discovered d, String nonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), d.keys()));
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(issuer()).claim("nonce", nonce).build();
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(Set.of(config.clientId())), exact,
                new HashSet<>(Set.of("sub", "iat", "exp")), new HashSet<>()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
        return processor;
    }

    /** Google's ID tokens say {@code https://accounts.google.com}; other issuers their own URL. */
    private String issuer() {
        return config.baseUrl().toString();
    }

    private Discovered discover() throws ProviderHttp.Unavailable, ProviderHttp.Refused {
        Discovered d = discovered;
        if (d != null) return d;
        synchronized (this) {
            if (discovered != null) return discovered;
            Map<String, Object> doc = http.getObject(URI.create(issuer() + "/.well-known/openid-configuration"));
            if (!issuer().equals(ProviderHttp.text(doc, "issuer"))) {
                throw new ProviderHttp.Refused("discovery document names issuer '" + ProviderHttp.text(doc, "issuer")
                        + "', expected " + issuer());
            }
            try {
                URI auth = URI.create(ProviderHttp.text(doc, "authorization_endpoint"));
                URI tokenEndpoint = URI.create(ProviderHttp.text(doc, "token_endpoint"));
                URI jwks = URI.create(ProviderHttp.text(doc, "jwks_uri"));
                JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks.toURL(),
                        new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 256 * 1024)).build();
                discovered = new Discovered(auth, tokenEndpoint, keys);
                LOG.info("Google sign-in: using the endpoints of {}", issuer());
                return discovered;
            } catch (IllegalArgumentException | MalformedURLException e) {
                throw new ProviderHttp.Refused("discovery document has unusable endpoints: " + e.getMessage());
            }
        }
    }

    private static String text(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v == null ? "" : v.toString();
    }

    @Override
    public String toString() {
        return "GoogleProvider[" + issuer() + "]";
    }

    /** The discovery document could not be fetched when a sign-in started. */
    static final class DiscoveryFailed extends AuthException {
        DiscoveryFailed(String detail) {
            super(ErrorCode.OAUTH_PROVIDER_UNAVAILABLE, detail, null);
        }
    }
}

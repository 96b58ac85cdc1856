package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.session.NextAuthSessionCodec;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * Forged session tokens against the running server, as the cookie and as {@code Authorization:
 * Bearer}: none may read the session, show or regenerate the API key, or list passkeys. The
 * claims are the victim's real ones; only what the attacker cannot have (the secret) is missing
 * or misused. The codec's own unit tests ({@code NextAuthSessionCodecTest}, {@code
 * DecoderPropertiesTest}) cover the decoding; this proves every route goes through it.
 */
class ForgedSessionTest {
    static final String VICTIM = "victim@example.org";

    @TempDir
    static Path dir;
    static AttackTarget target;
    static String genuine;
    static Map<String, Object> victimUser;
    static String victimKey;

    @BeforeAll
    static void start() throws Exception {
        target = AttackTarget.start(dir);
        target.confirmedAccount(VICTIM);
        AuthHttpClient victim = target.signedIn(VICTIM);
        genuine = victim.cookie("next-auth.session-token").orElseThrow();
        Map<String, Object> session = victim.get("/api/auth/session").json();
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) session.get("user");
        victimUser = user;
        victimKey = (String) session.get("apikey");
    }

    @AfterAll
    static void stop() {
        if (target != null) target.close();
    }

    static JWTClaimsSet claims(Instant expires) {
        Instant now = target.clock.instant();
        return new JWTClaimsSet.Builder()
                .claim("name", victimUser.get("name")).claim("email", VICTIM)
                .subject((String) victimUser.get("id")).claim("userId", victimUser.get("id"))
                .claim("username", victimUser.get("username")).claim("apikey", victimKey)
                .claim("firstName", "Ada").claim("lastName", "Lovelace").claim("isLocalUser", true)
                .issueTime(Date.from(now.minusSeconds(60))).expirationTime(Date.from(expires)).jwtID("forged").build();
    }

    static String encrypted(String secret, EncryptionMethod enc, JWTClaimsSet claims) throws Exception {
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, enc), claims);
        jwt.encrypt(new DirectEncrypter(NextAuthSessionCodec.deriveKey(secret)));
        return jwt.serialize();
    }

    /** Each forgery by name. */
    static Map<String, String> forgeries() throws Exception {
        Instant later = target.clock.instant().plus(Duration.ofHours(1));
        Map<String, String> f = new LinkedHashMap<>();
        f.put("garbage", "not-a-session-token");
        f.put("alg none", new PlainJWT(claims(later)).serialize());
        f.put("alg none, dressed as JWE", Base64URL.encode("{\"alg\":\"none\",\"enc\":\"A256GCM\"}") + "..."
                + Base64URL.encode(claims(later).toString()) + ".");
        SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(later));
        signed.sign(new MACSigner(NextAuthSessionCodec.deriveKey(AttackTarget.SECRET)));
        f.put("signed (HS256) with the right key instead of encrypted", signed.serialize());
        f.put("encrypted under another secret", encrypted("another-secret-0123456789abcdef0123456789", EncryptionMethod.A256GCM,
                claims(later)));
        // A128CBC-HS256 takes a 256-bit key too: only the enc check refuses it.
        f.put("right key, other enc (A128CBC-HS256)", encrypted(AttackTarget.SECRET, EncryptionMethod.A128CBC_HS256, claims(later)));
        f.put("right key, expired an hour ago", encrypted(AttackTarget.SECRET, EncryptionMethod.A256GCM,
                claims(target.clock.instant().minus(Duration.ofHours(1)))));
        f.put("truncated by 5 characters", genuine.substring(0, genuine.length() - 5));
        f.put("tag removed", genuine.substring(0, genuine.lastIndexOf('.') + 1));
        f.put("four parts", genuine.substring(0, genuine.lastIndexOf('.')));
        int middle = genuine.indexOf('.', genuine.indexOf('.', genuine.indexOf('.') + 1) + 1) + 5;
        f.put("one ciphertext character changed", genuine.substring(0, middle) + (genuine.charAt(middle) == 'A' ? 'B' : 'A')
                + genuine.substring(middle + 1));
        f.put("padded with 6000 characters", genuine + "A".repeat(6_000));
        return f;
    }

    @Test
    void theGenuineTokenWorksBothWays() {
        assertThat(asCookie(genuine).get("/api/user/api-key").status()).isEqualTo(200);
        assertThat(target.browser().get("/api/user/api-key", "Authorization", "Bearer " + genuine).status()).isEqualTo(200);
    }

    @Test
    void forgedTokensOpenNothingAsCookieOrAsBearer() throws Exception {
        List<String> failures = new ArrayList<>();
        var before = target.snapshot();
        for (Map.Entry<String, String> forgery : forgeries().entrySet()) {
            String name = forgery.getKey();
            String token = forgery.getValue();

            AuthHttpClient cookie = asCookie(token);
            Response session = cookie.get("/api/auth/session");
            expect(failures, name + " cookie: session", session, 200, "{}");
            assertThat(session.headerValues("Set-Cookie")).as(name + ": the unreadable cookie is cleared")
                    .anyMatch(c -> c.startsWith("next-auth.session-token=;"));
            expect(failures, name + " cookie: api-key", cookie.get("/api/user/api-key"), 401, null);
            expect(failures, name + " cookie: passkeys", cookie.get("/api/auth/passkey/list"), 401, null);
            expect(failures, name + " cookie: regenerate", cookie.postJson("/api/user/api-key/regenerate", Map.of(),
                    "X-CSRF-Token", cookie.csrfToken()), 401, null);

            AuthHttpClient bearer = target.browser();
            String[] auth = {"Authorization", "Bearer " + token};
            expect(failures, name + " bearer: session", bearer.get("/api/auth/session", auth), 200, "{}");
            expect(failures, name + " bearer: api-key", bearer.get("/api/user/api-key", auth), 401, null);
            expect(failures, name + " bearer: passkeys", bearer.get("/api/auth/passkey/list", auth), 401, null);
            expect(failures, name + " bearer: regenerate", bearer.postJson("/api/user/api-key/regenerate", Map.of(), auth), 401, null);
            expect(failures, name + " bearer: whoami", bearer.get("/api/user/whoami", auth), 401, null);
        }
        assertThat(failures).isEmpty();
        assertThat(target.snapshot()).as("the victim's key was not regenerated, nothing written").isEqualTo(before);
    }

    @Test
    void aGenuineTokenStopsWorkingWhenItExpires() {
        AuthHttpClient victim = target.signedIn(VICTIM);
        String token = victim.cookie("next-auth.session-token").orElseThrow();
        target.clock.advance(Duration.ofHours(2).plusMinutes(1));
        try {
            assertThat(asCookie(token).get("/api/auth/session").body()).isEqualTo("{}");
            assertThat(target.browser().get("/api/user/api-key", "Authorization", "Bearer " + token).status()).isEqualTo(401);
        } finally {
            target.clock.advance(Duration.ofHours(-2).minusMinutes(1));
        }
    }

    static AuthHttpClient asCookie(String token) {
        AuthHttpClient browser = target.browser();
        browser.setCookie("next-auth.session-token", token);
        return browser;
    }

    static void expect(List<String> failures, String what, Response r, int status, String body) {
        if (r.status() != status || (body != null && !body.equals(r.body()))) failures.add(what + " -> " + r.status() + " " + r.body());
    }
}

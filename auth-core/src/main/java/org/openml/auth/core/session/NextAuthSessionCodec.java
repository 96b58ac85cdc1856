package org.openml.auth.core.session;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.UserId;

/**
 * Encodes and decodes session tokens exactly as next-auth v4's {@code jwt.encode}/{@code decode}
 * do: a JWE with {@code alg: dir}, {@code enc: A256GCM}, the key derived from the secret by
 * HKDF-SHA256 (empty salt, info "NextAuth.js Generated Encryption Key", 32 bytes), and 15 s of
 * clock tolerance on {@code exp}. So an OpenML Next.js front end and this server read each
 * other's cookies during a migration.
 */
public final class NextAuthSessionCodec {
    private static final String KEY_INFO = "NextAuth.js Generated Encryption Key";
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(15);
    private static final JWEHeader HEADER = new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM);
    /** Tokens are a few hundred bytes; refuse to parse anything absurd. */
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;
    /** When the user signed in, epoch milliseconds; tokens minted by OpenML's Next.js app have none. */
    static final String SIGNED_IN_AT = "signedInAt";
    /** How the user signed in ({@code password}, {@code passkey}, {@code github}, {@code google}); absent when unknown. */
    static final String SIGN_IN_METHOD = "signInMethod";

    private final DirectEncrypter encrypter;
    private final List<DirectDecrypter> decrypters;

    /**
     * @param secret the current {@code NEXTAUTH_SECRET}, used to encode and decode
     * @param previousSecrets older secrets still accepted for decoding (rotation without logging everyone out)
     */
    public NextAuthSessionCodec(String secret, List<String> previousSecrets) {
        try {
            this.encrypter = new DirectEncrypter(deriveKey(secret));
            List<DirectDecrypter> list = new ArrayList<>();
            list.add(new DirectDecrypter(deriveKey(secret)));
            for (String old : previousSecrets) list.add(new DirectDecrypter(deriveKey(old)));
            this.decrypters = List.copyOf(list);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot build the session cipher", e);
        }
    }

    /** The 32-byte content-encryption key next-auth v4 derives from a secret. */
    public static byte[] deriveKey(String secret) {
        if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("session secret is required");
        return Hkdf.sha256(secret.getBytes(StandardCharsets.UTF_8), new byte[0], KEY_INFO, 32);
    }

    public String encode(Session session) {
        // next-auth's default jwt callback writes picture: null for an account without an image; so do we.
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .serializeNullClaims(true)
                .claim("name", session.name())
                .claim("email", session.email())
                .claim("picture", session.picture().orElse(null))
                .subject(Long.toString(session.userId().value()))
                .claim("userId", Long.toString(session.userId().value()))
                .claim("username", session.username())
                .claim("apikey", session.apiKey().orElse(null))
                .claim("firstName", session.firstName())
                .claim("lastName", session.lastName())
                .claim("isLocalUser", session.localUser())
                .issueTime(Date.from(session.issuedAt()))
                .expirationTime(Date.from(session.expiresAt()))
                .jwtID(session.id())
                // Our own claim (next-auth keeps unknown claims): the sign-in time in milliseconds,
                // which survives refreshes, for the revocation cut-off.
                .claim(SIGNED_IN_AT, session.signedInAt().toEpochMilli());
        if (!session.signInMethod().isEmpty()) claims.claim(SIGN_IN_METHOD, session.signInMethod());
        EncryptedJWT jwt = new EncryptedJWT(HEADER, claims.build());
        try {
            jwt.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("session encryption failed", e);
        }
        return jwt.serialize();
    }

    /** The session in {@code token}, or empty when it is malformed, forged, under an unknown secret or expired at {@code now}. */
    public Optional<Session> decode(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) return Optional.empty();
        for (DirectDecrypter decrypter : decrypters) {
            EncryptedJWT jwt;
            try {
                jwt = EncryptedJWT.parse(token);
            } catch (ParseException | RuntimeException e) {
                // nimbus throws unchecked exceptions for some malformed headers (e.g. NPE without "enc").
                return Optional.empty();
            }
            if (!JWEAlgorithm.DIR.equals(jwt.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwt.getHeader().getEncryptionMethod())) {
                return Optional.empty();
            }
            try {
                jwt.decrypt(decrypter);
            } catch (JOSEException | IllegalStateException e) {
                continue; // another secret may fit
            }
            try {
                return toSession(jwt.getJWTClaimsSet(), now);
            } catch (ParseException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Session> toSession(JWTClaimsSet claims, Instant now) throws ParseException {
        Date exp = claims.getExpirationTime();
        // Same boundary as jose in next-auth: refused from exp + tolerance on.
        if (exp == null || !now.isBefore(exp.toInstant().plus(CLOCK_TOLERANCE))) return Optional.empty();
        Object userId = claims.getClaim("userId");
        String id = userId != null ? userId.toString() : claims.getSubject();
        if (id == null) return Optional.empty();
        Date iat = claims.getIssueTime();
        Map<String, Object> all = claims.getClaims();
        return Optional.of(new Session(
                UserId.parse(id),
                text(all.get("username")),
                text(all.get("email")),
                text(all.get("name")),
                Optional.ofNullable(all.get("picture")).map(Object::toString),
                Optional.ofNullable(all.get("apikey")).map(Object::toString),
                text(all.get("firstName")),
                text(all.get("lastName")),
                !Boolean.FALSE.equals(all.get("isLocalUser")),
                iat == null ? exp.toInstant() : iat.toInstant(),
                exp.toInstant(),
                Optional.ofNullable(claims.getJWTID()).orElse(""),
                signedInAt(all.get(SIGNED_IN_AT), iat),
                text(all.get(SIGN_IN_METHOD))));
    }

    /**
     * The sign-in time: our millisecond claim, else {@code iat} (a Next.js token: the last refresh,
     * in whole seconds, so never later than the real time), else the epoch, which every cut-off
     * revokes: without a time the session cannot be shown to postdate a revocation.
     */
    private static Instant signedInAt(Object claim, Date iat) {
        if (claim instanceof Number n && !(claim instanceof Double || claim instanceof Float)) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (claim instanceof Number n && Double.isFinite(n.doubleValue())) {
            return Instant.ofEpochMilli((long) Math.floor(n.doubleValue()));
        }
        return iat == null ? Instant.EPOCH : iat.toInstant();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}

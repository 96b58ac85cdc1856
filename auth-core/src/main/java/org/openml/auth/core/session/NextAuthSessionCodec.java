package org.openml.auth.core.session;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.shaded.gson.stream.JsonReader;
import com.nimbusds.jose.shaded.gson.stream.JsonToken;
import com.nimbusds.jose.shaded.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.UserId;

/**
 * Encodes and decodes session tokens exactly as next-auth v4's {@code jwt.encode}/{@code decode}
 * do: a JWE with {@code alg: dir}, {@code enc: A256GCM}, the key derived from the secret by
 * HKDF-SHA256 (empty salt, info "NextAuth.js Generated Encryption Key", 32 bytes), and 15 s of
 * clock tolerance on {@code exp}. So an OpenML Next.js front end and this server read each
 * other's cookies during a migration.
 *
 * <p>Every session read decodes one token and encodes the next, so the token's fixed shape is
 * handled here directly: one JCA AES-GCM operation, the JDK's Base64, and the claims read and
 * written with the streaming JSON reader and writer that nimbus ships (its shaded Gson), which
 * costs a fraction of nimbus's general JWE and JWT path. A token whose protected header is not
 * next-auth's exact text still goes through nimbus's JWE path, and both read claims alike.
 */
public final class NextAuthSessionCodec {
    private static final String KEY_INFO = "NextAuth.js Generated Encryption Key";
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(15);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    /** The protected header as next-auth (jose) serialises it; it is also the GCM additional data. */
    private static final String HEADER = B64.encodeToString("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] HEADER_AAD = HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    /** Tokens are a few hundred bytes; refuse to parse anything absurd. */
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;
    /** When the user signed in, epoch milliseconds; tokens minted by OpenML's Next.js app have none. */
    static final String SIGNED_IN_AT = "signedInAt";
    /** How the user signed in ({@code password}, {@code passkey}, {@code github}, {@code google}); absent when unknown. */
    static final String SIGN_IN_METHOD = "signInMethod";

    private final GcmKey current;
    /** The current key first, then the previous ones. */
    private final List<GcmKey> keys;
    private final List<DirectDecrypter> decrypters;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret the current {@code NEXTAUTH_SECRET}, used to encode and decode
     * @param previousSecrets older secrets still accepted for decoding (rotation without logging everyone out)
     */
    public NextAuthSessionCodec(String secret, List<String> previousSecrets) {
        List<byte[]> raw = new ArrayList<>();
        raw.add(deriveKey(secret));
        for (String old : previousSecrets) raw.add(deriveKey(old));
        try {
            List<GcmKey> gcm = new ArrayList<>();
            List<DirectDecrypter> list = new ArrayList<>();
            for (byte[] key : raw) {
                gcm.add(new GcmKey(key));
                list.add(new DirectDecrypter(key));
            }
            this.keys = List.copyOf(gcm);
            this.current = keys.get(0);
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
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = current.seal(iv, claims(session).getBytes(StandardCharsets.UTF_8));
        int split = sealed.length - TAG_BYTES;
        return HEADER + ".." + B64.encodeToString(iv)
                + '.' + B64.encodeToString(Arrays.copyOf(sealed, split))
                + '.' + B64.encodeToString(Arrays.copyOfRange(sealed, split, sealed.length));
    }

    /**
     * The claims as next-auth's default {@code jwt} callback writes them ({@code picture: null} for
     * an account without an image), plus ours: {@code signedInAt} (ms, kept across refreshes, for
     * the revocation cut-off) and {@code signInMethod}. Times are whole seconds, as in every JWT.
     */
    private static String claims(Session session) {
        String id = Long.toString(session.userId().value());
        StringWriter text = new StringWriter(512);
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject()
                    .name("name").value(session.name())
                    .name("email").value(session.email())
                    .name("picture").value(session.picture().orElse(null))
                    .name("sub").value(id)
                    .name("userId").value(id)
                    .name("username").value(session.username())
                    .name("apikey").value(session.apiKey().orElse(null))
                    .name("firstName").value(session.firstName())
                    .name("lastName").value(session.lastName())
                    .name("isLocalUser").value(session.localUser())
                    .name("iat").value(Math.floorDiv(session.issuedAt().toEpochMilli(), 1000))
                    .name("exp").value(Math.floorDiv(session.expiresAt().toEpochMilli(), 1000))
                    .name("jti").value(session.id())
                    .name(SIGNED_IN_AT).value(session.signedInAt().toEpochMilli());
            if (!session.signInMethod().isEmpty()) json.name(SIGN_IN_METHOD).value(session.signInMethod());
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /** The session in {@code token}, or empty when it is malformed, forged, under an unknown secret or expired at {@code now}. */
    public Optional<Session> decode(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) return Optional.empty();
        int d1 = token.indexOf('.');
        int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
        int d3 = d2 < 0 ? -1 : token.indexOf('.', d2 + 1);
        int d4 = d3 < 0 ? -1 : token.indexOf('.', d3 + 1);
        if (d4 < 0 || token.indexOf('.', d4 + 1) >= 0) return Optional.empty();
        // Another serialisation of a header (key order, spaces) is nimbus's to judge; it is also
        // part of the additional data, so it must be authenticated as it stands.
        if (d1 != HEADER.length() || !token.startsWith(HEADER)) return decodeAnyHeader(token, now);
        if (d2 != d1 + 1) return Optional.empty(); // dir carries no encrypted key
        byte[] iv;
        byte[] sealed;
        try {
            iv = UNB64.decode(token.substring(d2 + 1, d3));
            byte[] text = UNB64.decode(token.substring(d3 + 1, d4));
            byte[] tag = UNB64.decode(token.substring(d4 + 1));
            if (iv.length != IV_BYTES || tag.length != TAG_BYTES || text.length == 0) return Optional.empty();
            sealed = Arrays.copyOf(text, text.length + TAG_BYTES);
            System.arraycopy(tag, 0, sealed, text.length, TAG_BYTES);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (GcmKey key : keys) {
            byte[] plain = key.open(iv, sealed);
            if (plain != null) return session(new String(plain, StandardCharsets.UTF_8), now);
        }
        return Optional.empty();
    }

    /** The general path, through nimbus, for a token whose header is not next-auth's exact text. */
    private Optional<Session> decodeAnyHeader(String token, Instant now) {
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(token);
        } catch (ParseException | RuntimeException e) {
            // nimbus throws unchecked exceptions for some malformed headers (e.g. NPE without "enc").
            return Optional.empty();
        }
        if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm())
                || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
            return Optional.empty();
        }
        // A failed decryption leaves the object encrypted, ready for the next secret.
        for (DirectDecrypter decrypter : decrypters) {
            try {
                jwe.decrypt(decrypter);
            } catch (JOSEException | IllegalStateException e) {
                continue; // another secret may fit
            }
            return session(jwe.getPayload().toString(), now);
        }
        return Optional.empty();
    }

    /** The session in a token's claims; empty when they are not a JSON object of well-typed claims, or expired. */
    private static Optional<Session> session(String json, Instant now) {
        try {
            return toSession(readClaims(json), now);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stands for a nested object or array: no claim the session reads may be one. */
    private static final Object NESTED = new Object() {
        @Override
        public String toString() {
            return "[nested]";
        }
    };

    /**
     * A token's claims, as a JWT library reads them: a strict JSON object without repeated names;
     * the registered claims typed ({@code iss}, {@code jti} strings; {@code sub} a string or number;
     * {@code aud} a string or strings; {@code exp}, {@code nbf}, {@code iat} numbers); integers as
     * {@code Long} (a {@code Double} beyond its range), other numbers as {@code Double}.
     */
    static Map<String, Object> readClaims(String json) throws IOException {
        Map<String, Object> claims = new HashMap<>();
        try (JsonReader in = new JsonReader(new StringReader(json))) {
            in.beginObject();
            while (in.hasNext()) {
                String name = in.nextName();
                Object value = switch (in.peek()) {
                    case STRING -> in.nextString();
                    case NUMBER -> number(in.nextString());
                    case BOOLEAN -> in.nextBoolean();
                    case NULL -> {
                        in.nextNull();
                        yield null;
                    }
                    case BEGIN_ARRAY -> "aud".equals(name) ? audiences(in) : skip(in);
                    default -> skip(in);
                };
                if (claims.containsKey(name)) throw new IOException("the claim " + name + " is repeated");
                claims.put(name, value);
                if (!wellTyped(name, value)) throw new IOException("the claim " + name + " has the wrong type");
            }
            in.endObject();
            if (in.peek() != JsonToken.END_DOCUMENT) throw new IOException("text after the claims");
        }
        return claims;
    }

    private static boolean wellTyped(String name, Object value) {
        if (value == null) return true;
        return switch (name) {
            case "iss", "jti" -> value instanceof String;
            case "sub" -> value instanceof String || value instanceof Number;
            case "aud" -> value instanceof String || value instanceof List;
            case "exp", "nbf", "iat" -> value instanceof Number;
            default -> true;
        };
    }

    private static Object number(String literal) {
        if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException beyondLong) {
                // as below
            }
        }
        return Double.parseDouble(literal);
    }

    private static Object audiences(JsonReader in) throws IOException {
        List<String> audiences = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            if (in.peek() != JsonToken.STRING) throw new IOException("an audience that is not a string");
            audiences.add(in.nextString());
        }
        in.endArray();
        return audiences;
    }

    private static Object skip(JsonReader in) throws IOException {
        in.skipValue();
        return NESTED;
    }

    private static Optional<Session> toSession(Map<String, Object> claims, Instant now) {
        Instant exp = seconds(claims.get("exp"));
        // Same boundary as jose in next-auth: refused from exp + tolerance on.
        if (exp == null || !now.isBefore(exp.plus(CLOCK_TOLERANCE))) return Optional.empty();
        Object userId = claims.get("userId");
        Object sub = claims.get("sub");
        String id = userId != null ? userId.toString() : sub != null ? sub.toString() : null;
        if (id == null) return Optional.empty();
        Instant iat = seconds(claims.get("iat"));
        Object jti = claims.get("jti");
        return Optional.of(new Session(
                UserId.parse(id),
                text(claims.get("username")),
                text(claims.get("email")),
                text(claims.get("name")),
                Optional.ofNullable(claims.get("picture")).map(Object::toString),
                Optional.ofNullable(claims.get("apikey")).map(Object::toString),
                text(claims.get("firstName")),
                text(claims.get("lastName")),
                !Boolean.FALSE.equals(claims.get("isLocalUser")),
                iat == null ? exp : iat,
                exp,
                jti == null ? "" : (String) jti,
                signedInAt(claims.get(SIGNED_IN_AT), iat),
                text(claims.get(SIGN_IN_METHOD))));
    }

    /** A JWT time: whole seconds since the epoch, fractions dropped as a JWT library does. */
    private static Instant seconds(Object value) {
        return value instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
    }

    /**
     * The sign-in time: our millisecond claim, else {@code iat} (a Next.js token: the last refresh,
     * in whole seconds, so never later than the real time), else the epoch, which every cut-off
     * revokes: without a time the session cannot be shown to postdate a revocation.
     */
    private static Instant signedInAt(Object claim, Instant iat) {
        if (claim instanceof Number n && !(claim instanceof Double || claim instanceof Float)) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (claim instanceof Number n && Double.isFinite(n.doubleValue())) {
            return Instant.ofEpochMilli((long) Math.floor(n.doubleValue()));
        }
        return iat == null ? Instant.EPOCH : iat;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /**
     * One AES-256-GCM key with a few {@link Cipher}s kept for reuse: making one per call is a
     * provider look-up and a key schedule each time. A GCM cipher is re-initialised with a fresh
     * IV for every encryption, which is what makes reuse safe.
     */
    private static final class GcmKey {
        private final SecretKeySpec key;
        private final BlockingQueue<Cipher> idle = new ArrayBlockingQueue<>(32);

        GcmKey(byte[] key) {
            this.key = new SecretKeySpec(key, "AES");
        }

        byte[] seal(byte[] iv, byte[] plain) {
            Cipher cipher = take();
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
                cipher.updateAAD(HEADER_AAD);
                byte[] sealed = cipher.doFinal(plain);
                idle.offer(cipher);
                return sealed;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("session encryption failed", e);
            }
        }

        /** The plaintext, or null when the tag does not verify under this key. */
        byte[] open(byte[] iv, byte[] sealed) {
            Cipher cipher = take();
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
                cipher.updateAAD(HEADER_AAD);
                byte[] plain = cipher.doFinal(sealed);
                idle.offer(cipher);
                return plain;
            } catch (AEADBadTagException e) {
                idle.offer(cipher); // a failed tag leaves the cipher ready for its next init
                return null;
            } catch (GeneralSecurityException e) {
                return null;
            }
        }

        private Cipher take() {
            Cipher cipher = idle.poll();
            if (cipher != null) return cipher;
            try {
                return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available in this JVM", e);
            }
        }
    }
}

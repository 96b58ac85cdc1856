package org.openml.auth.testkit.webauthn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A passkey authenticator in software, for tests: what a browser plus a platform authenticator
 * would answer to {@code navigator.credentials.create/get}, in the {@code PublicKeyCredential.toJSON()}
 * form. EC P-256 keys (ES256) from the JDK, {@code none} attestation, real CBOR
 * {@code attestationObject} and {@code authenticatorData}, discoverable credentials with their
 * user handle, and a signature counter per credential.
 *
 * <pre>{@code
 * SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
 * Map<String, Object> options = browser.postJson("/api/auth/passkey/signup-options", Map.of(...)).json();
 * Map<String, Object> credential = authenticator.create(options, server.baseUrl().toString());
 * browser.postJson("/api/auth/passkey/signup-verify", Map.of("credential", credential));
 * }</pre>
 *
 * <p>Not thread-safe; one per simulated device. Tests tamper with the returned maps (they are
 * mutable) or use {@link #counterMode}, {@link #setCounter}, {@link #rpIdOverride} to play attacker.
 */
public final class SoftwareAuthenticator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final int UP = 0x01;
    private static final int UV = 0x04;
    private static final int BE = 0x08;
    private static final int BS = 0x10;
    private static final int AT = 0x40;

    /** How the signature counter moves. */
    public enum CounterMode {
        /** +1 per signature, as a security key does. */
        INCREMENTING,
        /** Always 0, as synced passkeys (iCloud Keychain, Google Password Manager) report. */
        ZERO
    }

    /** One credential this authenticator holds. */
    public static final class Credential {
        private final byte[] id;
        private final String rpId;
        private final byte[] userHandle;
        private final KeyPair keys;
        private long counter;

        Credential(byte[] id, String rpId, byte[] userHandle, KeyPair keys) {
            this.id = id;
            this.rpId = rpId;
            this.userHandle = userHandle;
            this.keys = keys;
        }

        /** The credential id, base64url. */
        public String id() {
            return B64URL.encodeToString(id);
        }

        public String rpId() {
            return rpId;
        }

        /** The user handle it was created for, base64url. */
        public String userHandle() {
            return B64URL.encodeToString(userHandle);
        }

        public long counter() {
            return counter;
        }

        /** The public key as a COSE_Key, as a relying party stores it. */
        public byte[] publicKeyCose() {
            return coseKey((ECPublicKey) keys.getPublic());
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final List<Credential> credentials = new ArrayList<>();
    private CounterMode counterMode = CounterMode.INCREMENTING;
    private boolean backupEligible;
    private boolean userVerifying = true;
    private boolean userPresent = true;
    private byte[] aaguid = new byte[16];
    private String rpIdOverride;

    /** Counter behaviour for new signatures (default {@link CounterMode#INCREMENTING}). */
    public SoftwareAuthenticator counterMode(CounterMode mode) {
        this.counterMode = mode;
        return this;
    }

    /** Whether credentials are synced passkeys (BE and BS flags set); default false. */
    public SoftwareAuthenticator backupEligible(boolean eligible) {
        this.backupEligible = eligible;
        return this;
    }

    /** Whether the user is verified (UV flag); default true, as with a platform authenticator. */
    public SoftwareAuthenticator userVerifying(boolean verifying) {
        this.userVerifying = verifying;
        return this;
    }

    /**
     * Whether the user is present (UP flag); default true. A passkey provider saving a passkey on
     * its own after a password sign-in (conditional create) leaves it unset.
     */
    public SoftwareAuthenticator userPresent(boolean present) {
        this.userPresent = present;
        return this;
    }

    /** The authenticator model it reports in new credentials (default all zeros: "not told"). */
    public SoftwareAuthenticator aaguid(java.util.UUID model) {
        this.aaguid = ByteBuffer.allocate(16).putLong(model.getMostSignificantBits()).putLong(model.getLeastSignificantBits()).array();
        return this;
    }

    /** Signs for this RP ID instead of the one in the options (an attacker's phishing page); null to stop. */
    public SoftwareAuthenticator rpIdOverride(String rpId) {
        this.rpIdOverride = rpId;
        return this;
    }

    /** Sets a credential's counter, e.g. back to an older value as a cloned authenticator would. */
    public void setCounter(String credentialId, long value) {
        credential(credentialId).orElseThrow().counter = value;
    }

    /** The credentials held, oldest first. */
    public List<Credential> credentials() {
        return List.copyOf(credentials);
    }

    public Optional<Credential> credential(String credentialId) {
        return credentials.stream().filter(c -> c.id().equals(credentialId)).findFirst();
    }

    /**
     * {@code navigator.credentials.create()}: a new discoverable credential for the options (the
     * bare creation options JSON as the server sends it), answered as {@code toJSON()}.
     *
     * @param origin the page's origin, as the browser puts it in the client data
     * @throws IllegalStateException like the browser's {@code InvalidStateError} when
     *     {@code excludeCredentials} names a credential this authenticator holds
     */
    public Map<String, Object> create(Map<String, ?> options, String origin) {
        JsonNode o = JSON.valueToTree(options);
        String rpId = o.path("rp").path("id").asText(null);
        if (rpId == null) throw new IllegalArgumentException("options without rp.id: " + options);
        for (JsonNode excluded : o.path("excludeCredentials")) {
            String id = excluded.path("id").asText();
            if (credentials.stream().anyMatch(c -> c.id().equals(id) && c.rpId.equals(rpId))) {
                throw new IllegalStateException("InvalidStateError: this authenticator already holds an excluded credential");
            }
        }
        byte[] userHandle = B64URL_DECODER.decode(o.path("user").path("id").asText());
        byte[] challenge = B64URL_DECODER.decode(o.path("challenge").asText());
        byte[] credentialId = new byte[16];
        random.nextBytes(credentialId);
        Credential credential = new Credential(credentialId, rpId, userHandle, newKeyPair());
        // A discoverable credential for the same RP and user handle replaces the older one, as authenticators do.
        credentials.removeIf(c -> c.rpId.equals(rpId) && MessageDigest.isEqual(c.userHandle, userHandle));
        credentials.add(credential);

        byte[] clientData = clientData("webauthn.create", challenge, origin);
        byte[] cose = coseKey((ECPublicKey) credential.keys.getPublic());
        ByteBuffer attested = ByteBuffer.allocate(16 + 2 + credentialId.length + cose.length);
        attested.put(aaguid).putShort((short) credentialId.length).put(credentialId).put(cose);
        byte[] authData = authenticatorData(rpIdOverride != null ? rpIdOverride : rpId, AT, credential.counter, attested.array());
        Map<String, Object> attestationObject = new LinkedHashMap<>();
        attestationObject.put("fmt", "none");
        attestationObject.put("attStmt", Map.of());
        attestationObject.put("authData", authData);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64URL.encodeToString(clientData));
        response.put("attestationObject", B64URL.encodeToString(Cbor.encode(attestationObject)));
        response.put("authenticatorData", B64URL.encodeToString(authData));
        response.put("transports", new ArrayList<>(List.of("hybrid", "internal")));
        response.put("publicKey", B64URL.encodeToString(credential.keys.getPublic().getEncoded()));
        response.put("publicKeyAlgorithm", -7);
        return publicKeyCredential(credentialId, response);
    }

    /**
     * {@code navigator.credentials.get()}: an assertion for the request options. With an
     * {@code allowCredentials} list, the first held credential on it signs; without (discoverable
     * sign-in), the newest credential for the RP ID does — or the one named by
     * {@link #get(Map, String, String)}.
     */
    public Map<String, Object> get(Map<String, ?> options, String origin) {
        return get(options, origin, null);
    }

    /** As {@link #get(Map, String)}, with the credential (base64url id) the user picks in the account chooser. */
    public Map<String, Object> get(Map<String, ?> options, String origin, String credentialId) {
        JsonNode o = JSON.valueToTree(options);
        String rpId = o.path("rpId").asText(null);
        if (rpId == null) throw new IllegalArgumentException("options without rpId: " + options);
        List<String> allowed = new ArrayList<>();
        o.path("allowCredentials").forEach(c -> allowed.add(c.path("id").asText()));
        Credential credential = credentials.stream()
                .filter(c -> c.rpId.equals(rpId))
                .filter(c -> credentialId == null || c.id().equals(credentialId))
                .filter(c -> allowed.isEmpty() || allowed.contains(c.id()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("NotAllowedError: no credential for " + rpId));
        if (counterMode == CounterMode.INCREMENTING) credential.counter++;
        byte[] challenge = B64URL_DECODER.decode(o.path("challenge").asText());
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        byte[] authData = authenticatorData(rpIdOverride != null ? rpIdOverride : rpId, 0, credential.counter, new byte[0]);
        byte[] signature = sign(credential.keys, concat(authData, sha256(clientData)));

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64URL.encodeToString(clientData));
        response.put("authenticatorData", B64URL.encodeToString(authData));
        response.put("signature", B64URL.encodeToString(signature));
        response.put("userHandle", B64URL.encodeToString(credential.userHandle));
        return publicKeyCredential(credential.id, response);
    }

    private static Map<String, Object> publicKeyCredential(byte[] id, Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", B64URL.encodeToString(id));
        credential.put("rawId", B64URL.encodeToString(id));
        credential.put("type", "public-key");
        credential.put("authenticatorAttachment", "platform");
        credential.put("clientExtensionResults", new LinkedHashMap<>());
        credential.put("response", response);
        return credential;
    }

    private byte[] authenticatorData(String rpId, int extraFlags, long counter, byte[] attested) {
        int flags = (userPresent ? UP : 0) | extraFlags | (userVerifying ? UV : 0) | (backupEligible ? BE | BS : 0);
        ByteBuffer data = ByteBuffer.allocate(32 + 1 + 4 + attested.length);
        data.put(sha256(rpId.getBytes(StandardCharsets.UTF_8))).put((byte) flags).putInt((int) counter).put(attested);
        return data.array();
    }

    private static byte[] clientData(String type, byte[] challenge, String origin) {
        Map<String, Object> clientData = new LinkedHashMap<>();
        clientData.put("type", type);
        clientData.put("challenge", B64URL.encodeToString(challenge));
        clientData.put("origin", origin);
        clientData.put("crossOrigin", false);
        try {
            return JSON.writeValueAsBytes(clientData);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The COSE_Key of an EC2 P-256 ES256 key, in canonical key order (1, 3, -1, -2, -3). */
    private static byte[] coseKey(ECPublicKey key) {
        Map<Object, Object> cose = new LinkedHashMap<>();
        cose.put(1, 2);
        cose.put(3, -7);
        cose.put(-1, 1);
        cose.put(-2, unsigned32(key.getW().getAffineX()));
        cose.put(-3, unsigned32(key.getW().getAffineY()));
        return Cbor.encode(cose);
    }

    private static byte[] unsigned32(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every JDK", e);
        }
    }

    private static byte[] sign(KeyPair keys, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

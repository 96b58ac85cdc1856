package org.openml.auth.core.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored passkey ({@code user_passkeys} row): the public key of one WebAuthn credential of one
 * account, its signature counter and what the account holder called it.
 *
 * @param id the row id (what the list and remove/rename routes call {@code passkeyId})
 * @param userId the owner
 * @param credentialId the authenticator's credential id
 * @param publicKeyCose the credential public key, COSE-encoded
 * @param userHandle the WebAuthn user handle the credential was created for (its {@code user.id})
 * @param signCount the last signature counter seen; 0 for authenticators without one (synced passkeys)
 * @param transports transport hints the browser reported ({@code internal}, {@code hybrid}, {@code usb}, …)
 * @param deviceName the name the owner gave it
 * @param createdAt when it was added
 * @param lastUsedAt when it last signed in; empty when never
 * @param backupEligible whether the authenticator may sync it (BE flag)
 * @param backupState whether it was backed up / synced at last use (BS flag)
 * @param aaguid the authenticator model's AAGUID reported at registration (names the passkey
 *     provider, see {@link PasskeyProviders}); empty when unknown: all zeros, or a passkey
 *     registered before this was kept
 */
public record Passkey(
        long id,
        UserId userId,
        CredentialId credentialId,
        byte[] publicKeyCose,
        byte[] userHandle,
        long signCount,
        List<String> transports,
        String deviceName,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        boolean backupEligible,
        boolean backupState,
        Optional<UUID> aaguid) {

    /** Longest device name kept, in characters. */
    public static final int MAX_DEVICE_NAME_LENGTH = 100;

    public Passkey {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(credentialId, "credentialId");
        publicKeyCose = Objects.requireNonNull(publicKeyCose, "publicKeyCose").clone();
        userHandle = checkedUserHandle(userHandle);
        checkSignCount(signCount);
        transports = List.copyOf(transports);
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        aaguid = known(aaguid);
    }

    /** The all-zero AAGUID says "not telling" (attestation none, or a provider that hides it): unknown. */
    private static Optional<UUID> known(Optional<UUID> aaguid) {
        return Objects.requireNonNull(aaguid, "aaguid").filter(a -> a.getMostSignificantBits() != 0 || a.getLeastSignificantBits() != 0);
    }

    /** A copy of a WebAuthn user handle, which must be 1 to 64 bytes. */
    private static byte[] checkedUserHandle(byte[] userHandle) {
        byte[] copy = Objects.requireNonNull(userHandle, "userHandle").clone();
        if (copy.length == 0 || copy.length > 64) throw new IllegalArgumentException("user handle must be 1 to 64 bytes");
        return copy;
    }

    /** Authenticators count signatures in an unsigned 32-bit field. */
    private static void checkSignCount(long signCount) {
        if (signCount < 0 || signCount > 0xFFFFFFFFL) throw new IllegalArgumentException("signCount must be an unsigned 32-bit value");
    }

    @Override
    public byte[] publicKeyCose() {
        return publicKeyCose.clone();
    }

    @Override
    public byte[] userHandle() {
        return userHandle.clone();
    }

    /** Whether {@code handle} is this credential's user handle (constant time). */
    public boolean hasUserHandle(byte[] handle) {
        return handle != null && java.security.MessageDigest.isEqual(userHandle, handle);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Passkey p && id == p.id && userId.equals(p.userId) && credentialId.equals(p.credentialId)
                && Arrays.equals(publicKeyCose, p.publicKeyCose) && Arrays.equals(userHandle, p.userHandle)
                && signCount == p.signCount && transports.equals(p.transports) && deviceName.equals(p.deviceName)
                && createdAt.equals(p.createdAt) && lastUsedAt.equals(p.lastUsedAt) && backupEligible == p.backupEligible
                && backupState == p.backupState && aaguid.equals(p.aaguid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, userId, credentialId, signCount);
    }

    @Override
    public String toString() {
        return "Passkey[id=" + id + ", user=" + userId + ", " + credentialId + ", signCount=" + signCount + "]";
    }

    /** What a store needs to add a passkey; the store assigns the id. */
    public record New(
            UserId userId,
            CredentialId credentialId,
            byte[] publicKeyCose,
            byte[] userHandle,
            long signCount,
            List<String> transports,
            String deviceName,
            Instant createdAt,
            boolean backupEligible,
            boolean backupState,
            Optional<UUID> aaguid) {

        public New {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(credentialId, "credentialId");
            publicKeyCose = Objects.requireNonNull(publicKeyCose, "publicKeyCose").clone();
            userHandle = checkedUserHandle(userHandle);
            checkSignCount(signCount);
            transports = List.copyOf(transports);
            Objects.requireNonNull(deviceName, "deviceName");
            if (deviceName.isBlank() || deviceName.length() > MAX_DEVICE_NAME_LENGTH) {
                throw new IllegalArgumentException("device name must be 1 to 100 characters");
            }
            Objects.requireNonNull(createdAt, "createdAt");
            aaguid = known(aaguid);
        }

        @Override
        public byte[] publicKeyCose() {
            return publicKeyCose.clone();
        }

        @Override
        public byte[] userHandle() {
            return userHandle.clone();
        }

        /** The stored passkey this becomes under row id {@code id}. */
        public Passkey withId(long id) {
            return new Passkey(id, userId, credentialId, publicKeyCose, userHandle, signCount, transports, deviceName,
                    createdAt, Optional.empty(), backupEligible, backupState, aaguid);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof New n && withId(0).equals(n.withId(0));
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, credentialId, signCount);
        }

        @Override
        public String toString() {
            return "Passkey.New[user=" + userId + ", " + credentialId + "]";
        }
    }
}

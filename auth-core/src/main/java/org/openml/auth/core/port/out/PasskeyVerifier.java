package org.openml.auth.core.port.out;

import java.util.List;
import java.util.Objects;
import org.openml.auth.core.domain.CredentialId;

/**
 * The WebAuthn ceremonies (the {@code auth-webauthn} adapter implements them on Yubico's
 * java-webauthn-server). The core keeps the ceremony state in its {@link ChallengeStore} and
 * decides what a verified result means (accounts, counters, sessions); the verifier only makes
 * options and checks responses: challenge, origin, RP ID, flags, signature, and that the user
 * handle of an assertion owns the credential.
 *
 * <p>All JSON is text: options in the WebAuthn JSON form the browser's
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON}/{@code parseRequestOptionsFromJSON}
 * take (binary fields base64url, not wrapped in {@code {publicKey}}), responses in the form of
 * the browser's {@code PublicKeyCredential.toJSON()}.
 */
public interface PasskeyVerifier {

    /**
     * Creation options for a new discoverable credential of {@code account}, excluding the
     * credentials in {@code exclude} (the account's passkeys, so an authenticator is not
     * registered twice).
     */
    Start startRegistration(Account account, List<CredentialId> exclude);

    /** Checks a registration response against the state {@link #startRegistration} returned. */
    default RegistrationOutcome finishRegistration(String state, String credentialJson) {
        return finishRegistration(state, credentialJson, false);
    }

    /**
     * As above; with {@code conditional} (a ceremony the server started for
     * {@code navigator.credentials.create({mediation:"conditional"})}), a response without the
     * user-presence flag is accepted, as passkey providers save such passkeys without a gesture.
     * Never pass true for any other ceremony.
     */
    RegistrationOutcome finishRegistration(String state, String credentialJson, boolean conditional);

    /** Request options for a discoverable-credential sign-in (no user named, no allow list). */
    Start startAuthentication();

    /** Checks an assertion against the state {@link #startAuthentication} returned. */
    AssertionOutcome finishAuthentication(String state, String credentialJson);

    /**
     * Who makes the authenticator model {@code aaguid} ("Google Password Manager", …), from the
     * data the adapter bundles; empty when unknown. Never asks the network.
     */
    default java.util.Optional<org.openml.auth.core.domain.PasskeyProvider> provider(java.util.UUID aaguid) {
        return java.util.Optional.empty();
    }

    /** The relying party's id ({@code openml.org}), which pages pass to WebAuthn's Signal API. */
    String rpId();

    /**
     * The user a credential is created for.
     *
     * @param userHandle WebAuthn's {@code user.id}: 1 to 64 bytes, no personal data
     * @param name shown by the authenticator to tell accounts apart (the email)
     * @param displayName the person's name
     */
    record Account(byte[] userHandle, String name, String displayName) {
        public Account {
            userHandle = Objects.requireNonNull(userHandle, "userHandle").clone();
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
        }

        @Override
        public byte[] userHandle() {
            return userHandle.clone();
        }
    }

    /**
     * A started ceremony.
     *
     * @param optionsJson what the browser gets
     * @param state what {@code finish…} needs back (the verifier's own format, at most
     *     {@link ChallengeStore#MAX_PAYLOAD_LENGTH} / 2 characters); the core stores it
     */
    record Start(String optionsJson, String state) {
        public Start {
            Objects.requireNonNull(optionsJson, "optionsJson");
            Objects.requireNonNull(state, "state");
        }
    }

    /** The result of {@link #finishRegistration}. */
    sealed interface RegistrationOutcome {
        /**
         * A valid new credential, created for the user handle of the ceremony.
         *
         * @param aaguid the authenticator model, as its attested data says (all zeros: not told)
         */
        record Registered(CredentialId credentialId, byte[] publicKeyCose, byte[] userHandle, long signCount,
                List<String> transports, boolean backupEligible, boolean backupState, java.util.Optional<java.util.UUID> aaguid)
                implements RegistrationOutcome {
            public Registered {
                Objects.requireNonNull(credentialId, "credentialId");
                Objects.requireNonNull(aaguid, "aaguid");
                publicKeyCose = publicKeyCose.clone();
                userHandle = userHandle.clone();
                transports = List.copyOf(transports);
            }

            @Override
            public byte[] publicKeyCose() {
                return publicKeyCose.clone();
            }

            @Override
            public byte[] userHandle() {
                return userHandle.clone();
            }
        }

        /** The response is well-formed but does not verify (challenge, origin, RP ID, flags, …). */
        record Failed(String reason) implements RegistrationOutcome {}

        /** The response is not a credential in the expected JSON form (bad JSON, bad base64url, bad CBOR). */
        record Malformed(String reason) implements RegistrationOutcome {}
    }

    /** The result of {@link #finishAuthentication}. */
    sealed interface AssertionOutcome {
        /**
         * A valid signature by a stored credential whose user handle is {@code userHandle}.
         *
         * @param signCount the authenticator's counter in this assertion (the caller checks it against the stored one)
         */
        record Verified(CredentialId credentialId, byte[] userHandle, long signCount, boolean backupState,
                boolean userVerified) implements AssertionOutcome {
            public Verified {
                Objects.requireNonNull(credentialId, "credentialId");
                userHandle = userHandle.clone();
            }

            @Override
            public byte[] userHandle() {
                return userHandle.clone();
            }
        }

        /**
         * Not verified: unknown credential, user handle not the owner, bad signature, wrong
         * challenge, origin or RP ID. One variant for all, so callers cannot tell them apart.
         */
        record Failed(String reason) implements AssertionOutcome {}

        /** The response is not an assertion in the expected JSON form. */
        record Malformed(String reason) implements AssertionOutcome {}

        /**
         * The credential is not one this relying party holds (removed, or never registered here).
         * Told apart from {@link Failed} only so the browser can be told to forget it; a forged
         * credential id learns nothing by it.
         */
        record UnknownCredential(CredentialId credentialId) implements AssertionOutcome {
            public UnknownCredential {
                Objects.requireNonNull(credentialId, "credentialId");
            }
        }
    }
}

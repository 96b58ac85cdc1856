package org.openml.auth.webauthn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.openml.auth.core.domain.CredentialId;
import org.openml.auth.core.error.AuthException;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.PasskeyVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PasskeyVerifier} on Yubico's {@link RelyingParty}: the entry point of this module.
 *
 * <pre>{@code
 * PasskeyVerifier verifier = YubicoPasskeyVerifier.create(WebAuthnSettings.of("openml.org", "https://www.openml.org"),
 *         stores.passkeys(), Clock.systemUTC());
 * AuthServices.builder()…passkeys(stores.passkeys(), verifier, stores.challenges())…
 * }</pre>
 *
 * <p>Registration asks for a discoverable credential (resident key preferred), user verification
 * preferred, attestation {@code none}, ES256/EdDSA/RS256 keys. Sign-in is discoverable: no user
 * named, no allow list; Yubico checks challenge, origin, RP ID, flags and signature, and that the
 * user handle in the assertion owns the credential (through {@link StoreCredentialRepository}).
 * The signature counter is left to the core ({@code Passkeys}), which refuses and logs a counter
 * that does not increase.
 */
public final class YubicoPasskeyVerifier implements PasskeyVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(YubicoPasskeyVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the browser is told to wait; the server keeps the ceremony as long ({@code Passkeys}: 5 minutes). */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final RelyingParty rp;
    private final WebAuthnSettings settings;
    private final PasskeyStore store;

    private YubicoPasskeyVerifier(RelyingParty rp, WebAuthnSettings settings, PasskeyStore store) {
        this.rp = rp;
        this.settings = settings;
        this.store = store;
    }

    /**
     * A verifier for the relying party in {@code settings}, reading credentials from {@code store}
     * (the same store given to {@code AuthServices.Builder#passkeys}).
     */
    public static YubicoPasskeyVerifier create(WebAuthnSettings settings, PasskeyStore store, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        RelyingParty rp = RelyingParty.builder()
                .identity(RelyingPartyIdentity.builder().id(settings.rpId()).name(settings.rpName()).build())
                .credentialRepository(new StoreCredentialRepository(store))
                .origins(settings.origins())
                .attestationConveyancePreference(AttestationConveyancePreference.NONE)
                .allowUntrustedAttestation(true)
                .allowOriginPort(false)
                .allowOriginSubdomain(false)
                // The core compares counters itself, so that it can log a possible clone and refuse in one place.
                .validateSignatureCounter(false)
                .clock(clock)
                .build();
        return new YubicoPasskeyVerifier(rp, settings, store);
    }

    /** The relying party this verifier checks for. */
    public WebAuthnSettings settings() {
        return settings;
    }

    @Override
    public Start startRegistration(Account account, List<CredentialId> exclude) {
        UserIdentity user = UserIdentity.builder()
                .name(account.name())
                .displayName(account.displayName())
                .id(new ByteArray(account.userHandle()))
                .build();
        PublicKeyCredentialCreationOptions options = rp.startRegistration(StartRegistrationOptions.builder()
                .user(user)
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.PREFERRED)
                        .userVerification(UserVerificationRequirement.PREFERRED)
                        .build())
                .timeout(TIMEOUT.toMillis())
                .build());
        Set<PublicKeyCredentialDescriptor> excluded = exclude.stream()
                .map(id -> PublicKeyCredentialDescriptor.builder().id(new ByteArray(id.bytes())).build())
                .collect(Collectors.toSet());
        options = options.toBuilder().excludeCredentials(excluded).build();
        try {
            return new Start(unwrap(options.toCredentialsCreateJson()), options.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write WebAuthn creation options", e);
        }
    }

    @Override
    public RegistrationOutcome finishRegistration(String state, String credentialJson, boolean conditional) {
        PublicKeyCredentialCreationOptions request;
        try {
            request = PublicKeyCredentialCreationOptions.fromJson(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored WebAuthn registration state is unreadable", e);
        }
        PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> credential;
        try {
            credential = PublicKeyCredential.parseRegistrationResponseJson(credentialJson);
        } catch (IOException | RuntimeException e) {
            return new RegistrationOutcome.Malformed(describe(e));
        }
        try {
            RegistrationResult result = rp.finishRegistration(FinishRegistrationOptions.builder()
                    .request(request).response(credential).isConditionalCreate(conditional).build());
            List<String> transports = credential.getResponse().getTransports().stream()
                    .map(AuthenticatorTransport::getId).sorted().toList();
            return new RegistrationOutcome.Registered(CredentialId.of(result.getKeyId().getId().getBytes()),
                    result.getPublicKeyCose().getBytes(), request.getUser().getId().getBytes(), result.getSignatureCount(),
                    transports, result.isBackupEligible(), result.isBackedUp(), aaguid(result.getAaguid()));
        } catch (RegistrationFailedException e) {
            return new RegistrationOutcome.Failed(describe(e));
        } catch (AuthException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("registration response refused by an unexpected check", e);
            return new RegistrationOutcome.Failed(describe(e));
        }
    }

    @Override
    public Start startAuthentication() {
        AssertionRequest request = rp.startAssertion(StartAssertionOptions.builder()
                .userVerification(UserVerificationRequirement.PREFERRED)
                .timeout(TIMEOUT.toMillis())
                .build());
        try {
            return new Start(unwrap(request.toCredentialsGetJson()), request.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write WebAuthn request options", e);
        }
    }

    @Override
    public AssertionOutcome finishAuthentication(String state, String credentialJson) {
        AssertionRequest request;
        try {
            request = AssertionRequest.fromJson(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored WebAuthn authentication state is unreadable", e);
        }
        PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential;
        try {
            credential = PublicKeyCredential.parseAssertionResponseJson(credentialJson);
        } catch (IOException | RuntimeException e) {
            return new AssertionOutcome.Malformed(describe(e));
        }
        try {
            AssertionResult result = rp.finishAssertion(FinishAssertionOptions.builder()
                    .request(request).response(credential).build());
            if (!result.isSuccess()) return new AssertionOutcome.Failed("assertion not successful");
            return new AssertionOutcome.Verified(CredentialId.of(result.getCredentialId().getBytes()),
                    result.getUserHandle().getBytes(), result.getSignatureCount(), result.isBackedUp(), result.isUserVerified());
        } catch (AssertionFailedException e) {
            return refused(credential, describe(e));
        } catch (AuthException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("assertion refused by an unexpected check", e);
            return refused(credential, describe(e));
        }
    }

    /**
     * A refused assertion: unknown to the store (so the page can tell the browser to forget it), or
     * failed. Looked up only here, on the refusal path; a sign-in that verifies reads the store once.
     */
    private AssertionOutcome refused(PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential,
            String reason) {
        CredentialId presented = CredentialId.of(credential.getId().getBytes());
        if (store.findByCredentialId(presented).isEmpty()) return new AssertionOutcome.UnknownCredential(presented);
        return new AssertionOutcome.Failed(reason);
    }

    @Override
    public String rpId() {
        return settings.rpId();
    }

    @Override
    public java.util.Optional<org.openml.auth.core.domain.PasskeyProvider> provider(java.util.UUID aaguid) {
        return PasskeyProviders.bundled().of(aaguid);
    }

    /** The 16 AAGUID bytes as a UUID (big-endian, as written in the community lists). */
    static java.util.Optional<java.util.UUID> aaguid(ByteArray bytes) {
        if (bytes == null || bytes.size() != 16) return java.util.Optional.empty();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes.getBytes());
        return java.util.Optional.of(new java.util.UUID(b.getLong(), b.getLong()));
    }

    /** Yubico wraps options in {@code {publicKey: …}} for {@code navigator.credentials}; the contract sends them bare. */
    private static String unwrap(String wrapped) throws JsonProcessingException {
        JsonNode node = JSON.readTree(wrapped).get("publicKey");
        if (node == null) throw new IllegalStateException("Yubico options JSON without publicKey");
        return JSON.writeValueAsString(node);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null) return e.getClass().getSimpleName();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}

package org.openml.auth.webauthn;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openml.auth.core.domain.CredentialId;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.port.out.PasskeyStore;

/**
 * Yubico's read-only view of the {@link PasskeyStore}. Only credential look-ups matter here: the
 * sign-in is discoverable (no username), and exclusion lists are built by the core. Yubico's
 * "username" is just the user handle in base64url, so it always maps both ways without a look-up;
 * whether a user handle owns a credential is decided by {@link #lookup}.
 */
final class StoreCredentialRepository implements CredentialRepository {
    private final PasskeyStore store;

    StoreCredentialRepository(PasskeyStore store) {
        this.store = store;
    }

    @Override
    public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
        return Set.of();
    }

    @Override
    public Optional<ByteArray> getUserHandleForUsername(String username) {
        try {
            return Optional.of(ByteArray.fromBase64Url(username));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
        return Optional.of(userHandle.getBase64Url());
    }

    /** The credential only if {@code userHandle} owns it: Yubico then refuses a mismatch as "unknown credential". */
    @Override
    public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
        return find(credentialId).filter(p -> p.hasUserHandle(userHandle.getBytes())).map(StoreCredentialRepository::registered);
    }

    @Override
    public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
        return find(credentialId).map(StoreCredentialRepository::registered).stream().collect(Collectors.toSet());
    }

    private Optional<Passkey> find(ByteArray credentialId) {
        if (credentialId.isEmpty() || credentialId.size() > CredentialId.MAX_BYTES) return Optional.empty();
        return store.findByCredentialId(CredentialId.of(credentialId.getBytes()));
    }

    static RegisteredCredential registered(Passkey p) {
        return RegisteredCredential.builder()
                .credentialId(new ByteArray(p.credentialId().bytes()))
                .userHandle(new ByteArray(p.userHandle()))
                .publicKeyCose(new ByteArray(p.publicKeyCose()))
                .signatureCount(p.signCount())
                .transports(p.transports().stream().map(AuthenticatorTransport::of).collect(Collectors.toSet()))
                .backupEligible(p.backupEligible())
                .backupState(p.backupState())
                .build();
    }
}

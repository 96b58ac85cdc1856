package org.openml.auth.testkit;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.domain.CredentialId;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.PasskeyStore;

/** A {@link PasskeyStore} in memory, for tests and single-node demos. Thread-safe. */
public final class InMemoryPasskeyStore implements PasskeyStore {
    private final Map<Long, Passkey> rows = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized AddResult add(Passkey.New passkey) {
        Objects.requireNonNull(passkey, "passkey");
        if (rows.values().stream().anyMatch(p -> p.credentialId().equals(passkey.credentialId()))) {
            return new AddResult.CredentialTaken();
        }
        Passkey stored = passkey.withId(nextId++);
        rows.put(stored.id(), stored);
        return new AddResult.Added(stored);
    }

    @Override
    public synchronized Optional<Passkey> findByCredentialId(CredentialId credentialId) {
        return rows.values().stream().filter(p -> p.credentialId().equals(credentialId)).findFirst();
    }

    @Override
    public synchronized List<Passkey> listByUser(UserId owner) {
        return rows.values().stream().filter(p -> p.userId().equals(owner))
                .sorted(Comparator.comparing(Passkey::createdAt).thenComparingLong(Passkey::id)).toList();
    }

    @Override
    public synchronized boolean rename(UserId owner, long passkeyId, String deviceName) {
        Passkey p = rows.get(passkeyId);
        if (p == null || !p.userId().equals(owner)) return false;
        rows.put(passkeyId, new Passkey(p.id(), p.userId(), p.credentialId(), p.publicKeyCose(), p.userHandle(), p.signCount(),
                p.transports(), deviceName, p.createdAt(), p.lastUsedAt(), p.backupEligible(), p.backupState(), p.aaguid()));
        return true;
    }

    @Override
    public synchronized boolean remove(UserId owner, long passkeyId) {
        Passkey p = rows.get(passkeyId);
        if (p == null || !p.userId().equals(owner)) return false;
        rows.remove(passkeyId);
        return true;
    }

    @Override
    public synchronized boolean recordUse(long passkeyId, long expectedSignCount, long newSignCount, boolean backupState,
            Instant usedAt) {
        Passkey p = rows.get(passkeyId);
        if (p == null || p.signCount() != expectedSignCount) return false;
        rows.put(passkeyId, new Passkey(p.id(), p.userId(), p.credentialId(), p.publicKeyCose(), p.userHandle(), newSignCount,
                p.transports(), p.deviceName(), p.createdAt(), Optional.of(usedAt), p.backupEligible(), backupState, p.aaguid()));
        return true;
    }

    /** Passkeys held. */
    /** Removes every passkey of {@code owner} (account deletion). */
    public synchronized void removeAll(UserId owner) {
        rows.values().removeIf(p -> p.userId().equals(owner));
    }

    public synchronized int size() {
        return rows.size();
    }
}

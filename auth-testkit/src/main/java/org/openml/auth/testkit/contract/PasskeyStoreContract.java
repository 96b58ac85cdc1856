package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.CredentialId;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.PasskeyStore;
import org.openml.auth.core.port.out.PasskeyStore.AddResult;
import org.openml.auth.core.port.out.UserStore;

/** What every {@link PasskeyStore} must do. Extend it once per implementation. */
public abstract class PasskeyStoreContract {
    /** Milliseconds: what the SQL stores keep. */
    protected static final Instant CREATED = Instant.parse("2025-01-02T03:04:05.678Z");

    /** The AAGUID Apple's passkeys report ("Apple Passwords", formerly iCloud Keychain). */
    protected static final java.util.UUID APPLE_PASSWORDS = java.util.UUID.fromString("fbfc3007-154e-4ecc-8c0b-6e020557d7bd");

    /** A passkey store with the user store its owners live in (SQL stores need real users). */
    protected record PasskeyStores(UserStore users, PasskeyStore passkeys) {
        public PasskeyStores {
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(passkeys, "passkeys");
        }
    }

    private final Samples samples = new Samples();
    protected UserStore users;
    protected PasskeyStore store;

    /** Fresh, empty stores on one database; called once before each test. */
    protected abstract PasskeyStores newStores();

    @BeforeEach
    final void createStores() {
        PasskeyStores stores = newStores();
        users = stores.users();
        store = stores.passkeys();
    }

    /**
     * What the store keeps of a time: milliseconds by default; whole seconds on a table with SQL
     * {@code TIMESTAMP} columns (OpenML's Next.js app's {@code user_passkeys}). Test times are cut to it.
     */
    protected ChronoUnit timePrecision() {
        return ChronoUnit.MILLIS;
    }

    protected UserId newUser() {
        return ((UserStore.CreateResult.Created) users.create(samples.user())).user().id();
    }

    protected Passkey.New passkey(UserId owner, String name, Instant createdAt) {
        byte[] id = new byte[16];
        long n = samples.next();
        for (int i = 0; i < 8; i++) id[i] = (byte) (n >>> (8 * i));
        id[15] = (byte) 0xFF; // not base64url text, like real raw ids
        byte[] handle = new byte[32];
        handle[0] = (byte) n;
        return new Passkey.New(owner, CredentialId.of(id), new byte[] {(byte) 0xA5, 1, 2, 3, -7}, handle, 0, List.of("hybrid", "internal"),
                name, createdAt.truncatedTo(timePrecision()), true, false, Optional.of(APPLE_PASSWORDS));
    }

    protected Passkey add(Passkey.New p) {
        return ((AddResult.Added) store.add(p)).passkey();
    }

    @Test
    void anAddedPasskeyIsFoundByItsCredentialIdWithEveryField() {
        UserId owner = newUser();
        Passkey.New draft = passkey(owner, "Laptop", CREATED);

        Passkey added = add(draft);

        assertThat(added.id()).isPositive();
        assertThat(added).isEqualTo(draft.withId(added.id()));
        assertThat(store.findByCredentialId(draft.credentialId())).contains(added);
        assertThat(added.lastUsedAt()).isEmpty();
    }

    @Test
    void unknownCredentialIdsFindNothing() {
        assertThat(store.findByCredentialId(CredentialId.of(new byte[] {1, 2, 3}))).isEmpty();
    }

    @Test
    void aCredentialIdIsStoredOnceAcrossAccounts() {
        UserId a = newUser();
        UserId b = newUser();
        Passkey.New first = passkey(a, "A", CREATED);
        add(first);
        Passkey.New sameCredential = new Passkey.New(b, first.credentialId(), first.publicKeyCose(), first.userHandle(), 0,
                List.of(), "B", CREATED, false, false, Optional.empty());

        assertThat(store.add(sameCredential)).isInstanceOf(AddResult.CredentialTaken.class);
        assertThat(store.listByUser(b)).isEmpty();
    }

    @Test
    void listingGivesOnlyTheOwnersPasskeysOldestFirst() {
        UserId owner = newUser();
        UserId other = newUser();
        Passkey newer = add(passkey(owner, "Phone", CREATED.plus(Duration.ofHours(1))));
        Passkey older = add(passkey(owner, "Laptop", CREATED));
        add(passkey(other, "Theirs", CREATED));

        assertThat(store.listByUser(owner)).containsExactly(older, newer);
        assertThat(store.listByUser(newUser())).isEmpty();
    }

    @Test
    void onlyTheOwnerCanRename() {
        UserId owner = newUser();
        UserId other = newUser();
        Passkey p = add(passkey(owner, "Laptop", CREATED));

        assertThat(store.rename(other, p.id(), "Mine now")).isFalse();
        assertThat(store.rename(owner, p.id() + 1000, "Nothing")).isFalse();
        assertThat(store.findByCredentialId(p.credentialId()).orElseThrow().deviceName()).isEqualTo("Laptop");

        assertThat(store.rename(owner, p.id(), "Work laptop ✓")).isTrue();
        assertThat(store.findByCredentialId(p.credentialId()).orElseThrow().deviceName()).isEqualTo("Work laptop ✓");
    }

    @Test
    void onlyTheOwnerCanRemove() {
        UserId owner = newUser();
        UserId other = newUser();
        Passkey p = add(passkey(owner, "Laptop", CREATED));

        assertThat(store.remove(other, p.id())).isFalse();
        assertThat(store.findByCredentialId(p.credentialId())).isPresent();

        assertThat(store.remove(owner, p.id())).isTrue();
        assertThat(store.findByCredentialId(p.credentialId())).isEmpty();
        assertThat(store.remove(owner, p.id())).isFalse();
    }

    @Test
    void recordingAUseMovesTheCounterOnlyFromTheExpectedValue() {
        UserId owner = newUser();
        Passkey p = add(passkey(owner, "Key", CREATED));
        Instant used = CREATED.plus(Duration.ofDays(1)).truncatedTo(timePrecision());

        assertThat(store.recordUse(p.id(), 5, 6, true, used)).as("stored counter is 0, not 5").isFalse();
        assertThat(store.recordUse(p.id(), 0, 7, true, used)).isTrue();

        Passkey after = store.findByCredentialId(p.credentialId()).orElseThrow();
        assertThat(after.signCount()).isEqualTo(7);
        assertThat(after.backupState()).isTrue();
        assertThat(after.lastUsedAt()).isEqualTo(Optional.of(used));
        assertThat(store.recordUse(p.id() + 1000, 0, 1, false, used)).isFalse();
    }

    @Test
    void countersUpToTheUnsigned32BitMaximumRoundTrip() {
        UserId owner = newUser();
        Passkey p = add(passkey(owner, "Key", CREATED));

        assertThat(store.recordUse(p.id(), 0, 0xFFFFFFFFL, false, CREATED)).isTrue();

        assertThat(store.findByCredentialId(p.credentialId()).orElseThrow().signCount()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void theAaguidIsKeptAndAnAllZeroOneIsUnknown() {
        UserId owner = newUser();
        Passkey withProvider = add(passkey(owner, "Phone", CREATED));
        Passkey.New zeros = passkey(owner, "Key", CREATED);
        Passkey anonymous = add(new Passkey.New(owner, CredentialId.of(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, (byte) 0xFE}),
                zeros.publicKeyCose(), zeros.userHandle(), 0, List.of(), "Key", zeros.createdAt(), false, false,
                Optional.of(new java.util.UUID(0, 0))));

        assertThat(store.findByCredentialId(withProvider.credentialId()).orElseThrow().aaguid()).contains(APPLE_PASSWORDS);
        assertThat(store.findByCredentialId(anonymous.credentialId()).orElseThrow().aaguid()).isEmpty();
        assertThat(store.listByUser(owner)).extracting(Passkey::aaguid)
                .containsExactlyInAnyOrder(Optional.of(APPLE_PASSWORDS), Optional.empty());
    }
}

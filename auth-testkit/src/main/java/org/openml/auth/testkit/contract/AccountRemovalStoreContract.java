package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.CredentialId;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AccountRemovalStore;
import org.openml.auth.core.port.out.AccountRemovalStore.Anonymous;
import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/**
 * What every {@link AccountRemovalStore} must do, checked through the other stores of the same
 * {@link AuthStores}: after a deletion nothing of the account is left; after an anonymisation the
 * row stays (its id) and nothing personal does.
 */
public abstract class AccountRemovalStoreContract {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00.123Z");

    private final Samples samples = new Samples();
    private AuthStores stores;
    private AccountRemovalStore removal;

    /** Every store on one fresh, empty database; called once before each test. */
    protected abstract AuthStores newStores();

    @BeforeEach
    final void createStores() {
        stores = newStores();
        removal = stores.accountRemoval();
    }

    /** An account with something in every table that can hold something of it. */
    private User fullAccount() {
        NewUser draft = samples.user();
        User user = ((CreateResult.Created) stores.users().create(draft)).user();
        stores.confirmationTokens().issue(user.id(), samples.tokenHash(), NOW, NOW.plus(Duration.ofHours(24)));
        stores.resetTokens().issue(user.id(), samples.tokenHash(), NOW, NOW.plus(Duration.ofHours(1)));
        byte[] credential = new byte[16];
        credential[0] = (byte) samples.next();
        credential[15] = (byte) 0xFF;
        stores.passkeys().add(new Passkey.New(user.id(), CredentialId.of(credential), new byte[] {(byte) 0xA5, 1, 2},
                new byte[32], 0, List.of("internal"), "Laptop", NOW, true, false, Optional.empty()));
        stores.unprovenEmails().markUnproven(user.id(), NOW);
        stores.externalIdentities().link(user.id(), new ExternalIdentity("github", "gh-" + samples.next()));
        stores.auditEvents().append(new AuditEvent(user.id(), AuditEvent.Type.SIGN_IN, AuditEvent.Method.PASSWORD,
                AuditEvent.Outcome.SUCCESS, NOW, "192.0.2.1", Optional.empty()), 100, NOW.minus(Duration.ofDays(1)));
        return user;
    }

    private void assertNothingOfTheAccountIsLeftBesidesTheRow(User user) {
        assertThat(stores.passkeys().listByUser(user.id())).isEmpty();
        assertThat(stores.unprovenEmails().isUnproven(user.id())).isFalse();
        assertThat(stores.externalIdentities().findIdentity(user.id())).isEmpty();
        assertThat(stores.auditEvents().recent(user.id(), 10)).isEmpty();
        assertThat(stores.apiKeys().findPrincipal(user.apiKey().orElseThrow())).isEmpty();
    }

    @Test
    void deleteRemovesTheAccountAndEverythingOfIt() {
        User user = fullAccount();
        TokenHash confirmation = samples.tokenHash();
        stores.confirmationTokens().issue(user.id(), confirmation, NOW, NOW.plus(Duration.ofHours(24)));

        assertThat(removal.delete(user.id())).isTrue();

        assertThat(stores.users().findById(user.id())).isEmpty();
        assertThat(stores.users().findByEmail(user.email())).isEmpty();
        assertThat(stores.confirmationTokens().find(confirmation)).isEmpty();
        assertNothingOfTheAccountIsLeftBesidesTheRow(user);
        // The address and the username are free again: the person may sign up anew.
        NewUser again = samples.user(user.email(), user.username(), samples.apiKey());
        assertThat(stores.users().create(again)).isInstanceOf(CreateResult.Created.class);
    }

    @Test
    void anonymiseKeepsTheRowAndReplacesEverythingPersonal() {
        User user = fullAccount();
        TokenHash reset = samples.tokenHash();
        stores.resetTokens().issue(user.id(), reset, NOW, NOW.plus(Duration.ofHours(1)));
        Anonymous replacement = Anonymous.of(user.id());

        assertThat(removal.anonymise(user.id(), replacement)).isTrue();

        User kept = stores.users().findById(user.id()).orElseThrow();
        assertThat(kept.username()).isEqualTo(replacement.username());
        assertThat(kept.email()).isEqualTo(replacement.email());
        assertThat(kept.firstName()).isEqualTo("Deleted");
        assertThat(kept.lastName()).isEqualTo("user");
        assertThat(kept.passwordHash()).isEqualTo(replacement.password());
        assertThat(kept.active()).isFalse();
        assertThat(kept.apiKey()).isEmpty();
        assertThat(stores.users().findByEmail(user.email())).isEmpty();
        assertThat(stores.users().findByUsername(user.username())).isEmpty();
        assertThat(stores.resetTokens().find(reset)).isEmpty();
        assertNothingOfTheAccountIsLeftBesidesTheRow(user);
        assertThat(stores.users().create(samples.user(user.email(), user.username(), samples.apiKey())))
                .isInstanceOf(CreateResult.Created.class);
    }

    @Test
    void otherAccountsAreLeftAlone() {
        User gone = fullAccount();
        User other = fullAccount();

        removal.delete(gone.id());

        assertThat(stores.users().findById(other.id())).isPresent();
        assertThat(stores.passkeys().listByUser(other.id())).hasSize(1);
        assertThat(stores.externalIdentities().findIdentity(other.id())).isPresent();
        assertThat(stores.auditEvents().recent(other.id(), 10)).hasSize(1);
        assertThat(stores.apiKeys().findPrincipal(other.apiKey().orElseThrow())).isPresent();
    }

    @Test
    void aLockIsForTheAccountAndGoesWithIt() {
        User locked = fullAccount();
        User other = fullAccount();
        var locks = stores.accountLocks();

        assertThat(locks.lock(locked.id(), NOW, "operator")).isTrue();
        assertThat(locks.lock(locked.id(), NOW, "admin 7")).as("locked already").isFalse();
        assertThat(locks.isLocked(locked.id())).isTrue();
        assertThat(locks.isLocked(other.id())).isFalse();
        assertThat(locks.unlock(locked.id())).isTrue();
        assertThat(locks.unlock(locked.id())).isFalse();
        assertThat(locks.isLocked(locked.id())).isFalse();

        locks.lock(locked.id(), NOW, "operator");
        removal.delete(locked.id());
        assertThat(locks.isLocked(locked.id())).as("gone with the account").isFalse();
    }

    @Test
    void anUnknownAccountChangesNothing() {
        User user = fullAccount();
        UserId unknown = new UserId(user.id().value() + 1000);

        assertThat(removal.delete(unknown)).isFalse();
        assertThat(removal.anonymise(unknown, Anonymous.of(unknown))).isFalse();
        assertThat(stores.users().findById(user.id())).isPresent();
    }
}

package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.AuthStores;
import org.openml.auth.core.port.out.EmailChangeStore;
import org.openml.auth.core.port.out.EmailChangeStore.Kind;
import org.openml.auth.core.port.out.UserStore.CreateResult;
import org.openml.auth.core.port.out.UserStore.EmailChangeResult;

/** What every {@link EmailChangeStore} must do, and {@code UserStore.changeEmail} beside it. */
public abstract class EmailChangeStoreContract {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00.123Z");
    private static final Instant LATER = NOW.plusSeconds(86_400);

    private final Samples samples = new Samples();
    private AuthStores stores;
    private EmailChangeStore changes;

    /** Every store on one fresh, empty database; called once before each test. */
    protected abstract AuthStores newStores();

    @BeforeEach
    final void createStores() {
        stores = newStores();
        changes = stores.emailChanges();
    }

    private User newUser() {
        return ((CreateResult.Created) stores.users().create(samples.user())).user();
    }

    @Test
    void anIssuedTokenIsFoundWithItsKindAndAddressAndRedeemedOnce() {
        UserId user = newUser().id();
        TokenHash hash = samples.tokenHash();
        Email address = new Email("New.Address@Example.org");

        changes.issue(user, hash, Kind.CONFIRM, address, NOW, LATER);

        assertThat(changes.find(hash)).get().satisfies(p -> {
            assertThat(p.userId()).isEqualTo(user);
            assertThat(p.kind()).isEqualTo(Kind.CONFIRM);
            assertThat(p.email().value()).isEqualTo("New.Address@Example.org");
            assertThat(p.expiresAt()).isEqualTo(LATER);
        });
        assertThat(changes.redeem(hash)).isTrue();
        assertThat(changes.redeem(hash)).isFalse();
        assertThat(changes.find(hash)).isEmpty();
    }

    @Test
    void aNewTokenVoidsTheOlderOneOfItsKindOnly() {
        UserId user = newUser().id();
        TokenHash firstConfirm = samples.tokenHash();
        TokenHash revert = samples.tokenHash();
        TokenHash secondConfirm = samples.tokenHash();

        changes.issue(user, firstConfirm, Kind.CONFIRM, new Email("a@example.org"), NOW, LATER);
        changes.issue(user, revert, Kind.REVERT, new Email("old@example.org"), NOW, LATER);
        changes.issue(user, secondConfirm, Kind.CONFIRM, new Email("b@example.org"), NOW, LATER);

        assertThat(changes.find(firstConfirm)).isEmpty();
        assertThat(changes.find(revert)).isPresent();
        assertThat(changes.find(secondConfirm)).isPresent();
        changes.cancel(user, Kind.CONFIRM);
        assertThat(changes.find(secondConfirm)).isEmpty();
        assertThat(changes.find(revert)).isPresent();
    }

    @Test
    void concurrentRedeemsSucceedOnce() throws InterruptedException {
        UserId user = newUser().id();
        TokenHash hash = samples.tokenHash();
        changes.issue(user, hash, Kind.REVERT, new Email("old@example.org"), NOW, LATER);

        List<Boolean> results = Concurrently.run(8, i -> () -> changes.redeem(hash));

        assertThat(results).containsOnlyOnce(true);
    }

    @Test
    void changingTheAddressRefusesOneAnotherAccountHoldsInAnyCase() {
        User ada = newUser();
        User bob = newUser();

        assertThat(stores.users().changeEmail(ada.id(), new Email(bob.email().value().toUpperCase(java.util.Locale.ROOT))))
                .isInstanceOf(EmailChangeResult.EmailTaken.class);
        assertThat(stores.users().changeEmail(ada.id(), new Email("ada.new@example.org"))).isInstanceOf(EmailChangeResult.Changed.class);
        assertThat(stores.users().findByEmail(new Email("ada.new@example.org"))).get()
                .extracting(User::id).isEqualTo(ada.id());
        assertThat(stores.users().findByEmail(ada.email())).isEmpty();
        // Its own address in another case is no conflict.
        assertThat(stores.users().changeEmail(ada.id(), new Email("Ada.New@example.org"))).isInstanceOf(EmailChangeResult.Changed.class);
        assertThat(stores.users().changeEmail(new UserId(ada.id().value() + 1000), new Email("x@example.org")))
                .isInstanceOf(EmailChangeResult.UnknownUser.class);
    }

    @Test
    void aChangeRacingARegistrationOfTheSameAddressEndsWithOneOwner() throws InterruptedException {
        for (int round = 0; round < 10; round++) {
            User ada = newUser();
            Email contested = new Email("contested" + round + "@example.org");
            List<Boolean> won = Concurrently.run(2, i -> () -> i == 0
                    ? stores.users().changeEmail(ada.id(), contested) instanceof EmailChangeResult.Changed
                    : stores.users().create(samples.user(contested, samples.username(), samples.apiKey())) instanceof CreateResult.Created);

            assertThat(won).as("round " + round).containsOnlyOnce(true);
            assertThat(stores.users().findByEmail(contested)).isPresent();
        }
    }
}

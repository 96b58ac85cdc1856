package org.openml.auth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.port.out.UserStore.CreateResult;
import org.openml.auth.testkit.contract.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract {
    private InMemoryUserStore store;

    @Override
    protected UserStore newStore() {
        store = new InMemoryUserStore();
        return store;
    }

    @Override
    protected void seedLegacyActivationCode(UserId user, String code) {
        store.setLegacyActivationCode(user, code);
    }

    @Override
    protected void seedMembership(UserId user, int groupId) {
        Group.byId(groupId).ifPresent(group -> store.addToGroup(user, group));
    }

    @Test
    void idsCountFromOne() {
        CreateResult result = store.create(new NewUser(new Username("first"), new Email("first@example.org"), "F", "L",
                new PasswordHash("x"), false, new ApiKey("0123456789abcdef0123456789abcdef"), null, Instant.EPOCH));

        UserId id = ((CreateResult.Created) result).user().id();
        assertThat(id).isEqualTo(new UserId(1));
        assertThat(store.groupsOf(id)).containsExactly(Group.MEMBERS);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void signInIsRecordedToTheSecond() {
        CreateResult result = store.create(new NewUser(new Username("first"), new Email("first@example.org"), "F", "L",
                new PasswordHash("x"), false, new ApiKey("0123456789abcdef0123456789abcdef"), null, Instant.EPOCH));
        UserId id = ((CreateResult.Created) result).user().id();

        store.recordSignIn(id, Instant.parse("2025-01-02T03:04:05.678Z"));

        assertThat(store.lastSignIn(id)).contains(Instant.parse("2025-01-02T03:04:05Z"));
    }
}

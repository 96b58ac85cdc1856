package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.ExternalIdentityStore;
import org.openml.auth.core.port.out.ExternalIdentityStore.LinkResult;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/**
 * What every {@link ExternalIdentityStore} must do. Extend it with a factory for fresh stores:
 * {@code class SqliteExternalIdentityStoreTest extends ExternalIdentityStoreContract { … }}.
 */
public abstract class ExternalIdentityStoreContract {
    private static final ExternalIdentity GITHUB = new ExternalIdentity("github", "4242");
    private static final ExternalIdentity GOOGLE = new ExternalIdentity("google", "109876543210987654321");

    private final Samples samples = new Samples();
    private UserStore users;
    private ExternalIdentityStore identities;

    /** A user store and the identity store on the same, empty data. */
    protected abstract Pair newStores();

    /** The two stores under test. */
    public record Pair(UserStore users, ExternalIdentityStore identities) {}

    @BeforeEach
    void setUp() {
        Pair pair = newStores();
        users = pair.users();
        identities = pair.identities();
    }

    private User newUser() {
        NewUser draft = new NewUser(samples.username(), samples.email(), "First", "Last", Samples.HASH, true, samples.apiKey(),
                "127.0.0.1", Samples.CREATED_AT);
        return ((CreateResult.Created) users.create(draft)).user();
    }

    @Test
    void aNewAccountHasNoLink() {
        User user = newUser();
        assertThat(identities.findIdentity(user.id())).isEmpty();
        assertThat(identities.findUserId(GITHUB)).isEmpty();
    }

    @Test
    void unlinkRemovesTheLinkBothWaysAndFreesTheIdentity() {
        User user = newUser();
        User other = newUser();
        identities.link(user.id(), GITHUB);
        identities.link(other.id(), GOOGLE);
        assertThat(identities.unlink(user.id())).isTrue();
        assertThat(identities.findIdentity(user.id())).isEmpty();
        assertThat(identities.findUserId(GITHUB)).isEmpty();
        assertThat(identities.findIdentity(other.id())).as("another account's link stays").contains(GOOGLE);
        assertThat(identities.unlink(user.id())).as("nothing left to remove").isFalse();
        assertThat(identities.unlink(new UserId(987_654_321))).isFalse();
        assertThat(identities.link(newUser().id(), GITHUB)).as("the identity is free again").isInstanceOf(LinkResult.Linked.class);
    }

    @Test
    void aLinkIsFoundBothWays() {
        User user = newUser();
        assertThat(identities.link(user.id(), GITHUB)).isInstanceOf(LinkResult.Linked.class);
        assertThat(identities.findUserId(GITHUB)).contains(user.id());
        assertThat(identities.findIdentity(user.id())).contains(GITHUB);
        assertThat(identities.findUserId(new ExternalIdentity("google", "4242"))).isEmpty();
    }

    @Test
    void linkingTheSameIdentityAgainIsFine() {
        User user = newUser();
        identities.link(user.id(), GITHUB);
        assertThat(identities.link(user.id(), GITHUB)).isInstanceOf(LinkResult.Linked.class);
    }

    @Test
    void aSecondLinkNeverOverwritesTheFirst() {
        User user = newUser();
        identities.link(user.id(), GITHUB);
        assertThat(identities.link(user.id(), GOOGLE)).isEqualTo(new LinkResult.UserAlreadyLinked(GITHUB));
        assertThat(identities.findIdentity(user.id())).contains(GITHUB);
        assertThat(identities.findUserId(GOOGLE)).isEmpty();
    }

    @Test
    void anIdentityBelongsToOneAccount() {
        User first = newUser();
        User second = newUser();
        identities.link(first.id(), GITHUB);
        assertThat(identities.link(second.id(), GITHUB)).isEqualTo(new LinkResult.IdentityTaken(first.id()));
        assertThat(identities.findIdentity(second.id())).isEmpty();
    }

    @Test
    void unknownAccountsAreReportedNotCreated() {
        assertThat(identities.link(new UserId(999_999), GITHUB)).isInstanceOf(LinkResult.UnknownUser.class);
        assertThat(identities.findIdentity(new UserId(999_999))).isEqualTo(Optional.empty());
    }
}

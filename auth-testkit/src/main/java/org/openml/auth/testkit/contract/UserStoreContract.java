package org.openml.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.out.UserStore;
import org.openml.auth.core.port.out.UserStore.CreateResult;

/**
 * What every {@link UserStore} must do. Extend it once per implementation:
 *
 * <pre>{@code
 * class SqliteUserStoreTest extends UserStoreContract {
 *     @TempDir Path dir;
 *     protected UserStore newStore() { … }
 *     protected void seedLegacyActivationCode(UserId user, String code) { … plain SQL … }
 *     protected void seedMembership(UserId user, int groupId) { … plain SQL … }
 * }
 * }</pre>
 *
 * <p>Precision: {@code createdAt} is compared to the second, because OpenML's {@code created_on}
 * column holds unix seconds.
 */
public abstract class UserStoreContract {
    /** Threads racing in the concurrency tests. */
    protected static final int THREADS = 8;

    private final Samples samples = new Samples();
    private UserStore store;

    /** A fresh, empty store; called once before each test. */
    protected abstract UserStore newStore();

    /**
     * Writes {@code code} into the account's legacy {@code users.activation_code}, the way OpenML's
     * old PHP site did (stores never write one themselves).
     */
    protected abstract void seedLegacyActivationCode(UserId user, String code);

    /** Adds a {@code users_groups} row as OpenML's other code does (group 1 is {@code admin}). */
    protected abstract void seedMembership(UserId user, int groupId);

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    private User created(NewUser user) {
        CreateResult result = store.create(user);
        assertThat(result).isInstanceOf(CreateResult.Created.class);
        return ((CreateResult.Created) result).user();
    }

    @Test
    void createdUserIsFoundByIdEmailAndUsername() {
        User user = created(samples.user());

        assertThat(store.findById(user.id())).contains(user);
        assertThat(store.findByEmail(user.email())).contains(user);
        assertThat(store.findByUsername(user.username())).contains(user);
    }

    @Test
    void createdUserKeepsEveryFieldOfTheNewUser() {
        ApiKey key = samples.apiKey();
        NewUser draft = new NewUser(new Username("ada.lovelace"), new Email("Ada.Lovelace@Example.org"), "Ada",
                "Lovelace-Byron", Samples.HASH, false, key, "2001:db8::1", Samples.CREATED_AT);

        User user = created(draft);

        assertThat(user.id().value()).isPositive();
        assertThat(user.username()).isEqualTo(draft.username());
        assertThat(user.email().value()).as("the address as typed").isEqualTo("Ada.Lovelace@Example.org");
        assertThat(user.firstName()).isEqualTo("Ada");
        assertThat(user.lastName()).isEqualTo("Lovelace-Byron");
        assertThat(user.passwordHash()).isEqualTo(Samples.HASH);
        assertThat(user.active()).isFalse();
        assertThat(user.apiKey()).contains(key);
        assertThat(user.image()).isEmpty();
        assertThat(user.createdAt().truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(Samples.CREATED_AT.truncatedTo(ChronoUnit.SECONDS));
        assertThat(store.findById(user.id())).contains(user);
    }

    @Test
    void activeFlagOfTheNewUserIsKept() {
        NewUser draft = samples.user();
        NewUser activeDraft = new NewUser(draft.username(), draft.email(), "", "", draft.passwordHash(), true,
                draft.apiKey(), null, draft.createdAt());

        User user = created(activeDraft);

        assertThat(user.active()).isTrue();
        assertThat(user.firstName()).isEmpty();
        assertThat(store.findById(user.id()).map(User::active)).contains(true);
    }

    @Test
    void everyCreatedUserGetsItsOwnPositiveId() {
        User first = created(samples.user());
        User second = created(samples.user());

        assertThat(first.id().value()).isPositive();
        assertThat(second.id().value()).isPositive().isNotEqualTo(first.id().value());
    }

    @Test
    void findByEmailIgnoresCase() {
        User user = created(samples.user(new Email("Grace.Hopper@Example.org"), samples.username(), samples.apiKey()));

        assertThat(store.findByEmail(new Email("grace.hopper@example.org"))).contains(user);
        assertThat(store.findByEmail(new Email("GRACE.HOPPER@EXAMPLE.ORG"))).contains(user);
    }

    @Test
    void findByUsernameIgnoresCase() {
        User user = created(samples.user(samples.email(), new Username("GraceHopper"), samples.apiKey()));

        assertThat(store.findByUsername(new Username("gracehopper"))).contains(user);
        assertThat(store.findByUsername(new Username("GRACEHOPPER"))).contains(user);
    }

    @Test
    void missesAreEmptyNeverNull() {
        created(samples.user());

        assertThat(store.findById(new UserId(987_654))).isNotNull().isEmpty();
        assertThat(store.findByEmail(new Email("nobody@example.org"))).isNotNull().isEmpty();
        assertThat(store.findByUsername(new Username("nobody"))).isNotNull().isEmpty();
        assertThat(store.activateByLegacyActivationCode("no-such-code-0123456789")).isNotNull().isEmpty();
    }

    @Test
    void emailsAreUniqueIgnoringCase() {
        User first = created(samples.user(new Email("alan.turing@example.org"), samples.username(), samples.apiKey()));
        NewUser duplicate = samples.user(new Email("Alan.Turing@EXAMPLE.org"), samples.username(), samples.apiKey());

        assertThat(store.create(duplicate)).isInstanceOf(CreateResult.EmailTaken.class);
        assertThat(store.findByEmail(duplicate.email())).contains(first);
    }

    @Test
    void refusedSignUpWritesNothing() {
        User first = created(samples.user(new Email("alan.turing@example.org"), samples.username(), samples.apiKey()));
        NewUser duplicate = samples.user(new Email("ALAN.TURING@example.org"), samples.username(), samples.apiKey());

        assertThat(store.create(duplicate)).isInstanceOf(CreateResult.EmailTaken.class);

        assertThat(store.findByUsername(duplicate.username())).isEmpty();
        // The refused username and key are still free: nothing of the refused sign-up was kept.
        User other = created(samples.user(samples.email(), duplicate.username(), duplicate.apiKey()));
        assertThat(other.id()).isNotEqualTo(first.id());
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        created(samples.user(samples.email(), new Username("Ada"), samples.apiKey()));
        NewUser duplicate = samples.user(samples.email(), new Username("aDA"), samples.apiKey());

        assertThat(store.create(duplicate)).isInstanceOf(CreateResult.UsernameTaken.class);
        assertThat(store.findByEmail(duplicate.email())).isEmpty();
    }

    @Test
    void apiKeysAreUnique() {
        ApiKey key = samples.apiKey();
        created(samples.user(samples.email(), samples.username(), key));
        NewUser duplicate = samples.user(samples.email(), samples.username(), key);

        assertThat(store.create(duplicate)).isInstanceOf(CreateResult.ApiKeyTaken.class);
        assertThat(store.findByEmail(duplicate.email())).isEmpty();
        assertThat(store.findByUsername(duplicate.username())).isEmpty();
    }

    @Test
    void takenEmailIsReportedBeforeTakenUsernameOrApiKey() {
        NewUser first = samples.user();
        created(first);
        NewUser sameEverything = samples.user(new Email(first.email().value().toUpperCase(Locale.ROOT)),
                first.username(), first.apiKey());

        assertThat(store.create(sameEverything)).isInstanceOf(CreateResult.EmailTaken.class);
    }

    @Test
    void activateChangesAnInactiveAccountOnce() {
        User user = created(samples.user());

        assertThat(store.activate(user.id())).isTrue();
        assertThat(store.activate(user.id())).isFalse();
        assertThat(store.findById(user.id()).map(User::active)).contains(true);
    }

    @Test
    void activatingAnUnknownAccountChangesNothing() {
        assertThat(store.activate(new UserId(424_242))).isFalse();
    }

    @Test
    void activatingOneAccountLeavesOthersAlone() {
        User user = created(samples.user());
        User other = created(samples.user());

        store.activate(user.id());

        assertThat(store.findById(other.id()).map(User::active)).contains(false);
    }

    @Test
    void legacyActivationCodeActivatesTheAccountOnce() {
        User user = created(samples.user());
        created(samples.user());
        String code = "3f9a1c0d5e7b2a4c6d8e0f1a2b3c4d5e6f708192";
        seedLegacyActivationCode(user.id(), code);

        assertThat(store.activateByLegacyActivationCode(code)).contains(user.id());
        assertThat(store.findById(user.id()).map(User::active)).contains(true);
        assertThat(store.activateByLegacyActivationCode(code)).as("the code was cleared").isEmpty();
    }

    @Test
    void unknownLegacyActivationCodeActivatesNothing() {
        User user = created(samples.user());
        seedLegacyActivationCode(user.id(), "3f9a1c0d5e7b2a4c6d8e0f1a2b3c4d5e6f708192");

        assertThat(store.activateByLegacyActivationCode("00000000000000000000000000000000")).isEmpty();
        assertThat(store.findById(user.id()).map(User::active)).contains(false);
    }

    @Test
    void updatedPasswordHashIsWhatTheStoreReturns() {
        User user = created(samples.user());
        User other = created(samples.user());

        store.updatePasswordHash(user.id(), Samples.OTHER_HASH);

        assertThat(store.findById(user.id()).map(User::passwordHash)).contains(Samples.OTHER_HASH);
        assertThat(store.findById(other.id()).map(User::passwordHash)).contains(Samples.HASH);
    }

    @Test
    void recordingASignInChangesNothingTheAccountShows() {
        User user = created(samples.user());

        store.recordSignIn(user.id(), Instant.parse("2025-01-02T03:04:05.678Z"));

        assertThat(store.findById(user.id())).contains(user);
    }

    @Test
    void concurrentSignUpsWithOneEmailCreateExactlyOneAccount() throws InterruptedException {
        List<NewUser> drafts = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            // One address in several spellings: the store must see them as one.
            String address = i % 2 == 0 ? "race@example.org" : "Race@Example.ORG";
            drafts.add(samples.user(new Email(address), samples.username(), samples.apiKey()));
        }

        List<CreateResult> results = Concurrently.run(THREADS, i -> () -> store.create(drafts.get(i)));

        List<CreateResult> created = results.stream().filter(r -> r instanceof CreateResult.Created).toList();
        assertThat(created).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof CreateResult.EmailTaken).hasSize(THREADS - 1);
        User winner = ((CreateResult.Created) created.get(0)).user();
        assertThat(store.findByEmail(new Email("race@example.org"))).contains(winner);
        for (NewUser draft : drafts) {
            if (!draft.username().equals(winner.username())) assertThat(store.findByUsername(draft.username())).isEmpty();
        }
    }

    @Test
    void concurrentSignUpsWithDistinctEmailsAllSucceed() throws InterruptedException {
        List<NewUser> drafts = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) drafts.add(samples.user());

        List<CreateResult> results = Concurrently.run(THREADS, i -> () -> store.create(drafts.get(i)));

        assertThat(results).allMatch(r -> r instanceof CreateResult.Created);
        assertThat(results.stream().map(r -> ((CreateResult.Created) r).user().id()).distinct()).hasSize(THREADS);
        for (NewUser draft : drafts) {
            Optional<User> found = store.findByEmail(draft.email());
            assertThat(found).map(User::username).contains(draft.username());
        }
    }

    @Test
    void searchFindsByAnyPartOfAddressUsernameOrNameIgnoringCaseOldestFirst() {
        User grace = created(samples.user(new Email("grace.hopper@navy.example"), new Username("ghopper"), samples.apiKey()));
        User alan = created(samples.user(new Email("alan@bletchley.example"), new Username("aturing"), samples.apiKey()));

        assertThat(store.search("HOPPER", 10)).extracting(User::id).containsExactly(grace.id());
        assertThat(store.search("bletchley", 10)).extracting(User::id).containsExactly(alan.id());
        assertThat(store.search("Lovelace", 10)).as("the samples' last name").extracting(User::id)
                .containsExactly(grace.id(), alan.id());
        assertThat(store.search("Lovelace", 1)).hasSize(1);
        assertThat(store.search("nobody-has-this", 10)).isEmpty();
    }

    @Test
    void searchTakesWildcardsLiterally() {
        created(samples.user(new Email("plain@example.org"), new Username("plain"), samples.apiKey()));

        assertThat(store.search("%", 10)).isEmpty();
        assertThat(store.search("_", 10)).isEmpty();
        assertThat(store.search("!", 10)).isEmpty();
    }

    @Test
    void aNewAccountIsAMemberAndNothingElse() {
        User ada = created(samples.user(new Email("ada@example.org"), new Username("ada"), samples.apiKey()));

        assertThat(store.groupsOf(ada.id())).containsExactly(Group.MEMBERS);
        assertThat(store.groupsOf(new UserId(ada.id().value() + 1000))).isEmpty();
    }

    @Test
    void membershipsAddedByOpenMLAreReadAndUnknownGroupsIgnored() {
        User ada = created(samples.user(new Email("ada@example.org"), new Username("ada"), samples.apiKey()));
        User alan = created(samples.user(new Email("alan@example.org"), new Username("alan"), samples.apiKey()));
        seedMembership(ada.id(), Group.ADMIN.id());
        seedMembership(ada.id(), 9);

        assertThat(store.groupsOf(ada.id())).containsExactlyInAnyOrder(Group.ADMIN, Group.MEMBERS);
        assertThat(store.groupsOf(alan.id())).containsExactly(Group.MEMBERS);
    }
}

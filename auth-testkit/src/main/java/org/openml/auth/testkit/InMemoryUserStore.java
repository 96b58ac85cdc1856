package org.openml.auth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.ApiKeyRegeneration;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.ExternalIdentity;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.out.AccountLockStore;
import org.openml.auth.core.port.out.ApiKeyStore;
import org.openml.auth.core.port.out.ExternalIdentityStore;
import org.openml.auth.core.port.out.UserStore;

/**
 * A {@link UserStore} held in memory, for tests and demos. Thread-safe: every method holds the
 * store's lock, so concurrent sign-ups behave as they do on a database with unique indexes.
 *
 * <p>It keeps exactly what the SQL stores keep, no more: {@code createdAt} to the second (the
 * legacy {@code created_on} column is unix seconds) and no image. Emails are unique by
 * {@link Email#canonical()}, usernames ignoring case, API keys exactly. Ids count from 1.
 */
public final class InMemoryUserStore implements UserStore, ApiKeyStore, ExternalIdentityStore {
    private final AtomicLong lastId = new AtomicLong();
    private final Map<Long, Row> rows = new HashMap<>();
    private final Map<String, Row> byEmail = new HashMap<>();
    private final Map<String, Row> byUsername = new HashMap<>();
    private final Map<String, Row> byApiKey = new HashMap<>();
    private final Map<Long, Set<Group>> groups = new HashMap<>();
    private final Map<Long, List<ApiKeyRegeneration>> regenerations = new HashMap<>();
    private final Map<ExternalIdentity, Row> byIdentity = new HashMap<>();

    private final AccountLockStore locks;

    /** An empty store whose accounts are never locked (its own, empty lock store). */
    public InMemoryUserStore() {
        this(new InMemoryAccountLockStore());
    }

    /** A store whose API keys find no principal while {@code locks} holds the account locked. */
    public InMemoryUserStore(AccountLockStore locks) {
        this.locks = Objects.requireNonNull(locks, "locks");
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(rows.get(id.value())).map(Row::toUser);
    }

    @Override
    public synchronized Optional<User> findByEmail(Email email) {
        return Optional.ofNullable(byEmail.get(email.canonical())).map(Row::toUser);
    }

    @Override
    public synchronized Optional<User> findByUsername(Username username) {
        return Optional.ofNullable(byUsername.get(usernameKey(username))).map(Row::toUser);
    }

    @Override
    public synchronized List<User> search(String text, int limit) {
        if (limit < 1 || limit > 100) throw new IllegalArgumentException("limit must be 1 to 100");
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        return rows.values().stream()
                .filter(r -> java.util.stream.Stream.of(r.email.value(), r.username.value(), r.firstName, r.lastName)
                        .anyMatch(v -> v != null && v.toLowerCase(java.util.Locale.ROOT).contains(needle)))
                .sorted(java.util.Comparator.comparingLong(r -> r.id.value())).limit(limit).map(Row::toUser).toList();
    }

    @Override
    public synchronized CreateResult create(NewUser user) {
        // Same precedence as the SQL stores: an address already in use ends a sign-up, the rest are retried.
        if (byEmail.containsKey(user.email().canonical())) return new CreateResult.EmailTaken();
        if (byUsername.containsKey(usernameKey(user.username()))) return new CreateResult.UsernameTaken();
        if (byApiKey.containsKey(user.apiKey().value())) return new CreateResult.ApiKeyTaken();
        Row row = new Row(new UserId(lastId.incrementAndGet()), user);
        rows.put(row.id.value(), row);
        byEmail.put(user.email().canonical(), row);
        byUsername.put(usernameKey(user.username()), row);
        byApiKey.put(user.apiKey().value(), row);
        groups.put(row.id.value(), EnumSet.of(Group.MEMBERS));
        return new CreateResult.Created(row.toUser());
    }

    @Override
    public synchronized boolean activate(UserId id) {
        Row row = rows.get(id.value());
        if (row == null || row.active) return false;
        row.active = true;
        return true;
    }

    @Override
    public synchronized Optional<UserId> activateByLegacyActivationCode(String code) {
        Objects.requireNonNull(code, "code");
        byte[] presented = code.getBytes(StandardCharsets.UTF_8);
        Row match = null;
        for (Row row : rows.values()) {
            // The code is a secret: compare in constant time, and look at every row.
            if (row.legacyActivationCode != null
                    && MessageDigest.isEqual(row.legacyActivationCode.getBytes(StandardCharsets.UTF_8), presented)
                    && (match == null || row.id.value() < match.id.value())) {
                match = row;
            }
        }
        if (match == null) return Optional.empty();
        match.active = true;
        match.legacyActivationCode = null;
        return Optional.of(match.id);
    }

    @Override
    public synchronized void updatePasswordHash(UserId id, PasswordHash hash) {
        Objects.requireNonNull(hash, "hash");
        Row row = rows.get(id.value());
        if (row != null) row.passwordHash = hash;
    }

    @Override
    public synchronized boolean updateNames(UserId id, String firstName, String lastName) {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Row row = rows.get(id.value());
        if (row == null) return false;
        row.firstName = firstName;
        row.lastName = lastName;
        return true;
    }

    @Override
    public synchronized EmailChangeResult changeEmail(UserId id, Email email) {
        Objects.requireNonNull(email, "email");
        Row row = rows.get(id.value());
        if (row == null) return new EmailChangeResult.UnknownUser();
        Row holder = byEmail.get(email.canonical());
        if (holder != null && holder != row) return new EmailChangeResult.EmailTaken();
        byEmail.remove(row.email.canonical());
        row.email = email;
        byEmail.put(email.canonical(), row);
        return new EmailChangeResult.Changed();
    }

    /** Deletes the account, its memberships, link and key; false when there is none. For {@link InMemoryStores#accountRemoval()}. */
    synchronized boolean remove(UserId id) {
        Row row = rows.remove(id.value());
        if (row == null) return false;
        byEmail.remove(row.email.canonical());
        byUsername.remove(usernameKey(row.username));
        if (row.apiKey != null) byApiKey.remove(row.apiKey.value());
        if (row.identity != null) byIdentity.remove(row.identity);
        groups.remove(id.value());
        regenerations.remove(id.value());
        return true;
    }

    /** Replaces everything personal of the account and deactivates it. For {@link InMemoryStores#accountRemoval()}. */
    synchronized boolean anonymise(UserId id, org.openml.auth.core.port.out.AccountRemovalStore.Anonymous replacement) {
        Row row = rows.get(id.value());
        if (row == null) return false;
        byEmail.remove(row.email.canonical());
        byUsername.remove(usernameKey(row.username));
        if (row.apiKey != null) byApiKey.remove(row.apiKey.value());
        if (row.identity != null) byIdentity.remove(row.identity);
        row.username = replacement.username();
        row.email = replacement.email();
        row.firstName = replacement.firstName();
        row.lastName = replacement.lastName();
        row.passwordHash = replacement.password();
        row.apiKey = null;
        row.identity = null;
        row.active = false;
        row.legacyActivationCode = null;
        byEmail.put(row.email.canonical(), row);
        byUsername.put(usernameKey(row.username), row);
        regenerations.remove(id.value());
        return true;
    }

    @Override
    public synchronized void recordSignIn(UserId id, Instant at) {
        Objects.requireNonNull(at, "at");
        Row row = rows.get(id.value());
        if (row != null) row.lastSignIn = at.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Gives the account a legacy {@code users.activation_code}, as accounts made by OpenML's old
     * PHP site have; lets tests exercise {@link #activateByLegacyActivationCode(String)}.
     *
     * @throws IllegalArgumentException when no account has this id
     */
    public synchronized void setLegacyActivationCode(UserId id, String code) {
        Objects.requireNonNull(code, "code");
        Row row = rows.get(id.value());
        if (row == null) throw new IllegalArgumentException("no user " + id);
        row.legacyActivationCode = code;
    }

    /** The last sign-in recorded by {@link #recordSignIn}, to the second; empty when none was. */
    public synchronized Optional<Instant> lastSignIn(UserId id) {
        return Optional.ofNullable(rows.get(id.value())).map(r -> r.lastSignIn);
    }

    /** The groups the account belongs to: {@link Group#MEMBERS} from creation on; empty for unknown ids. */
    @Override
    public synchronized Set<Group> groupsOf(UserId id) {
        return Set.copyOf(groups.getOrDefault(id.value(), EnumSet.noneOf(Group.class)));
    }

    /** Puts the account in {@code group} too (e.g. to test an admin's key). */
    public synchronized void addToGroup(UserId id, Group group) {
        if (!rows.containsKey(id.value())) throw new IllegalArgumentException("no user " + id);
        groups.get(id.value()).add(group);
    }

    /** Takes the account out of {@code group} (e.g. to make a read-only account: only {@link Group#READONLY}). */
    public synchronized void removeFromGroup(UserId id, Group group) {
        if (!rows.containsKey(id.value())) throw new IllegalArgumentException("no user " + id);
        groups.get(id.value()).remove(group);
    }

    /** Takes the account's API key away, as legacy rows and accounts made by OpenML's Next.js app have none. */
    public synchronized void removeApiKey(UserId id) {
        Row row = rows.get(id.value());
        if (row == null) throw new IllegalArgumentException("no user " + id);
        if (row.apiKey != null) byApiKey.remove(row.apiKey.value());
        row.apiKey = null;
    }

    @Override
    public synchronized Optional<Principal> findPrincipal(ApiKey key) {
        Objects.requireNonNull(key, "key");
        Row row = byApiKey.get(key.value());
        if (row == null || locks.isLocked(row.id)) return Optional.empty();
        return Optional.of(new Principal(row.id, row.username, row.email, row.active, groupsOf(row.id)));
    }

    @Override
    public synchronized ReplaceResult replace(UserId user, Optional<ApiKey> expected, ApiKey replacement,
            Optional<ApiKeyRegeneration> audit) {
        Objects.requireNonNull(replacement, "replacement");
        Row row = rows.get(user.value());
        if (row == null) return new ReplaceResult.UnknownUser();
        if (!Optional.ofNullable(row.apiKey).equals(expected)) return new ReplaceResult.Conflict();
        if (byApiKey.containsKey(replacement.value())) return new ReplaceResult.KeyTaken();
        if (row.apiKey != null) byApiKey.remove(row.apiKey.value());
        row.apiKey = replacement;
        byApiKey.put(replacement.value(), row);
        // Stored to the millisecond, as the SQL audit table keeps it.
        audit.ifPresent(a -> regenerations.computeIfAbsent(user.value(), k -> new ArrayList<>())
                .add(new ApiKeyRegeneration(a.userId(), a.at().truncatedTo(ChronoUnit.MILLIS), a.ipAddress())));
        return new ReplaceResult.Replaced();
    }

    @Override
    public synchronized Optional<ApiKeyRegeneration> lastRegeneration(UserId user) {
        return regenerations.getOrDefault(user.value(), List.of()).stream()
                .max(java.util.Comparator.comparing(ApiKeyRegeneration::at));
    }

    @Override
    public synchronized Optional<UserId> findUserId(ExternalIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        return Optional.ofNullable(byIdentity.get(identity)).map(r -> r.id);
    }

    @Override
    public synchronized Optional<ExternalIdentity> findIdentity(UserId user) {
        return Optional.ofNullable(rows.get(user.value())).map(r -> r.identity);
    }

    @Override
    public synchronized LinkResult link(UserId user, ExternalIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        Row row = rows.get(user.value());
        if (row == null) return new LinkResult.UnknownUser();
        if (identity.equals(row.identity)) return new LinkResult.Linked();
        if (row.identity != null) return new LinkResult.UserAlreadyLinked(row.identity);
        Row owner = byIdentity.get(identity);
        if (owner != null) return new LinkResult.IdentityTaken(owner.id);
        row.identity = identity;
        byIdentity.put(identity, row);
        return new LinkResult.Linked();
    }

    @Override
    public synchronized boolean unlink(UserId user) {
        Row row = rows.get(Objects.requireNonNull(user, "user").value());
        if (row == null || row.identity == null) return false;
        byIdentity.remove(row.identity);
        row.identity = null;
        return true;
    }

    /** How many accounts the store holds. */
    public synchronized int size() {
        return rows.size();
    }

    // ASCII-and-beyond lower case: OpenML's MySQL collation ignores case for all latin1 letters.
    private static String usernameKey(Username username) {
        return username.value().toLowerCase(Locale.ROOT);
    }

    /** Mutable state of one account; only touched under the store's lock. */
    private static final class Row {
        final UserId id;
        Username username;
        Email email;
        String firstName;
        String lastName;
        ApiKey apiKey;
        final Instant createdAt;
        PasswordHash passwordHash;
        boolean active;
        Instant lastSignIn;
        String legacyActivationCode;
        ExternalIdentity identity;

        Row(UserId id, NewUser user) {
            this.id = id;
            this.username = user.username();
            this.email = user.email();
            this.firstName = user.firstName();
            this.lastName = user.lastName();
            this.apiKey = user.apiKey();
            this.createdAt = user.createdAt().truncatedTo(ChronoUnit.SECONDS);
            this.passwordHash = user.passwordHash();
            this.active = user.active();
        }

        User toUser() {
            return new User(id, username, email, firstName, lastName, passwordHash, active, Optional.ofNullable(apiKey),
                    Optional.empty(), createdAt);
        }
    }
}

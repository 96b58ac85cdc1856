package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.port.out.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link UserStore} on OpenML's legacy {@code users} and {@code users_groups} tables. */
final class JdbcUserStore implements UserStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcUserStore.class);

    // Case-insensitive through the columns' collation (NOCASE on SQLite, *_ci on MySQL). Legacy
    // MySQL data may hold one address twice; the oldest account wins, as in OpenML's other code.
    private static final String SELECT_BY_ID = "SELECT " + UserRows.COLUMNS + " FROM users WHERE id = :id";
    private static final String SELECT_BY_EMAIL =
            "SELECT " + UserRows.COLUMNS + " FROM users WHERE email = :email ORDER BY id LIMIT 1";
    private static final String SELECT_BY_USERNAME =
            "SELECT " + UserRows.COLUMNS + " FROM users WHERE username = :username ORDER BY id LIMIT 1";
    private static final String EMAIL_EXISTS = "SELECT 1 FROM users WHERE email = :email LIMIT 1";
    private static final String USERNAME_EXISTS = "SELECT 1 FROM users WHERE username = :username LIMIT 1";
    private static final String API_KEY_EXISTS = "SELECT 1 FROM users WHERE session_hash = :apiKey LIMIT 1";

    // The values OpenML's Next.js app writes, so the legacy PHP and Flask code can read the row.
    // activation_code stays NULL: confirmation tokens live hashed in their own table.
    private static final String INSERT = """
            INSERT INTO users (ip_address, username, password, email,
                activation_selector, activation_code, forgotten_password_selector, forgotten_password_code,
                forgotten_password_time, remember_selector, remember_code, created_on, last_login, active,
                first_name, last_name, company, phone, country, image, bio, core, external_source, external_id,
                session_hash, session_hash_date, gamification_visibility)
            VALUES (:ipAddress, :username, :password, :email,
                :selector, NULL, :selector, '0000',
                NULL, :selector, '0000', :createdOn, 0, :active,
                :firstName, :lastName, '0000', '0000', '0000', '0000', 'No Bio', 'false', '0000', '0000',
                :apiKey, :apiKeyDate, 'show')""";
    private static final String INSERT_MEMBERSHIP = "INSERT INTO users_groups (user_id, group_id) VALUES (:userId, :groupId)";

    private static final String ACTIVATE = "UPDATE users SET active = 1 WHERE id = :id AND (active IS NULL OR active = 0)";
    private static final String FIND_LEGACY_CODE =
            "SELECT id FROM users WHERE activation_code = :code ORDER BY id LIMIT 1";
    // Clearing the code (and its selector) is what makes the legacy link work once.
    private static final String ACTIVATE_LEGACY = """
            UPDATE users SET active = 1, activation_code = NULL, activation_selector = NULL
            WHERE id = :id AND activation_code = :code""";
    private static final String UPDATE_PASSWORD = "UPDATE users SET password = :password WHERE id = :id";
    private static final String RECORD_SIGN_IN = "UPDATE users SET last_login = :lastLogin WHERE id = :id";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreEdge edge;
    private final UserRows rows = new UserRows();

    JdbcUserStore(Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.edge = edge;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return edge.call("find a user by id", () -> jdbi.withHandle(h -> findById(h, id.value())));
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return edge.call("find a user by email", () -> jdbi.withHandle(h -> h.createQuery(SELECT_BY_EMAIL)
                .bind("email", email.value())
                .map(rows)
                .findOne()));
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return edge.call("find a user by username", () -> jdbi.withHandle(h -> h.createQuery(SELECT_BY_USERNAME)
                .bind("username", username.value())
                .map(rows)
                .findOne()));
    }

    @Override
    public CreateResult create(NewUser user) {
        Objects.requireNonNull(user, "user");
        return edge.call("create a user", () -> {
            try {
                CreateResult result = jdbi.inTransaction(h -> create(h, user));
                if (result instanceof CreateResult.Created created) {
                    LOG.debug("created user {} ({})", created.user().id(), user.email().masked());
                }
                return result;
            } catch (JdbiException e) {
                // The checks above run under the write lock, so this is the safety net for a
                // database whose locking we misjudged: the unique index decided, report its verdict.
                Optional<UniqueKey> key = dialect.violatedUniqueKey(e);
                if (key.isEmpty()) throw e;
                LOG.debug("sign-up for {} hit the unique index on {}", user.email().masked(), key.get());
                return key.get().asResult();
            }
        });
    }

    private CreateResult create(Handle h, NewUser user) {
        dialect.lockForSignUp(h);
        // Email first: a taken address ends the sign-up, while the caller retries a taken username or key.
        if (exists(h, EMAIL_EXISTS, "email", user.email().value())) return new CreateResult.EmailTaken();
        if (exists(h, USERNAME_EXISTS, "username", user.username().value())) return new CreateResult.UsernameTaken();
        if (exists(h, API_KEY_EXISTS, "apiKey", user.apiKey().value())) return new CreateResult.ApiKeyTaken();

        long id = h.createUpdate(INSERT)
                .bind("ipAddress", user.ipAddress())
                .bind("username", user.username().value())
                .bind("password", user.passwordHash().encoded())
                .bind("email", user.email().value())
                .bind("selector", dialect.newSelectorValue().orElse(null))
                .bind("createdOn", user.createdAt().getEpochSecond())
                .bind("active", user.active() ? 1 : 0)
                .bind("firstName", user.firstName())
                .bind("lastName", user.lastName())
                .bind("apiKey", user.apiKey().value())
                .bind("apiKeyDate", dialect.legacyTimestamp(user.createdAt()))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        h.createUpdate(INSERT_MEMBERSHIP).bind("userId", id).bind("groupId", Group.MEMBERS.id()).execute();
        // Read back what was stored, so the caller sees exactly what later look-ups will return.
        return new CreateResult.Created(findById(h, id).orElseThrow(
                () -> new IllegalStateException("user " + id + " vanished inside its own transaction")));
    }

    private static boolean exists(Handle h, String sql, String name, String value) {
        return h.createQuery(sql).bind(name, value).mapTo(Integer.class).findOne().isPresent();
    }

    private Optional<User> findById(Handle h, long id) {
        return h.createQuery(SELECT_BY_ID).bind("id", id).map(rows).findOne();
    }

    @Override
    public boolean activate(UserId id) {
        return edge.call("activate a user", () -> jdbi.inTransaction(h ->
                h.createUpdate(ACTIVATE).bind("id", id.value()).execute() == 1));
    }

    @Override
    public Optional<UserId> activateByLegacyActivationCode(String code) {
        Objects.requireNonNull(code, "code");
        return edge.call("activate a user by legacy code", () -> jdbi.inTransaction(h -> {
            Optional<Long> id = h.createQuery(FIND_LEGACY_CODE).bind("code", code).mapTo(Long.class).findOne();
            if (id.isEmpty()) return Optional.<UserId>empty();
            int changed = h.createUpdate(ACTIVATE_LEGACY).bind("id", id.get()).bind("code", code).execute();
            return changed == 1 ? Optional.of(new UserId(id.get())) : Optional.<UserId>empty();
        }));
    }

    @Override
    public void updatePasswordHash(UserId id, PasswordHash hash) {
        Objects.requireNonNull(hash, "hash");
        edge.run("update a password hash", () -> jdbi.useTransaction(h ->
                h.createUpdate(UPDATE_PASSWORD).bind("password", hash.encoded()).bind("id", id.value()).execute()));
    }

    @Override
    public void recordSignIn(UserId id, Instant at) {
        Objects.requireNonNull(at, "at");
        edge.run("record a sign-in", () -> jdbi.useTransaction(h ->
                h.createUpdate(RECORD_SIGN_IN).bind("lastLogin", at.getEpochSecond()).bind("id", id.value()).execute()));
    }
}

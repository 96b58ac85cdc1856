package org.openml.auth.jdbc;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatements;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;
import org.openml.auth.core.error.StoreUnavailableException;
import org.openml.auth.core.port.out.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UserStore} on OpenML's legacy {@code users} and {@code users_groups} tables. Reads and
 * writes only the columns the table has ({@link UsersTable}); the SQL is otherwise the same on
 * every database.
 */
final class JdbcUserStore implements UserStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcUserStore.class);

    // Case-insensitive through the columns' collation (NOCASE on SQLite, *_ci on MySQL). Legacy
    // MySQL data may hold one address twice; the oldest account wins, as in OpenML's other code.
    private static final String EMAIL_EXISTS = "SELECT 1 FROM users WHERE email = :email LIMIT 1";
    private static final String USERNAME_EXISTS = "SELECT 1 FROM users WHERE username = :username LIMIT 1";
    private static final String API_KEY_EXISTS = "SELECT 1 FROM users WHERE session_hash = :apiKey LIMIT 1";

    /**
     * What a new row gets in each legacy column: the values OpenML's Next.js app writes, so the
     * legacy PHP and Flask code can read the row. activation_code stays NULL (confirmation tokens
     * live hashed in their own table); the UNIQUE *_selector columns get the dialect's choice.
     */
    private static final Map<String, String> NEW_ROW = newRow();

    private static final String INSERT_MEMBERSHIP = "INSERT INTO users_groups (user_id, group_id) VALUES (:userId, :groupId)";
    private static final String ACTIVATE = "UPDATE users SET active = 1 WHERE id = :id AND (active IS NULL OR active = 0)";
    private static final String FIND_LEGACY_CODE =
            "SELECT id FROM users WHERE activation_code = :code ORDER BY id LIMIT 1";
    private static final String UPDATE_PASSWORD = "UPDATE users SET password = :password WHERE id = :id";
    private static final String HOLDERS_OF_EMAIL = "SELECT id FROM users WHERE email = :email";
    private static final String UPDATE_EMAIL = "UPDATE users SET email = :email WHERE id = :id";
    private static final String UPDATE_NAMES = "UPDATE users SET first_name = :first, last_name = :last WHERE id = :id";
    private static final String RECORD_SIGN_IN = "UPDATE users SET last_login = :lastLogin WHERE id = :id";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreEdge edge;
    /** Statements for the table found; set before the edge opens, so every call through it sees one. */
    private volatile Statements sql;

    JdbcUserStore(Jdbi jdbi, Dialect dialect, StoreEdge edge) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.edge = edge;
    }

    private static Map<String, String> newRow() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("ip_address", ":ipAddress");
        row.put("username", ":username");
        row.put("password", ":password");
        row.put("email", ":email");
        row.put("activation_selector", ":selector");
        row.put("activation_code", "NULL");
        row.put("forgotten_password_selector", ":selector");
        row.put("forgotten_password_code", "'0000'");
        row.put("forgotten_password_time", "NULL");
        row.put("remember_selector", ":selector");
        row.put("remember_code", "'0000'");
        row.put("created_on", ":createdOn");
        row.put("last_login", "0");
        row.put("active", ":active");
        row.put("first_name", ":firstName");
        row.put("last_name", ":lastName");
        row.put("company", "'0000'");
        row.put("phone", "'0000'");
        row.put("country", "'0000'");
        row.put("image", "'0000'");
        row.put("bio", "'No Bio'");
        row.put("core", "'false'");
        row.put("external_source", "'0000'");
        row.put("external_id", "'0000'");
        row.put("session_hash", ":apiKey");
        row.put("session_hash_date", ":apiKeyDate");
        row.put("gamification_visibility", "'show'");
        return Collections.unmodifiableMap(row);
    }

    /** Builds the statements for {@code table}; called once the schema is known. */
    void use(UsersTable table) {
        sql = new Statements(table);
    }

    /** The statements that depend on which columns {@code users} has. */
    private static final class Statements {
        final UsersTable table;
        final UserRows rows;
        final String selectById;
        final String selectByEmail;
        final String selectByUsername;
        final String insert;
        final String activateLegacy;
        final String search;

        Statements(UsersTable table) {
            this.table = table;
            this.rows = new UserRows(table);
            this.selectById = "SELECT " + rows.columns + " FROM users WHERE id = :id";
            this.selectByEmail = "SELECT " + rows.columns + " FROM users WHERE email = :email ORDER BY id LIMIT 1";
            this.selectByUsername = "SELECT " + rows.columns + " FROM users WHERE username = :username ORDER BY id LIMIT 1";
            List<String> columns = table.present(NEW_ROW.keySet());
            this.insert = "INSERT INTO users (" + String.join(", ", columns) + ") VALUES ("
                    + columns.stream().map(NEW_ROW::get).collect(Collectors.joining(", ")) + ")";
            // LIKE with '!' escaping the wildcards; case as the columns' collation compares.
            this.search = "SELECT " + rows.columns + " FROM users WHERE email LIKE :p ESCAPE '!' OR username LIKE :p ESCAPE '!'"
                    + (table.has("first_name") ? " OR first_name LIKE :p ESCAPE '!'" : "")
                    + (table.has("last_name") ? " OR last_name LIKE :p ESCAPE '!'" : "") + " ORDER BY id LIMIT :n";
            // Clearing the code (and its selector) is what makes the legacy link work once.
            this.activateLegacy = "UPDATE users SET active = 1, activation_code = NULL"
                    + (table.has("activation_selector") ? ", activation_selector = NULL" : "")
                    + " WHERE id = :id AND activation_code = :code";
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return edge.call("find a user by id", () -> jdbi.withHandle(h -> findById(h, sql, id.value())));
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return edge.call("find a user by email", () -> {
            Statements s = sql;
            // A value the column cannot hold equals no stored row (and MySQL refuses to compare it).
            if (!s.table.canHold("email", email.value())) return Optional.<User>empty();
            return jdbi.withHandle(h -> h.createQuery(s.selectByEmail).bind("email", email.value()).map(s.rows).findOne());
        });
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return edge.call("find a user by username", () -> {
            Statements s = sql;
            if (!s.table.canHold("username", username.value())) return Optional.<User>empty();
            return jdbi.withHandle(h -> h.createQuery(s.selectByUsername).bind("username", username.value()).map(s.rows)
                    .findOne());
        });
    }

    @Override
    public CreateResult create(NewUser user) {
        Objects.requireNonNull(user, "user");
        return edge.call("create a user", () -> {
            Statements s = sql;
            requireStorable(s.table, user);
            try {
                CreateResult result = jdbi.inTransaction(h -> create(h, s, user));
                if (result instanceof CreateResult.Created created) {
                    LOG.debug("created user {} ({})", created.user().id(), user.email().masked());
                }
                return result;
            } catch (JdbiException e) {
                // The checks above run under the sign-up lock, so this is the safety net for a
                // writer that does not take it (OpenML's other programs): the unique index decided.
                Optional<UniqueKey> key = dialect.violatedUniqueKey(e);
                if (key.isEmpty()) throw e;
                LOG.debug("sign-up for {} hit the unique index on {}", user.email().masked(), key.get());
                return key.get().asResult();
            }
        });
    }

    /**
     * Refuses text the columns would mangle: OpenML's legacy tables are latin1, where MySQL turns
     * other characters into {@code ?} (or refuses the row). Checked before anything is written.
     */
    private static void requireStorable(UsersTable table, NewUser user) {
        boolean storable = table.canHold("email", user.email().value())
                && table.canHold("username", user.username().value())
                && table.canHold("first_name", user.firstName())
                && table.canHold("last_name", user.lastName())
                && table.canHold("ip_address", user.ipAddress());
        if (!storable) throw new InvalidInputException(ErrorCode.UNSUPPORTED_CHARACTERS);
    }

    private CreateResult create(Handle h, Statements s, NewUser user) {
        dialect.lockForSignUp(h);
        // Email first: a taken address ends the sign-up, while the caller retries a taken username or key.
        if (exists(h, EMAIL_EXISTS, "email", user.email().value())) return new CreateResult.EmailTaken();
        if (exists(h, USERNAME_EXISTS, "username", user.username().value())) return new CreateResult.UsernameTaken();
        boolean keys = s.table.supportsApiKeys();
        if (keys && exists(h, API_KEY_EXISTS, "apiKey", user.apiKey().value())) return new CreateResult.ApiKeyTaken();

        long id = h.createUpdate(s.insert)
                // The statement names only the columns the table has; the values for the others go unused.
                .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
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
        // users_groups.id comes from AUTO_INCREMENT: a hand-made MAX(id)+1 races with other sign-ups.
        h.createUpdate(INSERT_MEMBERSHIP).bind("userId", id).bind("groupId", Group.MEMBERS.id()).execute();
        // Read back what was stored, so the caller sees exactly what later look-ups will return.
        return new CreateResult.Created(findById(h, s, id).orElseThrow(
                () -> new IllegalStateException("user " + id + " vanished inside its own transaction")));
    }

    private static boolean exists(Handle h, String sql, String name, String value) {
        return h.createQuery(sql).bind(name, value).mapTo(Integer.class).findOne().isPresent();
    }

    private static Optional<User> findById(Handle h, Statements s, long id) {
        return h.createQuery(s.selectById).bind("id", id).map(s.rows).findOne();
    }

    @Override
    public List<User> search(String text, int limit) {
        Objects.requireNonNull(text, "text");
        if (limit < 1 || limit > 100) throw new IllegalArgumentException("limit must be 1 to 100");
        String pattern = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return edge.call("search users", () -> {
            Statements s = sql;
            return jdbi.withHandle(h -> h.createQuery(s.search).bind("p", pattern).bind("n", limit).map(s.rows).list());
        });
    }

    @Override
    public Set<Group> groupsOf(UserId id) {
        return edge.call("read a user's groups", () -> jdbi.withHandle(h -> h
                .createQuery("SELECT group_id FROM users_groups WHERE user_id = :id").bind("id", id.value())
                .mapTo(Integer.class).list()).stream()
                .flatMap(g -> Group.byId(g).stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Group.class))));
    }

    @Override
    public boolean activate(UserId id) {
        return edge.call("activate a user", () -> jdbi.inTransaction(h ->
                h.createUpdate(ACTIVATE).bind("id", id.value()).execute() == 1));
    }

    @Override
    public Optional<UserId> activateByLegacyActivationCode(String code) {
        Objects.requireNonNull(code, "code");
        return edge.call("activate a user by legacy code", () -> {
            Statements s = sql;
            if (!s.table.supportsLegacyActivation()) {
                throw new StoreUnavailableException("links from OpenML's old site confirm through users.activation_code,"
                        + " which " + dialect.database() + " lacks; such links cannot work on this database", null);
            }
            if (!s.table.canHold("activation_code", code)) return Optional.<UserId>empty();
            return jdbi.inTransaction(h -> {
                Optional<Long> id = h.createQuery(FIND_LEGACY_CODE).bind("code", code).mapTo(Long.class).findOne();
                if (id.isEmpty()) return Optional.<UserId>empty();
                int changed = h.createUpdate(s.activateLegacy).bind("id", id.get()).bind("code", code).execute();
                return changed == 1 ? Optional.of(new UserId(id.get())) : Optional.<UserId>empty();
            });
        });
    }

    @Override
    public void updatePasswordHash(UserId id, PasswordHash hash) {
        Objects.requireNonNull(hash, "hash");
        edge.run("update a password hash", () -> jdbi.useTransaction(h ->
                h.createUpdate(UPDATE_PASSWORD).bind("password", hash.encoded()).bind("id", id.value()).execute()));
    }

    @Override
    public EmailChangeResult changeEmail(UserId id, Email email) {
        Objects.requireNonNull(email, "email");
        return edge.call("change a user's address", () -> {
            if (!sql.table.canHold("email", email.value())) throw new InvalidInputException(ErrorCode.UNSUPPORTED_CHARACTERS);
            return jdbi.inTransaction(h -> {
                // The sign-up guard: a registration of the same address waits for this, or this for it.
                dialect.lockForSignUp(h);
                // The collation decides "same address" (case, and on latin1 accents), as at sign-up.
                boolean taken = h.createQuery(HOLDERS_OF_EMAIL).bind("email", email.value()).mapTo(Long.class).list()
                        .stream().anyMatch(holder -> holder != id.value());
                if (taken) return new EmailChangeResult.EmailTaken();
                int changed = h.createUpdate(UPDATE_EMAIL).bind("email", email.value()).bind("id", id.value()).execute();
                return changed == 1 ? new EmailChangeResult.Changed() : new EmailChangeResult.UnknownUser();
            });
        });
    }

    @Override
    public boolean updateNames(UserId id, String firstName, String lastName) {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        return edge.call("update a user's names", () -> {
            UsersTable table = sql.table;
            if (!table.canHold("first_name", firstName) || !table.canHold("last_name", lastName)) {
                throw new InvalidInputException(ErrorCode.UNSUPPORTED_CHARACTERS);
            }
            return jdbi.inTransaction(h -> h.createUpdate(UPDATE_NAMES).bind("first", firstName).bind("last", lastName)
                    .bind("id", id.value()).execute() == 1);
        });
    }

    @Override
    public void recordSignIn(UserId id, Instant at) {
        Objects.requireNonNull(at, "at");
        // Without last_login there is nothing to record; start-up said so once (SchemaReport warnings).
        edge.run("record a sign-in", () -> {
            if (!sql.table.has("last_login")) return;
            jdbi.useTransaction(h -> h.createUpdate(RECORD_SIGN_IN)
                    .bind("lastLogin", at.getEpochSecond()).bind("id", id.value()).execute());
        });
    }
}

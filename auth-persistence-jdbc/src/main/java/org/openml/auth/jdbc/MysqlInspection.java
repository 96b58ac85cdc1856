package org.openml.auth.jdbc;

import org.openml.auth.core.usecase.OutboxPolicy;
import org.openml.auth.core.port.out.MailOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * A read-only look at an OpenML MySQL database: the legacy tables and their optional columns,
 * and the version and shape of the tables this module owns. It changes nothing, so {@code doctor}
 * can run it against production; {@link MysqlDialect#prepareSchema} runs it before and after
 * creating what is missing.
 */
final class MysqlInspection {
    /** OpenML's tables: never created, altered or dropped by the stores. */
    static final List<String> LEGACY_TABLES = List.of("users", "groups", "users_groups");
    /** The tables this module owns, with the columns the stores use. */
    static final Map<String, List<String>> OWNED_TABLES = ownedTables();
    /** Columns of the owned tables that hold epoch milliseconds, so must be integers. */
    static final Set<String> MILLISECOND_COLUMNS = Set.of("expires_at", "created_at", "used_at", "regenerated_at", "last_used_at",
            "valid_after");
    static final String VERSION_TABLE = "openml_auth_schema";

    private final List<String> findings = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> missingOwnedTables = new ArrayList<>();
    private int version;
    private UsersTable users = new UsersTable(Map.of(), Map.of());
    private NextjsTables nextjs = NextjsTables.NONE;
    private String userIdType = "mediumint(8) unsigned";
    private boolean usersInnoDb;

    private MysqlInspection() {}

    private static Map<String, List<String>> ownedTables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("openml_auth_lock", List.of("name"));
        tables.put("email_confirmation_token", List.of("id", "user_id", "token", "expires_at", "created_at"));
        tables.put("password_reset_token", List.of("id", "user_id", "token", "expires_at", "created_at", "used", "used_at"));
        tables.put("api_key_audit", List.of("id", "user_id", "regenerated_at", "ip_address"));
        tables.put("auth_challenge", List.of("challenge_key", "purpose", "payload", "expires_at"));
        tables.put("auth_attempt", List.of("attempt_key", "hits", "last_at", "window_ends_at"));
        tables.put("user_passkeys", List.of("id", "user_id", "credential_id", "public_key", "sign_count", "transports",
                "device_name", "created_at", "last_used_at", "backup_eligible", "backup_state", "user_handle"));
        tables.put("audit_event", List.of("id", "user_id", "event_type", "method", "outcome", "created_at", "ip_address",
                "detail"));
        tables.put("session_revocation", List.of("user_id", "valid_after"));
        tables.put("unproven_email", List.of("user_id", "since"));
        tables.put("mail_outbox", List.of("id", "payload", "created_at", "next_attempt_at", "attempts", "last_error"));
        tables.put("email_change_token", List.of("id", "user_id", "token", "kind", "email", "expires_at", "created_at"));
        tables.put("user_session", List.of("id", "user_id", "signed_in_at", "last_seen_at", "method", "ip_address", "device",
                "ended_at"));
        tables.put("account_lock", List.of("user_id", "locked_at", "locked_by"));
        tables.put(NextjsTables.PASSKEY_DETAIL, List.of("passkey_id", "credential_id", "user_handle", "backup_eligible",
                "backup_state", "sign_count", "aaguid"));
        return tables;
    }

    /** A column as {@code information_schema.COLUMNS} describes it. */
    private record Column(String name, String type, String dataType, boolean nullable, String defaultValue, String extra,
            String charset, String collation, Long maxLength) {}

    static MysqlInspection of(Handle h) {
        MysqlInspection inspection = new MysqlInspection();
        inspection.inspect(h);
        return inspection;
    }

    private void inspect(Handle h) {
        Map<String, String> engines = new TreeMap<>();
        h.createQuery("SELECT TABLE_NAME, ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
                .map((rs, ctx) -> Map.entry(rs.getString(1), String.valueOf(rs.getString(2))))
                .forEach(e -> engines.put(e.getKey(), e.getValue()));

        List<String> missingLegacy = LEGACY_TABLES.stream().filter(t -> !engines.containsKey(t)).toList();
        if (!missingLegacy.isEmpty()) {
            problems.add("the database has no " + String.join(", ", missingLegacy) + " table"
                    + (missingLegacy.size() > 1 ? "s" : "") + ": it is not an OpenML user database, or the configuration"
                    + " names the wrong one (DATABASE_URL / MYSQL_DATABASE). For a new, empty database run"
                    + " `init-db --legacy`, which creates OpenML's tables.");
        }
        if (engines.containsKey("users")) inspectUsers(h, engines.get("users"));
        if (engines.containsKey("users_groups")) inspectMemberships(h);
        if (engines.containsKey("groups")) inspectGroups(h);
        inspectOwned(h, engines);
    }

    private List<Column> columns(Handle h, String table) {
        return h.createQuery("""
                SELECT COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME,
                       COLLATION_NAME, CHARACTER_MAXIMUM_LENGTH
                FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :table
                ORDER BY ORDINAL_POSITION""")
                .bind("table", table)
                .map((rs, ctx) -> new Column(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2),
                        rs.getString(3).toLowerCase(Locale.ROOT), "YES".equals(rs.getString(4)), rs.getString(5),
                        String.valueOf(rs.getString(6)).toLowerCase(Locale.ROOT), rs.getString(7), rs.getString(8),
                        (Long) rs.getObject(9, Long.class)))
                .list();
    }

    private void inspectUsers(Handle h, String engine) {
        usersInnoDb = engine.equalsIgnoreCase("InnoDB");
        List<Column> columns = columns(h, "users");
        Map<String, Column> byName = columns.stream().collect(Collectors.toMap(Column::name, c -> c, (a, b) -> a,
                LinkedHashMap::new));

        List<String> missingRequired = UsersTable.REQUIRED.stream().filter(c -> !byName.containsKey(c)).toList();
        if (!missingRequired.isEmpty()) {
            problems.add("users lacks the column" + (missingRequired.size() > 1 ? "s " : " ")
                    + String.join(", ", missingRequired) + ", which accounts cannot do without");
        }
        for (Column c : columns) {
            boolean mustBeGiven = !c.nullable() && c.defaultValue() == null && !c.extra().contains("auto_increment");
            if (mustBeGiven && !UsersTable.LEGACY.contains(c.name())) {
                problems.add("users." + c.name() + " is NOT NULL without a default, and this server does not know what"
                        + " to write there; give it a default (or make it NULL) before new accounts can be created");
            }
        }
        Column id = byName.get("id");
        if (id != null) {
            userIdType = id.type();
            if (!id.dataType().endsWith("int")) problems.add("users.id is " + id.type() + ", not an integer");
        }
        for (String text : List.of("email", "username")) {
            Column c = byName.get(text);
            if (c != null && c.collation() != null && !caseInsensitive(c.collation())) {
                problems.add("users." + text + " uses the collation " + c.collation() + ", which tells upper and lower"
                        + " case apart; OpenML treats addresses and usernames case-insensitively (a *_ci collation)");
            }
        }

        Map<String, UsersTable.TextColumn> texts = new LinkedHashMap<>();
        for (Column c : columns) {
            if (UsersTable.LEGACY.contains(c.name())) texts.put(c.name(), UsersTable.TextColumn.ofMysql(c.charset(), c.maxLength()));
        }
        Map<String, List<String>> uniqueIndexes = uniqueIndexes(h, "users");
        Map<String, UniqueKey> keyIndexes = new LinkedHashMap<>();
        uniqueIndexes.forEach((index, cols) -> keyOf(cols).ifPresent(key -> keyIndexes.put(index.toLowerCase(Locale.ROOT), key)));
        users = new UsersTable(texts, keyIndexes);

        findings.add("users: " + engine + ", " + users.legacyColumnSummary() + ", text in " + charsets(columns));
        findings.add("users unique keys: " + uniqueIndexes.entrySet().stream()
                .map(e -> e.getKey() + "(" + String.join(", ", e.getValue()) + ")").collect(Collectors.joining(", ")));
        boolean emailAlone = uniqueIndexes.values().stream().anyMatch(cols -> cols.equals(List.of("email")));
        if (!emailAlone) {
            findings.add("no unique index on users.email alone: this server keeps addresses unique (ignoring case)"
                    + " by checking inside a locked sign-up transaction");
        }
        optionalColumnWarnings(byName, uniqueIndexes);
    }

    private void optionalColumnWarnings(Map<String, Column> byName, Map<String, List<String>> uniqueIndexes) {
        warnings.addAll(users.featureWarnings());
        Column hash = byName.get("session_hash");
        if (users.supportsApiKeys()) {
            boolean unique = uniqueIndexes.values().stream().anyMatch(cols -> cols.equals(List.of("session_hash")));
            findings.add("API keys: users.session_hash " + hash.type() + (unique ? " UNIQUE" : "")
                    + (byName.containsKey("session_hash_date") ? "" : " (no session_hash_date: when a key was made is not kept)"));
            if (!unique) {
                warnings.add("users.session_hash has no UNIQUE index: this server checks a new key is unused before"
                        + " writing it, but OpenML's other programs may not");
            }
        }
    }

    private static boolean caseInsensitive(String collation) {
        String c = collation.toLowerCase(Locale.ROOT);
        return c.endsWith("_ci") || c.contains("_ci_");
    }

    private static String charsets(List<Column> columns) {
        Set<String> sets = columns.stream().map(Column::charset).filter(s -> s != null)
                .collect(Collectors.toCollection(TreeSet::new));
        String names = sets.isEmpty() ? "(none)" : String.join("/", sets);
        return sets.contains("latin1")
                ? names + " (names and addresses with characters outside ISO-8859-1 are refused with HTTP 400)"
                : names;
    }

    /** Which unique value an index with these columns guards; an index on (username, email) guards the address. */
    private static Optional<UniqueKey> keyOf(List<String> columns) {
        if (columns.contains("email")) return Optional.of(UniqueKey.EMAIL);
        if (columns.contains("username")) return Optional.of(UniqueKey.USERNAME);
        if (columns.contains("session_hash")) return Optional.of(UniqueKey.API_KEY);
        return Optional.empty();
    }

    private Map<String, List<String>> uniqueIndexes(Handle h, String table) {
        Map<String, List<String>> indexes = new TreeMap<>();
        h.createQuery("""
                SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS
                WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :table AND NON_UNIQUE = 0
                ORDER BY INDEX_NAME, SEQ_IN_INDEX""")
                .bind("table", table)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT)))
                .forEach(e -> indexes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return indexes;
    }

    private void inspectMemberships(Handle h) {
        Map<String, Column> byName = columns(h, "users_groups").stream()
                .collect(Collectors.toMap(Column::name, c -> c, (a, b) -> a));
        List<String> missing = List.of("id", "user_id", "group_id").stream().filter(c -> !byName.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            problems.add("users_groups lacks the column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        } else if (!byName.get("id").extra().contains("auto_increment")) {
            problems.add("users_groups.id has no AUTO_INCREMENT: this server lets the database number memberships"
                    + " (a hand-made MAX(id)+1 races with concurrent sign-ups)");
        }
        // OpenML's dump has no index on users_groups.user_id, so finding a user's groups (every API-key check,
        // whoami) reads the whole table. This server never alters legacy tables: it says what to run instead.
        boolean indexed = h.createQuery("""
                        SELECT COUNT(*) FROM information_schema.STATISTICS
                        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users_groups' AND COLUMN_NAME = 'user_id'
                        AND SEQ_IN_INDEX = 1""").mapTo(Integer.class).one() > 0;
        if (!indexed) {
            warnings.add("users_groups has no index on user_id, so every API-key check reads the whole table (about 1 ms"
                    + " per 10,000 memberships); an operator may add one, which changes no data:"
                    + " CREATE INDEX users_groups_user_id ON users_groups (user_id)");
        }
    }

    private void inspectGroups(Handle h) {
        Map<Integer, String> groups = new TreeMap<>();
        h.createQuery("SELECT id, name FROM `groups` ORDER BY id")
                .map((rs, ctx) -> Map.entry(rs.getInt(1), String.valueOf(rs.getString(2))))
                .forEach(e -> groups.put(e.getKey(), e.getValue()));
        findings.add("groups: " + (groups.isEmpty() ? "(none)" : groups.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        if (!groups.containsKey(2)) {
            warnings.add("the groups table has no group 2 (members), which every new account joins; OpenML's other"
                    + " programs will not see new accounts as members until it exists");
        }
    }

    private void inspectOwned(Handle h, Map<String, String> engines) {
        if (engines.containsKey(VERSION_TABLE)) {
            version = h.createQuery("SELECT COALESCE(MAX(version), 0) FROM " + VERSION_TABLE).mapTo(Integer.class).one();
        }
        // The Next.js app's tables are adopted in place (its token tables stand beside this server's own).
        Map<String, Map<String, String>> nextjsColumns = new LinkedHashMap<>();
        for (String table : List.of(NextjsTables.PASSKEYS, NextjsTables.CONFIRMATION, NextjsTables.RESET)) {
            if (engines.containsKey(table)) {
                nextjsColumns.put(table, columns(h, table).stream().collect(Collectors.toMap(Column::name, Column::dataType,
                        (a, b) -> a, LinkedHashMap::new)));
            }
        }
        nextjs = NextjsTables.detect(nextjsColumns);
        Map<String, List<String>> wrongShape = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> owned : OWNED_TABLES.entrySet()) {
            if (owned.getKey().equals(NextjsTables.PASSKEYS) && nextjs.passkeys()) continue;
            var table = Map.entry(nextjs.rename(owned.getKey()), owned.getValue());
            if (!engines.containsKey(table.getKey())) {
                missingOwnedTables.add(table.getKey());
                continue;
            }
            Map<String, Column> byName = columns(h, table.getKey()).stream()
                    .collect(Collectors.toMap(Column::name, c -> c, (a, b) -> a));
            List<String> wrong = new ArrayList<>();
            for (String column : table.getValue()) {
                Column c = byName.get(column);
                if (c == null) wrong.add(column + " is missing");
                else if (MILLISECOND_COLUMNS.contains(column) && !c.dataType().endsWith("int")) {
                    wrong.add(column + " is " + c.type() + ", not epoch milliseconds");
                }
            }
            if (!wrong.isEmpty()) wrongShape.put(table.getKey(), wrong);
        }
        wrongShape.forEach((table, wrong) -> problems.add("the table " + table + " exists but not in this server's shape ("
                + String.join("; ", wrong) + "), nor in the shape OpenML's Next.js app made it in; it was made by"
                + " another program. Move it aside (RENAME TABLE " + table + " TO " + table + "_old) and start again;"
                + " this server then creates its own."));
        findings.addAll(NextjsAdoption.count(h, nextjs).findings());
        findings.add("tables of this server: " + (missingOwnedTables.isEmpty() ? "all present"
                : "missing " + String.join(", ", missingOwnedTables)) + ", schema version " + version);
        if (engines.containsKey("mail_outbox") && !wrongShape.containsKey("mail_outbox")) {
            MailOutbox.Backlog backlog = h.createQuery("SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM mail_outbox")
                    .map((rs, ctx) -> rs.getLong("depth") == 0 ? MailOutbox.Backlog.EMPTY
                            : new MailOutbox.Backlog(rs.getLong("depth"), Optional.of(Instant.ofEpochMilli(rs.getLong("oldest")))))
                    .one();
            Instant now = Instant.now();
            if (backlog.stuck(now, OutboxPolicy.DEFAULTS.warnAfter())) {
                warnings.add(backlog.describe(now) + ": mails are not going out; check SMTP_* and the server log");
            } else {
                findings.add(backlog.describe(now));
            }
        }
    }

    int version() {
        return version;
    }

    boolean ownedTablesComplete() {
        return missingOwnedTables.isEmpty();
    }

    UsersTable users() {
        return users;
    }

    NextjsTables nextjs() {
        return nextjs;
    }

    String userIdType() {
        return userIdType;
    }

    boolean usersInnoDb() {
        return usersInnoDb;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    void problem(String problem) {
        problems.add(problem);
    }

    SchemaReport report(String database, String action) {
        return new SchemaReport(database, version, action, findings, warnings, problems);
    }
}

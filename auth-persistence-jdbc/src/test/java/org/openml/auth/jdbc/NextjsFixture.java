package org.openml.auth.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables OpenML's Next.js sign-in app left in its databases, in its shapes
 * ({@code shared/reference/openml-current-system.md}, "Tables the Next app expects"): plaintext
 * tokens with {@code DATETIME} times, {@code user_passkeys} with the base64url text of each
 * credential id and no user handle; and its local SQLite file ({@code server/openml.db}) with a
 * legacy-shaped {@code users} whose every account holds {@code "0000"} in each selector.
 */
public final class NextjsFixture {
    private NextjsFixture() {}

    /** On MySQL/MariaDB, as the app's set-up scripts make them (utf8mb4, INT ids, no foreign keys). */
    public static final List<String> MYSQL_TABLES = List.of("""
            CREATE TABLE email_confirmation_token (
                id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, token VARCHAR(255) NOT NULL UNIQUE,
                expires_at DATETIME NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE password_reset_token (
                id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, token VARCHAR(255) NOT NULL UNIQUE,
                expires_at DATETIME NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                used BOOLEAN DEFAULT FALSE, used_at DATETIME NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE user_passkeys (
                id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, credential_id BLOB NOT NULL,
                public_key BLOB NOT NULL, sign_count INT DEFAULT 0, transports VARCHAR(255), device_name VARCHAR(255),
                created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, last_used_at TIMESTAMP NULL,
                UNIQUE KEY credential_id (credential_id(255)), KEY user_id (user_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");

    /** The same on SQLite ({@code init-local-db.js}, {@code create_passkey_table.py}). */
    public static final List<String> SQLITE_TABLES = List.of("""
            CREATE TABLE email_confirmation_token (
                id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, token TEXT NOT NULL UNIQUE,
                expires_at DATETIME NOT NULL, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)""", """
            CREATE TABLE password_reset_token (
                id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, token TEXT NOT NULL UNIQUE,
                expires_at DATETIME NOT NULL, created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                used BOOLEAN DEFAULT 0, used_at DATETIME)""", """
            CREATE TABLE user_passkeys (
                id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, credential_id BLOB NOT NULL UNIQUE,
                public_key BLOB NOT NULL, sign_count INTEGER DEFAULT 0, transports TEXT, device_name TEXT,
                created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, last_used_at TIMESTAMP)""");

    /** The Next.js app's local SQLite {@code users}: every legacy column, no unique index but the id. */
    public static final String SQLITE_USERS = """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT, ip_address VARCHAR(45) NOT NULL, username VARCHAR(100) NOT NULL,
                password VARCHAR(255) NOT NULL, email VARCHAR(254) NOT NULL, activation_selector VARCHAR(255),
                activation_code VARCHAR(255), forgotten_password_selector VARCHAR(255), forgotten_password_code VARCHAR(255),
                forgotten_password_time INTEGER, remember_selector VARCHAR(255), remember_code VARCHAR(255),
                created_on INTEGER NOT NULL, last_login INTEGER, active INTEGER, first_name VARCHAR(50), last_name VARCHAR(50),
                company VARCHAR(100) NOT NULL, phone VARCHAR(20), country VARCHAR(50) NOT NULL, image VARCHAR(128),
                bio TEXT NOT NULL, core TEXT NOT NULL DEFAULT 'false', external_source VARCHAR(50), external_id VARCHAR(50),
                session_hash VARCHAR(40), session_hash_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                gamification_visibility VARCHAR(32) NOT NULL DEFAULT 'show')""";

    public static final String SQLITE_MEMBERSHIPS =
            "CREATE TABLE users_groups (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, group_id INTEGER NOT NULL)";

    /** An account as the Next.js app inserts it: "0000" in every placeholder column, including the three selectors. */
    public static final String INSERT_USER = """
            INSERT INTO users (ip_address, username, password, email, activation_selector, activation_code,
                forgotten_password_selector, forgotten_password_code, forgotten_password_time, remember_selector, remember_code,
                created_on, last_login, active, first_name, last_name, company, phone, country, image, bio, core,
                external_source, external_id, session_hash)
            VALUES ('127.0.0.1', ?, ?, ?, '0000', NULL, '0000', '0000', '0000', '0000', '0000', 1700000000, 0, 1, ?, ?, '0000',
                '0000', '0000', '0000', 'No Bio', 'false', '0000', '0000', ?)""";

    /**
     * {@link #INSERT_USER}, or with NULL selectors: OpenML's MySQL {@code users} keeps them UNIQUE, so
     * there the Next.js app could make only one account with its placeholder.
     */
    public static String insertUser(boolean placeholderSelectors) {
        return placeholderSelectors ? INSERT_USER
                : INSERT_USER.replace("VALUES ('127.0.0.1', ?, ?, ?, '0000', NULL, '0000', '0000', '0000', '0000',",
                        "VALUES ('127.0.0.1', ?, ?, ?, NULL, NULL, NULL, '0000', '0000', NULL,");
    }

    /** Adds the Next.js app's tables to a MySQL/MariaDB database. */
    public static void addTo(ScratchMysqlDatabase db) {
        MYSQL_TABLES.forEach(db::update);
    }

    /** A SQLite file as the Next.js app's local set-up leaves it: users, users_groups, its token and passkey tables. */
    public static void createSqlite(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(SQLITE_USERS);
            s.execute(SQLITE_MEMBERSHIPS);
            for (String sql : SQLITE_TABLES) s.execute(sql);
        }
    }

    /** Only the Next.js app's token and passkey tables, in a new SQLite file (this server then adds the rest). */
    public static void createSqliteTablesOnly(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : SQLITE_TABLES) s.execute(sql);
        }
    }
}

-- OpenML auth schema for SQLite, version 5 (recorded in PRAGMA user_version).
-- Version 2 added auth_attempt (rate limits), audit_event (audit log) and session_revocation
-- (per-user session cut-offs); version 3 unproven_email and mail_outbox; version 4 email_change_token,
-- user_session (account self-service) and account_lock (operators); version 5 auth_passkey_detail
-- (passkeys in the Next.js app's user_passkeys, see below). An older database gets
-- the tables it lacks on the next start.
--
-- JdbcStores runs this script on first start, in one transaction with the version update.
-- Every statement is idempotent (IF NOT EXISTS, INSERT OR IGNORE), so a half-made database from
-- an older run, or two servers starting on one file, end in the same state.
--
-- users, groups and users_groups have all the columns of OpenML's legacy MySQL tables
-- (shared/fixtures/openml-legacy.sql) so that rows can move between the two databases and the
-- legacy PHP and Flask code can read them. Legacy times are unix SECONDS: users.created_on,
-- users.last_login, users.forgotten_password_time.
--
-- The token tables are this server's own. Their times (expires_at, created_at, used_at) are epoch
-- MILLISECONDS in INTEGER columns. Their token column holds the SHA-256 of the mailed token as
-- 64 lowercase hex characters, never the token itself.
--
-- Foreign keys need PRAGMA foreign_keys=ON on every connection (JdbcStores sets it).
-- The splitter that runs this file knows line comments and quoted text, nothing else.

CREATE TABLE IF NOT EXISTS users (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    ip_address                  VARCHAR(45)  NOT NULL,
    username                    VARCHAR(100) NOT NULL COLLATE NOCASE,
    password                    VARCHAR(255) NOT NULL,
    email                       VARCHAR(254) NOT NULL COLLATE NOCASE,
    activation_selector         VARCHAR(255) DEFAULT NULL,
    activation_code             VARCHAR(255) DEFAULT NULL,
    forgotten_password_selector VARCHAR(255) DEFAULT NULL,
    forgotten_password_code     VARCHAR(255) DEFAULT NULL,
    forgotten_password_time     INTEGER      DEFAULT NULL,
    remember_selector           VARCHAR(255) DEFAULT NULL,
    remember_code               VARCHAR(255) DEFAULT NULL,
    created_on                  INTEGER      NOT NULL,
    last_login                  INTEGER      DEFAULT NULL,
    active                      INTEGER      DEFAULT NULL,
    first_name                  VARCHAR(50)  DEFAULT NULL,
    last_name                   VARCHAR(50)  DEFAULT NULL,
    company                     VARCHAR(100) NOT NULL,
    phone                       VARCHAR(20)  DEFAULT NULL,
    country                     VARCHAR(50)  NOT NULL,
    image                       VARCHAR(128) DEFAULT NULL,
    bio                         TEXT         NOT NULL,
    core                        VARCHAR(5)   NOT NULL DEFAULT 'false' CHECK (core IN ('true', 'false')),
    external_source             VARCHAR(50)  DEFAULT NULL,
    external_id                 VARCHAR(50)  DEFAULT NULL,
    -- The personal API key (32 lowercase hex).
    session_hash                VARCHAR(40)  DEFAULT NULL,
    -- 'YYYY-MM-DD HH:MM:SS' in UTC, like MySQL's TIMESTAMP text form.
    session_hash_date           TEXT         DEFAULT CURRENT_TIMESTAMP,
    gamification_visibility     VARCHAR(32)  NOT NULL DEFAULT 'show'
);

-- NOCASE folds ASCII letters only: 'É' and 'é' differ here, though MySQL's latin1 collation
-- treats them as one. Addresses and usernames are ASCII in practice.
CREATE UNIQUE INDEX IF NOT EXISTS users_email_unique ON users (email COLLATE NOCASE);
CREATE UNIQUE INDEX IF NOT EXISTS users_username_unique ON users (username COLLATE NOCASE);
CREATE UNIQUE INDEX IF NOT EXISTS users_session_hash_unique ON users (session_hash);
-- Unique as in the legacy schema; that is why new rows get NULL (not a placeholder) in these.
-- Except '0000': OpenML's Next.js app writes that placeholder into every selector of every account
-- it makes, so a users table it filled (its local SQLite file) holds many; they stay as they are.
CREATE UNIQUE INDEX IF NOT EXISTS users_activation_selector_unique ON users (activation_selector)
    WHERE activation_selector <> '0000';
CREATE UNIQUE INDEX IF NOT EXISTS users_forgotten_password_selector_unique ON users (forgotten_password_selector)
    WHERE forgotten_password_selector <> '0000';
CREATE UNIQUE INDEX IF NOT EXISTS users_remember_selector_unique ON users (remember_selector)
    WHERE remember_selector <> '0000';

CREATE TABLE IF NOT EXISTS "groups" (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        VARCHAR(20)  NOT NULL,
    description VARCHAR(100) NOT NULL
);

INSERT OR IGNORE INTO "groups" (id, name, description) VALUES
    (1, 'admin', 'Administrator'),
    (2, 'members', 'General User'),
    (3, 'readonly', 'Read-only user');

CREATE TABLE IF NOT EXISTS users_groups (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES "groups" (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS users_groups_user_id ON users_groups (user_id);

CREATE TABLE IF NOT EXISTS email_confirmation_token (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token      CHAR(64) NOT NULL UNIQUE,
    expires_at INTEGER  NOT NULL,
    created_at INTEGER  NOT NULL
);

CREATE INDEX IF NOT EXISTS email_confirmation_token_user_id ON email_confirmation_token (user_id);

CREATE TABLE IF NOT EXISTS password_reset_token (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token      CHAR(64) NOT NULL UNIQUE,
    expires_at INTEGER  NOT NULL,
    created_at INTEGER  NOT NULL,
    used       INTEGER  NOT NULL DEFAULT 0,
    used_at    INTEGER  DEFAULT NULL
);

CREATE INDEX IF NOT EXISTS password_reset_token_user_id ON password_reset_token (user_id);

-- Who regenerated their API key, when (epoch MILLISECONDS) and from which address. One row per
-- regeneration; the first key given at sign-up is not a regeneration and has no row.
CREATE TABLE IF NOT EXISTS api_key_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    regenerated_at INTEGER NOT NULL,
    ip_address VARCHAR(45) NOT NULL
);
CREATE INDEX IF NOT EXISTS api_key_audit_user ON api_key_audit (user_id, regenerated_at);

-- Short-lived ceremony state (WebAuthn challenges, OAuth state/PKCE/nonce), single use, shared by
-- every server on this database. challenge_key is the SHA-256 of the id the browser holds in a
-- cookie; expires_at is epoch MILLISECONDS.
CREATE TABLE IF NOT EXISTS auth_challenge (
    challenge_key CHAR(64) NOT NULL PRIMARY KEY,
    purpose VARCHAR(32) NOT NULL,
    payload TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS auth_challenge_expires ON auth_challenge (expires_at);

-- Brute-force and abuse counters shared by every server on this database: one fixed window per
-- key. attempt_key is the SHA-256 of (limit, subject), so no email or IP address is stored in
-- clear; last_at / window_ends_at are epoch MILLISECONDS. Ended windows are deleted now and then.
CREATE TABLE IF NOT EXISTS auth_attempt (
    attempt_key    CHAR(64) NOT NULL PRIMARY KEY,
    hits           INTEGER NOT NULL,
    last_at        INTEGER NOT NULL,
    window_ends_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS auth_attempt_ends ON auth_attempt (window_ends_at);

-- Passkeys (WebAuthn credentials), one row per credential. credential_id holds the raw credential
-- id bytes and user_handle the WebAuthn user handle; rows written by OpenML's Next.js app hold the
-- UTF-8 bytes of the base64url id text and no user_handle (JdbcPasskeyStore reads both). public_key
-- is the COSE key; sign_count the last signature counter; transports a comma-joined list;
-- created_at / last_used_at epoch MILLISECONDS; backup_eligible / backup_state the BE / BS flags.
CREATE TABLE IF NOT EXISTS user_passkeys (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id   BLOB         NOT NULL UNIQUE,
    public_key      BLOB         NOT NULL,
    sign_count      INTEGER      NOT NULL DEFAULT 0,
    transports      VARCHAR(255) DEFAULT NULL,
    device_name     VARCHAR(255) DEFAULT NULL,
    created_at      INTEGER      NOT NULL,
    last_used_at    INTEGER      DEFAULT NULL,
    backup_eligible INTEGER      NOT NULL DEFAULT 0,
    backup_state    INTEGER      NOT NULL DEFAULT 0,
    user_handle     BLOB         DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS user_passkeys_user_id ON user_passkeys (user_id);

-- The audit log: each account's security events (sign-ins, resets, key regenerations, passkey
-- and link changes). event_type, method and outcome are lowercase codes (AuditEvent's enums);
-- created_at is epoch MILLISECONDS; ip_address the client address; detail a short label (a
-- passkey's name, a provider) or NULL. Never a password, token, key or user agent. Bounded per
-- account by the writer: every insert trims that account's oldest rows (AuditPolicy).
CREATE TABLE IF NOT EXISTS audit_event (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_type VARCHAR(32)  NOT NULL,
    method     VARCHAR(16)  NOT NULL,
    outcome    VARCHAR(16)  NOT NULL,
    created_at INTEGER      NOT NULL,
    ip_address VARCHAR(45)  NOT NULL,
    detail     VARCHAR(100) DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS audit_event_user ON audit_event (user_id, created_at, id);

-- Per-user session cut-offs: sessions signed in before valid_after (epoch MILLISECONDS) are refused
-- on every server (password reset, email confirmation, "sign out everywhere", OAuth takeover wipe).
-- Only ever moves forward. No foreign key: a cut-off outliving its account revokes nothing new.
CREATE TABLE IF NOT EXISTS session_revocation (
    user_id     INTEGER NOT NULL PRIMARY KEY,
    valid_after INTEGER NOT NULL
);

-- Active accounts whose address is not proven yet (version 3): a passkey sign-up proves an
-- authenticator, not a mailbox. A row lives until the confirmation link is used, a password reset
-- is done, or GitHub/Google proves the address (which first removes whatever a pre-claimer could
-- have set up). since is epoch MILLISECONDS. No row: proven.
CREATE TABLE IF NOT EXISTS unproven_email (
    user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    since   INTEGER NOT NULL
);

-- Mails waiting to be sent (version 3): requests only write here; a background sender delivers
-- with retries and back-off, so an SMTP outage loses nothing, also across restarts. payload is
-- the mail encrypted with a key derived from NEXTAUTH_SECRET (it holds one-time links); times are
-- epoch MILLISECONDS; a claim moves next_attempt_at past its lease.
CREATE TABLE IF NOT EXISTS mail_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    payload         TEXT         NOT NULL,
    created_at      INTEGER      NOT NULL,
    next_attempt_at INTEGER      NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    last_error      VARCHAR(255) DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (next_attempt_at, id);

-- Pending changes of address (version 4), held only as the SHA-256 of the mailed token: kind
-- 'confirm' (mailed to the new address, 24 h; email = the new address) and 'revert' (mailed to the
-- old address after the change, 7 days; email = the old address). A user has at most one of each
-- kind; a token is deleted when used. Times are epoch MILLISECONDS.
CREATE TABLE IF NOT EXISTS email_change_token (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token      CHAR(64)     NOT NULL UNIQUE,
    kind       VARCHAR(8)   NOT NULL,
    email      VARCHAR(254) NOT NULL,
    expires_at INTEGER      NOT NULL,
    created_at INTEGER      NOT NULL
);
CREATE INDEX IF NOT EXISTS email_change_token_user ON email_change_token (user_id, kind);

-- Where each account is signed in (version 4): one row per session, id = the session JWT's jti
-- (kept across refreshes). Written at the session's first read, last_seen_at at most once a
-- minute; ended_at set when the owner signs that one device out (refused on every node from its
-- next request). method is how it signed in, device a short label from the User-Agent. Times are
-- epoch MILLISECONDS. Rows of sessions past their lifetime are deleted now and then.
CREATE TABLE IF NOT EXISTS user_session (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id      INTEGER      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    signed_in_at INTEGER      NOT NULL,
    last_seen_at INTEGER      NOT NULL,
    method       VARCHAR(16)  NOT NULL,
    ip_address   VARCHAR(45)  NOT NULL,
    device       VARCHAR(100) NOT NULL,
    ended_at     INTEGER      DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS user_session_user ON user_session (user_id, signed_in_at);

-- Accounts an operator or admin locked (version 4): every sign-in method and every API key of the
-- account is refused until unlocked. locked_at is epoch MILLISECONDS; locked_by says who ("operator",
-- "admin 7").
CREATE TABLE IF NOT EXISTS account_lock (
    user_id   INTEGER     NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    locked_at INTEGER     NOT NULL,
    locked_by VARCHAR(32) NOT NULL
);

-- What user_passkeys has no column for (version 5), per passkey: aaguid, the authenticator model
-- reported at registration (16 bytes; no row or NULL: unknown). When user_passkeys is in the Next.js
-- app's shape (no user_handle column, text times; see NextjsTables), this server keeps that table
-- readable by the Next.js app and puts here, per passkey it registered or used, also the
-- WebAuthn user handle and the BE / BS flags; sign_count the counter when it passed what that app's
-- INT column holds (2^31 - 1, where that column then stays). passkey_id and credential_id (as stored there) name the
-- row; a row whose passkey is gone is ignored.
CREATE TABLE IF NOT EXISTS auth_passkey_detail (
    passkey_id      INTEGER NOT NULL PRIMARY KEY,
    credential_id   BLOB    NOT NULL,
    user_handle     BLOB    DEFAULT NULL,
    backup_eligible INTEGER NOT NULL DEFAULT 0,
    backup_state    INTEGER NOT NULL DEFAULT 0,
    sign_count      INTEGER DEFAULT NULL,
    aaguid          BLOB    DEFAULT NULL
);

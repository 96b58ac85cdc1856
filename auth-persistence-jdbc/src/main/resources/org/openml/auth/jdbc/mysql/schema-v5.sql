-- OpenML auth schema for MySQL/MariaDB, version 5 (recorded in openml_auth_schema).
-- Version 2 added auth_attempt (rate limits), audit_event (audit log) and session_revocation
-- (per-user session cut-offs); version 3 unproven_email and mail_outbox; version 4 email_change_token,
-- user_session (account self-service) and account_lock (operators); version 5 auth_passkey_detail
-- (passkeys in the Next.js app's user_passkeys, see below). An older database gets
-- the tables it lacks on the next start.
--
-- Only the tables this server owns. OpenML's users, groups and users_groups are never created,
-- altered or dropped here: they belong to the existing OpenML database (see
-- openml-legacy.sql for their structure, used only by `init-db --legacy` on an empty database).
--
-- JdbcStores runs this script under GET_LOCK, so two servers starting at once do not interleave;
-- every statement is idempotent (IF NOT EXISTS, INSERT IGNORE), so a run that died half-way is
-- finished by the next one. MySQL commits each CREATE TABLE by itself.
--
-- ${USER_ID_TYPE} is replaced by the type of users.id as found (mediumint(8) unsigned in OpenML),
-- ${USER_FK} by a foreign key to users.id with ON DELETE CASCADE when users is an InnoDB table
-- (by nothing otherwise). Times are epoch MILLISECONDS in BIGINT columns; token columns hold the
-- SHA-256 of the mailed token as 64 lowercase hex characters, never the token itself.
-- The splitter that runs this file knows line comments and quoted text, nothing else.

-- One row per name; sign-ups lock the 'signup' row (SELECT ... FOR UPDATE) so that the
-- case-insensitive email check and the insert happen as one step across every node.
CREATE TABLE IF NOT EXISTS openml_auth_lock (
    name VARCHAR(64) NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

INSERT IGNORE INTO openml_auth_lock (name) VALUES ('signup');

CREATE TABLE IF NOT EXISTS email_confirmation_token (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id    ${USER_ID_TYPE} NOT NULL,
    token      CHAR(64)        NOT NULL,
    expires_at BIGINT          NOT NULL,
    created_at BIGINT          NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY email_confirmation_token_token (token),
    KEY email_confirmation_token_user_id (user_id)${USER_FK}
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE IF NOT EXISTS password_reset_token (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id    ${USER_ID_TYPE} NOT NULL,
    token      CHAR(64)        NOT NULL,
    expires_at BIGINT          NOT NULL,
    created_at BIGINT          NOT NULL,
    used       TINYINT(1)      NOT NULL DEFAULT 0,
    used_at    BIGINT          DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY password_reset_token_token (token),
    KEY password_reset_token_user_id (user_id)${USER_FK}
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Who regenerated their API key, when (epoch MILLISECONDS) and from which address. One row per
-- regeneration; the first key given at sign-up is not a regeneration and has no row.
CREATE TABLE IF NOT EXISTS api_key_audit (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id        ${USER_ID_TYPE} NOT NULL,
    regenerated_at BIGINT          NOT NULL,
    ip_address     VARCHAR(45)     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (id),
    KEY api_key_audit_user (user_id, regenerated_at)${USER_FK}
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Short-lived ceremony state (WebAuthn challenges, OAuth state/PKCE/nonce), single use, shared by
-- every server on this database. challenge_key is the SHA-256 of the id the browser holds in a
-- cookie; expires_at is epoch MILLISECONDS; payload is JSON (at most 8192 characters).
CREATE TABLE IF NOT EXISTS auth_challenge (
    challenge_key CHAR(64)    NOT NULL,
    purpose       VARCHAR(32) NOT NULL,
    payload       TEXT        CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    expires_at    BIGINT      NOT NULL,
    PRIMARY KEY (challenge_key),
    KEY auth_challenge_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Brute-force and abuse counters shared by every server on this database: one fixed window per
-- key. attempt_key is the SHA-256 of (limit, subject), so no email or IP address is stored in
-- clear; last_at / window_ends_at are epoch MILLISECONDS. Ended windows are deleted now and then.
CREATE TABLE IF NOT EXISTS auth_attempt (
    attempt_key    CHAR(64)     NOT NULL,
    hits           INT UNSIGNED NOT NULL,
    last_at        BIGINT       NOT NULL,
    window_ends_at BIGINT       NOT NULL,
    PRIMARY KEY (attempt_key),
    KEY auth_attempt_ends (window_ends_at)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Passkeys. credential_id holds the raw credential id (OpenML's Next.js app stored the bytes of
-- its base64url text: such rows are still read, see JdbcPasskeyStore); public_key the COSE key;
-- sign_count the last signature counter; transports a comma-joined list; created_at /
-- last_used_at epoch MILLISECONDS; backup_eligible / backup_state the BE / BS flags; user_handle
-- the WebAuthn user handle (NULL in OpenML's rows: the decimal user id is assumed).
CREATE TABLE IF NOT EXISTS user_passkeys (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id         ${USER_ID_TYPE} NOT NULL,
    credential_id   VARBINARY(1023) NOT NULL,
    public_key      BLOB            NOT NULL,
    sign_count      BIGINT UNSIGNED NOT NULL DEFAULT 0,
    transports      VARCHAR(255)    DEFAULT NULL,
    device_name     VARCHAR(255)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,
    created_at      BIGINT          NOT NULL,
    last_used_at    BIGINT          DEFAULT NULL,
    backup_eligible TINYINT(1)      NOT NULL DEFAULT 0,
    backup_state    TINYINT(1)      NOT NULL DEFAULT 0,
    user_handle     VARBINARY(64)   DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY user_passkeys_credential_id (credential_id),
    KEY user_passkeys_user_id (user_id)${USER_FK}
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- The audit log: each account's security events (sign-ins, resets, key regenerations, passkey
-- and link changes). event_type, method and outcome are lowercase codes (AuditEvent's enums);
-- created_at is epoch MILLISECONDS; ip_address the client address; detail a short label (a
-- passkey's name, a provider) or NULL. Never a password, token, key or user agent. Bounded per
-- account by the writer: every insert trims that account's oldest rows (AuditPolicy).
CREATE TABLE IF NOT EXISTS audit_event (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id    ${USER_ID_TYPE} NOT NULL,
    event_type VARCHAR(32)     NOT NULL,
    method     VARCHAR(16)     NOT NULL,
    outcome    VARCHAR(16)     NOT NULL,
    created_at BIGINT          NOT NULL,
    ip_address VARCHAR(45)     NOT NULL,
    detail     VARCHAR(100)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,
    PRIMARY KEY (id),
    KEY audit_event_user (user_id, created_at, id)${USER_FK}
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Per-user session cut-offs: sessions signed in before valid_after (epoch MILLISECONDS) are refused
-- on every server (password reset, email confirmation, "sign out everywhere", OAuth takeover wipe).
-- Only ever moves forward. No foreign key: a cut-off outliving its account revokes nothing new.
CREATE TABLE IF NOT EXISTS session_revocation (
    user_id     BIGINT NOT NULL,
    valid_after BIGINT NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Active accounts whose address is not proven yet (version 3): a passkey sign-up proves an
-- authenticator, not a mailbox. A row lives until the confirmation link is used, a password reset
-- is done, or GitHub/Google proves the address (which first removes whatever a pre-claimer could
-- have set up). since is epoch MILLISECONDS. No row: proven. OpenML's users table is not touched.
CREATE TABLE IF NOT EXISTS unproven_email (
    user_id ${USER_ID_TYPE} NOT NULL,
    since   BIGINT          NOT NULL,
    PRIMARY KEY (user_id)${USER_FK}
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Mails waiting to be sent (version 3): requests only write here; a background sender delivers
-- with retries and back-off, so an SMTP outage loses nothing, also across restarts. payload is
-- the mail encrypted with a key derived from NEXTAUTH_SECRET (it holds one-time links); times are
-- epoch MILLISECONDS; a claim moves next_attempt_at past its lease.
CREATE TABLE IF NOT EXISTS mail_outbox (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    payload         MEDIUMTEXT      CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    created_at      BIGINT          NOT NULL,
    next_attempt_at BIGINT          NOT NULL,
    attempts        INT             NOT NULL DEFAULT 0,
    last_error      VARCHAR(255)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,
    PRIMARY KEY (id),
    KEY mail_outbox_due (next_attempt_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Pending changes of address (version 4), held only as the SHA-256 of the mailed token: kind
-- 'confirm' (mailed to the new address, 24 h; email = the new address) and 'revert' (mailed to the
-- old address after the change, 7 days; email = the old address). A user has at most one of each
-- kind; a token is deleted when used. Times are epoch MILLISECONDS.
CREATE TABLE IF NOT EXISTS email_change_token (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id    ${USER_ID_TYPE} NOT NULL,
    token      CHAR(64)        NOT NULL,
    kind       VARCHAR(8)      NOT NULL,
    email      VARCHAR(254)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    expires_at BIGINT          NOT NULL,
    created_at BIGINT          NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY email_change_token_token (token),
    KEY email_change_token_user (user_id, kind)${USER_FK}
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Where each account is signed in (version 4): one row per session, id = the session JWT's jti
-- (kept across refreshes). Written at the session's first read, last_seen_at at most once a
-- minute; ended_at set when the owner signs that one device out (refused on every node from its
-- next request). method is how it signed in, device a short label from the User-Agent. Times are
-- epoch MILLISECONDS. Rows of sessions past their lifetime are deleted now and then.
CREATE TABLE IF NOT EXISTS user_session (
    id           VARCHAR(36)     NOT NULL,
    user_id      ${USER_ID_TYPE} NOT NULL,
    signed_in_at BIGINT          NOT NULL,
    last_seen_at BIGINT          NOT NULL,
    method       VARCHAR(16)     NOT NULL,
    ip_address   VARCHAR(45)     NOT NULL,
    device       VARCHAR(100)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    ended_at     BIGINT          DEFAULT NULL,
    PRIMARY KEY (id),
    KEY user_session_user (user_id, signed_in_at)${USER_FK}
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Accounts an operator or admin locked (version 4): every sign-in method and every API key of the
-- account is refused until unlocked. locked_at is epoch MILLISECONDS; locked_by says who ("operator",
-- "admin 7").
CREATE TABLE IF NOT EXISTS account_lock (
    user_id   ${USER_ID_TYPE} NOT NULL,
    locked_at BIGINT          NOT NULL,
    locked_by VARCHAR(32)     NOT NULL,
    PRIMARY KEY (user_id)${USER_FK}
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- What user_passkeys has no column for (version 5), per passkey: aaguid, the authenticator model
-- reported at registration (16 bytes; no row or NULL: unknown). When user_passkeys is in the Next.js
-- app's shape (no user_handle column, DATETIME times; see NextjsTables), this server keeps that table
-- readable by the Next.js app and puts here, per passkey it registered or used, also
-- the WebAuthn user handle and the BE / BS flags; sign_count the counter when it passed what that app's
-- INT column holds (2^31 - 1, where that column then stays). passkey_id and credential_id (as stored there) name
-- the row; a row whose passkey is gone is ignored (no foreign key: that table's engine is not ours).
CREATE TABLE IF NOT EXISTS auth_passkey_detail (
    passkey_id      BIGINT UNSIGNED NOT NULL,
    credential_id   VARBINARY(1023) NOT NULL,
    user_handle     VARBINARY(64)   DEFAULT NULL,
    backup_eligible TINYINT(1)      NOT NULL DEFAULT 0,
    backup_state    TINYINT(1)      NOT NULL DEFAULT 0,
    sign_count      BIGINT UNSIGNED DEFAULT NULL,
    aaguid          BINARY(16)      DEFAULT NULL,
    PRIMARY KEY (passkey_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

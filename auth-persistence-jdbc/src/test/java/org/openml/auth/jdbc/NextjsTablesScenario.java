package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.CredentialId;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.Passkey;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.port.out.OneTimeTokenStore.StoredToken;

/**
 * The stores on the tables OpenML's Next.js app left ({@link NextjsFixture}), on each database:
 * its pending links work once and leave no plaintext behind, and what this server writes into the
 * shared {@code user_passkeys} is what that app reads.
 */
abstract class NextjsTablesScenario {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final String TOKEN = "a1".repeat(32);
    static final String OTHER_TOKEN = "b2".repeat(32);

    /** Stores on a database that holds the Next.js app's tables and no account. */
    abstract JdbcStores stores();

    abstract int update(String sql, Object... args);

    abstract List<Map<String, Object>> rows(String sql, Object... args);

    /** A time as the Next.js app writes it into a DATETIME column of this database. */
    abstract Object nextjsTime(Instant at);

    private UserId newUser(JdbcStores stores, int n) {
        return Users.create(stores.users(), Users.numbered(n)).id();
    }

    private static OneTimeToken.TokenHash hash(String token) {
        return new OneTimeToken(token).hash();
    }

    @Test
    void aConfirmationLinkTheNextJsAppMailedWorksOnceAndLeavesNoPlaintext() {
        JdbcStores stores = stores();
        UserId user = newUser(stores, 1);
        update("INSERT INTO email_confirmation_token (user_id, token, expires_at) VALUES (?, ?, ?)", user.value(), TOKEN,
                nextjsTime(NOW.plus(Duration.ofHours(20))));

        StoredToken found = stores.confirmationTokens().find(hash(TOKEN)).orElseThrow();
        assertThat(found.userId()).isEqualTo(user);
        assertThat(found.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(20)));
        assertThat(stores.confirmationTokens().markUsed(hash(TOKEN), NOW)).isTrue();

        assertThat(stores.confirmationTokens().markUsed(hash(TOKEN), NOW)).as("a second use").isFalse();
        assertThat(stores.confirmationTokens().find(hash(TOKEN))).isEmpty();
        assertThat(rows("SELECT * FROM email_confirmation_token")).isEmpty();
    }

    @Test
    void linksTheNextJsAppMailsAfterThisServerLookedAreFoundToo() {
        JdbcStores stores = stores();
        UserId user = newUser(stores, 1);
        update("INSERT INTO email_confirmation_token (user_id, token, expires_at) VALUES (?, ?, ?)", user.value(), OTHER_TOKEN,
                nextjsTime(NOW.plus(Duration.ofHours(20))));
        assertThat(stores.confirmationTokens().find(hash(TOKEN))).as("not mailed yet").isEmpty();

        // Both apps run on one database during a cut-over: the Next.js app keeps mailing links.
        update("INSERT INTO email_confirmation_token (user_id, token, expires_at) VALUES (?, ?, ?)", user.value(), TOKEN,
                nextjsTime(NOW.plus(Duration.ofHours(20))));

        assertThat(stores.confirmationTokens().find(hash(TOKEN))).isPresent();
        update("DELETE FROM email_confirmation_token WHERE token = ?", OTHER_TOKEN); // the Next.js app redeemed it itself
        assertThat(stores.confirmationTokens().find(hash(OTHER_TOKEN))).isEmpty();
        assertThat(stores.confirmationTokens().markUsed(hash(OTHER_TOKEN), NOW)).isFalse();
    }

    @Test
    void aResetLinkTheNextJsAppMailedWorksOnceThenSaysUsed() {
        JdbcStores stores = stores();
        UserId user = newUser(stores, 1);
        update("INSERT INTO password_reset_token (user_id, token, expires_at, used) VALUES (?, ?, ?, 0)", user.value(), TOKEN,
                nextjsTime(NOW.plus(Duration.ofMinutes(40))));

        assertThat(stores.resetTokens().find(hash(TOKEN))).hasValueSatisfying(t -> assertThat(t.used()).isFalse());
        assertThat(stores.resetTokens().markUsed(hash(TOKEN), NOW)).isTrue();

        assertThat(stores.resetTokens().markUsed(hash(TOKEN), NOW)).isFalse();
        assertThat(stores.resetTokens().find(hash(TOKEN))).hasValueSatisfying(t -> assertThat(t.used()).isTrue());
        assertThat(rows("SELECT * FROM password_reset_token")).as("no plaintext token stays").isEmpty();
        assertThat(rows("SELECT token FROM auth_password_reset_token")).containsExactly(Map.of("token", hash(TOKEN).hex()));
    }

    @Test
    void linksTheNextJsAppMarkedUsedOrThatExpiredAreNotHonoured() {
        JdbcStores stores = stores();
        UserId user = newUser(stores, 1);
        update("INSERT INTO password_reset_token (user_id, token, expires_at, used) VALUES (?, ?, ?, 1)", user.value(), TOKEN,
                nextjsTime(NOW.plus(Duration.ofMinutes(40))));
        update("INSERT INTO email_confirmation_token (user_id, token, expires_at) VALUES (?, ?, ?)", user.value(), OTHER_TOKEN,
                nextjsTime(NOW.minus(Duration.ofHours(1))));

        assertThat(stores.resetTokens().find(hash(TOKEN))).hasValueSatisfying(t -> assertThat(t.used()).isTrue());
        assertThat(stores.resetTokens().markUsed(hash(TOKEN), NOW)).isFalse();
        assertThat(stores.confirmationTokens().find(hash(OTHER_TOKEN)))
                .hasValueSatisfying(t -> assertThat(t.expiresAt()).isBefore(NOW));
    }

    @Test
    void aNewLinkVoidsTheOnesTheNextJsAppMailedToThatUser() {
        JdbcStores stores = stores();
        UserId user = newUser(stores, 1);
        UserId other = newUser(stores, 2);
        update("INSERT INTO password_reset_token (user_id, token, expires_at) VALUES (?, ?, ?)", user.value(), TOKEN,
                nextjsTime(NOW.plus(Duration.ofMinutes(40))));
        update("INSERT INTO password_reset_token (user_id, token, expires_at) VALUES (?, ?, ?)", other.value(), OTHER_TOKEN,
                nextjsTime(NOW.plus(Duration.ofMinutes(40))));

        stores.resetTokens().issue(user, hash("c3".repeat(32)), NOW, NOW.plus(Duration.ofHours(1)));

        assertThat(stores.resetTokens().find(hash(TOKEN))).isEmpty();
        assertThat(stores.resetTokens().find(hash(OTHER_TOKEN))).as("another user's link").isPresent();
        assertThat(stores.resetTokens().find(hash("c3".repeat(32)))).isPresent();
    }

    @Test
    void takingTheLinksOverHashesThePendingOnesAndRemovesEveryPlaintextRow() {
        JdbcStores stores = stores();
        UserId user = newUser(stores, 1);
        UserId other = newUser(stores, 2);
        update("INSERT INTO email_confirmation_token (user_id, token, expires_at) VALUES (?, ?, ?)", user.value(), TOKEN,
                nextjsTime(NOW.plus(Duration.ofHours(20))));
        update("INSERT INTO email_confirmation_token (user_id, token, expires_at) VALUES (?, ?, ?)", other.value(), OTHER_TOKEN,
                nextjsTime(NOW.minus(Duration.ofHours(20))));
        update("INSERT INTO password_reset_token (user_id, token, expires_at) VALUES (?, ?, ?)", other.value(), "d4".repeat(32),
                nextjsTime(NOW.plus(Duration.ofMinutes(30))));

        List<String> done = stores.takeOverNextjsLinks();

        assertThat(done).anyMatch(l -> l.startsWith("took over 1 pending confirmation and 1 pending reset link(s)"))
                .anyMatch(l -> l.startsWith("removed 3 plaintext row(s)"));
        assertThat(rows("SELECT * FROM email_confirmation_token")).isEmpty();
        assertThat(rows("SELECT * FROM password_reset_token")).isEmpty();
        assertThat(stores.confirmationTokens().find(hash(TOKEN))).hasValueSatisfying(t -> {
            assertThat(t.userId()).isEqualTo(user);
            assertThat(t.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(20)));
        });
        assertThat(stores.confirmationTokens().find(hash(OTHER_TOKEN))).isEmpty();
        assertThat(stores.resetTokens().markUsed(hash("d4".repeat(32)), NOW)).isTrue();
        assertThat(stores.takeOverNextjsLinks()).anyMatch(l -> l.startsWith("took over 0 pending confirmation"));
    }

    @Test
    void passkeysThisServerAddsAreWrittenAsTheNextJsAppReadsThem() {
        JdbcStores stores = stores();
        UserId user = newUser(stores, 1);
        byte[] raw = {(byte) 0xFB, 0x00, 0x7F, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte) 0x80, (byte) 0x90, 1, 2, 3, 4};
        byte[] handle = {9, 8, 7, 6, 5, 4, 3, 2};
        Passkey.New p = new Passkey.New(user, CredentialId.of(raw), new byte[] {1, 2, 3}, handle, 5, List.of("internal"), "Laptop",
                NOW, true, true, java.util.Optional.of(java.util.UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4")));

        Passkey added = ((org.openml.auth.core.port.out.PasskeyStore.AddResult.Added) stores.passkeys().add(p)).passkey();

        Map<String, Object> row = rows("SELECT * FROM user_passkeys").get(0);
        assertThat((byte[]) row.get("credential_id")).as("the base64url text, as the Next.js app looks it up")
                .isEqualTo(CredentialId.of(raw).base64Url().getBytes(StandardCharsets.US_ASCII));
        assertThat(LegacyTimes.parse(row.get("created_at"))).contains(NOW);
        assertThat(row.keySet()).containsExactlyInAnyOrder("id", "user_id", "credential_id", "public_key", "sign_count",
                "transports", "device_name", "created_at", "last_used_at");
        assertThat(added.userHandle()).isEqualTo(handle);
        assertThat(added.backupEligible()).isTrue();
        assertThat(added.createdAt()).isEqualTo(NOW);
        assertThat(added.aaguid()).contains(java.util.UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"));
        assertThat(stores.passkeys().findByCredentialId(CredentialId.of(raw))).contains(added);

        assertThat(stores.passkeys().recordUse(added.id(), 5, 6, false, NOW.plusSeconds(60))).isTrue();
        Passkey used = stores.passkeys().findByCredentialId(CredentialId.of(raw)).orElseThrow();
        assertThat(used.signCount()).isEqualTo(6);
        assertThat(used.backupState()).isFalse();
        assertThat(used.lastUsedAt()).contains(NOW.plusSeconds(60));
        assertThat(stores.passkeys().remove(user, added.id())).isTrue();
        assertThat(rows("SELECT * FROM " + NextjsTables.PASSKEY_DETAIL)).isEmpty();
    }

    @Test
    void aPasskeyTheNextJsAppRegisteredKeepsItsCounterAndGetsItsBackupStateHere() {
        JdbcStores stores = stores();
        UserId user = newUser(stores, 1);
        byte[] raw = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        update("INSERT INTO user_passkeys (user_id, credential_id, public_key, sign_count, transports, device_name, created_at)"
                + " VALUES (?, ?, ?, 41, 'internal,hybrid', 'Primary Device', ?)", user.value(),
                CredentialId.of(raw).base64Url().getBytes(StandardCharsets.US_ASCII), new byte[] {1}, nextjsTime(NOW));

        Passkey found = stores.passkeys().findByCredentialId(CredentialId.of(raw)).orElseThrow();
        assertThat(found.userHandle()).isEqualTo(Long.toString(user.value()).getBytes(StandardCharsets.UTF_8));
        assertThat(found.signCount()).isEqualTo(41);
        assertThat(found.createdAt()).isEqualTo(NOW);
        assertThat(stores.passkeys().recordUse(found.id(), 41, 42, true, NOW)).isTrue();

        Passkey after = stores.passkeys().findByCredentialId(CredentialId.of(raw)).orElseThrow();
        assertThat(after.signCount()).isEqualTo(42);
        assertThat(after.backupState()).isTrue();
        assertThat(after.userHandle()).isEqualTo(found.userHandle());
        assertThat(rows("SELECT sign_count FROM user_passkeys").get(0).get("sign_count")).isEqualTo(42);
    }

    @Test
    void startUpSaysWhatItAdopted() {
        JdbcStores stores = stores();
        UserId user = newUser(stores, 1);
        update("INSERT INTO user_passkeys (user_id, credential_id, public_key) VALUES (?, ?, ?)", user.value(),
                "AQIDBAUGBwgJCgsMDQ4PEA".getBytes(StandardCharsets.US_ASCII), new byte[] {1});
        update("INSERT INTO email_confirmation_token (user_id, token, expires_at) VALUES (?, ?, ?)", user.value(), TOKEN,
                nextjsTime(NOW.plus(Duration.ofHours(20))));
        stores.close();

        JdbcStores again = reopen();
        assertThat(again.schemaReport().orElseThrow().findings())
                .anyMatch(f -> f.startsWith("user_passkeys is the Next.js app's: 1 passkey used in place"))
                .anyMatch(f -> f.startsWith("the Next.js app's token tables: 1 confirmation and 0 reset links pending"));
    }

    /** New stores on the same database (the previous ones are closed). */
    abstract JdbcStores reopen();
}

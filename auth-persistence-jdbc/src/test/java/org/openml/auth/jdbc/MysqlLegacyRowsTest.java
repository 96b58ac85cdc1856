package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.NewUser;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.OneTimeToken.TokenHash;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.domain.Username;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.InvalidInputException;

/** The rows as OpenML's PHP site and Flask server see them, on the real legacy (latin1) schema. */
class MysqlLegacyRowsTest {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();
    private ScratchMysqlDatabase db;
    private JdbcStores stores;

    @BeforeEach
    void open() {
        db = mysql.db();
        stores = mysql.freshStores();
    }

    private static NewUser named(String first, String last, String email) {
        NewUser user = Users.numbered(1);
        return new NewUser(user.username(), new Email(email), first, last, user.passwordHash(), false, user.apiKey(),
                user.ipAddress(), user.createdAt());
    }

    @Test
    void newRowHoldsThePlaceholdersOpenMlsNextJsAppWrites() {
        User user = Users.create(stores.users(), Users.numbered(7));

        Map<String, Object> row = db.row("SELECT *, UNIX_TIMESTAMP(session_hash_date) AS key_date FROM users WHERE id = ?",
                user.id().value());

        assertThat(row).contains(
                entry("ip_address", "192.0.2.1"),
                entry("username", "user7"),
                entry("email", "User7@Example.org"),
                entry("password", Users.HASH.encoded()),
                entry("first_name", "First7"),
                entry("last_name", "Last7"),
                entry("company", "0000"),
                entry("phone", "0000"),
                entry("country", "0000"),
                entry("image", "0000"),
                entry("bio", "No Bio"),
                entry("core", "false"),
                entry("external_source", "0000"),
                entry("external_id", "0000"),
                entry("forgotten_password_code", "0000"),
                entry("remember_code", "0000"),
                entry("session_hash", user.apiKey().orElseThrow().value()),
                entry("gamification_visibility", "show"));
        assertThat(((Number) row.get("created_on")).longValue()).as("unix seconds").isEqualTo(Users.CREATED_AT.getEpochSecond());
        assertThat(((Number) row.get("last_login")).longValue()).isZero();
        assertThat(((Number) row.get("active")).intValue()).isZero();
        assertThat(((Number) row.get("key_date")).longValue()).as("session_hash_date, whatever the server's zone")
                .isEqualTo(Users.CREATED_AT.getEpochSecond());
        // NULL where the legacy column is an integer, or UNIQUE (a shared "0000" would collide), or a secret.
        assertThat(row).containsEntry("forgotten_password_time", null)
                .containsEntry("activation_selector", null)
                .containsEntry("forgotten_password_selector", null)
                .containsEntry("remember_selector", null)
                .containsEntry("activation_code", null);
    }

    @Test
    void manyNewRowsCoexistDespiteTheUniqueSelectorColumns() {
        for (int n = 1; n <= 5; n++) Users.create(stores.users(), Users.numbered(n));

        assertThat(db.count("SELECT COUNT(*) FROM users WHERE activation_selector IS NULL")).isEqualTo(5);
    }

    @Test
    void membershipIdsComeFromAutoIncrementNotFromMaxPlusOne() {
        // A legacy row with a high id, then a gap: MAX(id)+1 would be 501, AUTO_INCREMENT gives 1001.
        db.update("INSERT INTO users_groups (id, user_id, group_id) VALUES (1000, 99999, 3)");
        db.update("DELETE FROM users_groups WHERE id = 1000");
        db.update("INSERT INTO users_groups (id, user_id, group_id) VALUES (500, 99998, 3)");

        User user = Users.create(stores.users(), Users.numbered(1));

        Map<String, Object> membership = db.row("SELECT id, group_id FROM users_groups WHERE user_id = ?", user.id().value());
        assertThat(((Number) membership.get("group_id")).intValue()).isEqualTo(2);
        assertThat(((Number) membership.get("id")).longValue()).isEqualTo(1001);
    }

    @Test
    void westernEuropeanNamesSurviveTheLatin1Columns() {
        User user = Users.create(stores.users(), named("Zoë", "Ångström-Müller", "zoë.françois@example.org"));

        assertThat(stores.users().findById(user.id()).orElseThrow().firstName()).isEqualTo("Zoë");
        assertThat(stores.users().findByEmail(new Email("ZOË.FRANÇOIS@example.org"))).map(User::lastName)
                .contains("Ångström-Müller");
        // Stored as latin1 bytes (ë = EB), as the PHP site reads them; not as UTF-8 pairs or '?'.
        assertThat(db.row("SELECT HEX(first_name) AS hex FROM users WHERE id = ?", user.id().value()))
                .containsEntry("hex", "5A6FEB");
    }

    @Test
    void namesOutsideLatin1AreRefusedWithAClearCodeAndNothingIsWritten() {
        for (NewUser refused : new NewUser[] {named("李", "Lovelace", "li@example.org"),
                named("Ada", "Łukasiewicz", "ada@example.org"), named("Ada", "Lovelace", "用户@例子.广告"),
                named("Ada 🙂", "Lovelace", "smile@example.org")}) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> stores.users().create(refused));
            assertThat(e).as(refused.firstName() + " " + refused.lastName()).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_CHARACTERS);
        }
        assertThat(db.count("SELECT COUNT(*) FROM users")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM users_groups")).isZero();
    }

    @Test
    void lookingUpAddressesOrCodesOutsideLatin1FindsNobodyInsteadOfFailing() {
        Users.create(stores.users(), Users.numbered(1));

        assertThat(stores.users().findByEmail(new Email("用户@例子.广告"))).isEmpty();
        assertThat(stores.users().activateByLegacyActivationCode("码码码码码码码码码码码码码码码码码码")).isEmpty();
    }

    @Test
    void legacyActivationClearsCodeAndSelector() {
        User user = Users.create(stores.users(), Users.numbered(1));
        db.update("UPDATE users SET activation_code = ?, activation_selector = ? WHERE id = ?",
                "0123456789abcdef0123", "sel-1", user.id().value());

        assertThat(stores.users().activateByLegacyActivationCode("0123456789abcdef0123")).contains(user.id());

        assertThat(db.row("SELECT active, activation_code, activation_selector FROM users WHERE id = ?", user.id().value()))
                .containsEntry("activation_code", null).containsEntry("activation_selector", null);
    }

    @Test
    void signInIsRecordedInUnixSeconds() {
        User user = Users.create(stores.users(), Users.numbered(1));

        stores.users().recordSignIn(user.id(), Instant.parse("2025-01-02T03:04:05.678Z"));

        assertThat(((Number) db.row("SELECT last_login FROM users WHERE id = ?", user.id().value()).get("last_login"))
                .longValue()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z").getEpochSecond());
    }

    @Test
    void tokensAreStoredAsHashesWithEpochMilliseconds() {
        User user = Users.create(stores.users(), Users.numbered(1));
        OneTimeToken token = new OneTimeToken("c".repeat(64));
        TokenHash hash = token.hash();
        Instant created = Instant.parse("2025-03-04T05:06:07.891Z");

        stores.resetTokens().issue(user.id(), hash, created, created.plusSeconds(3600));
        stores.resetTokens().markUsed(hash, created.plusMillis(1500));
        stores.confirmationTokens().issue(user.id(), hash, created, created.plusSeconds(60));

        Map<String, Object> reset = db.row("SELECT * FROM password_reset_token");
        assertThat(reset).containsEntry("token", hash.hex());
        assertThat(((Number) reset.get("created_at")).longValue()).isEqualTo(created.toEpochMilli());
        assertThat(((Number) reset.get("used_at")).longValue()).isEqualTo(created.plusMillis(1500).toEpochMilli());
        assertThat(reset.values()).doesNotContain(token.value());
        assertThat(((Number) db.row("SELECT expires_at FROM email_confirmation_token").get("expires_at")).longValue())
                .isEqualTo(created.plusSeconds(60).toEpochMilli());
    }

    @Test
    void rowsWrittenByTheLegacySiteAreRead() {
        db.update("""
                INSERT INTO users (ip_address, username, password, email, created_on, active, company, country, bio,
                    session_hash, image)
                VALUES ('10.0.0.1', 'admin@openml.org', '5f4dcc3b5aa765d61d8327deb882cf99', 'admin@openml.org',
                    1300000000, 1, '', '', '', 'ad000000000000000000000000000000', '0000')""");

        User user = stores.users().findByUsername(new Username("ADMIN@openml.org")).orElseThrow();

        assertThat(user.apiKey()).contains(new ApiKey("ad000000000000000000000000000000"));
        assertThat(user.image()).isEmpty();
        assertThat(user.firstName()).isEmpty();
        assertThat(user.active()).isTrue();
        assertThat(stores.users().findById(new UserId(user.id().value()))).contains(user);
    }
}

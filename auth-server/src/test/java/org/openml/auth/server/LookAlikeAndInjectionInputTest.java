package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * SQL metacharacters and Unicode look-alikes in emails, usernames and names, through register,
 * sign-in, check-email and forgot-password of the running server. Nothing may fail with 5xx,
 * nothing may be half written (every account has exactly its one group row), a look-alike of an
 * address is either refused or a separate account, and no look-alike ever signs in to, or gets a
 * reset mail for, someone else's account.
 */
class LookAlikeAndInjectionInputTest {
    static final String ADA = "ada@example.org";
    static final String OTHER_PASSWORD = "a different passphrase";

    @RegisterExtension
    static final AttackTarget.PerClass target = new AttackTarget.PerClass(ADA);

    static final List<String> LOOK_ALIKES = List.of(
            "ａｄａ@example.org", // fullwidth
            "аda@example.org", // Cyrillic а (U+0430)
            "adа@example.org", // Cyrillic а at the end
            "ada@ехample.org", // Cyrillic е and х in the domain
            "ada\u0301@example.org", // combining acute accent
            "\u202Eada@example.org", // right-to-left override
            "ada@example.org\u202C", // pop directional formatting
            "a\u200Bda@example.org", // zero-width space
            "ada\uFEFF@example.org", // byte order mark
            "ADA@EXAMPLE.ORG", // plain case: the same account
            "ada@example.org.", // trailing dot in the domain
            "ada@EXAMPLE.org",
            "ǎda@example.org",
            "ada@example\u3002org"); // ideographic full stop

    static final List<String> SQL_LOGINS = List.of(
            "' OR '1'='1", "' OR 1=1 --", "ada' --", "ada'/*", "\" OR \"\"=\"", "%", "_%", "%@example.org", "_da@example.org",
            "ada@example.org' OR 'x'='x", "admin'--", "1; DROP TABLE users", "ada\\", "ada@example.org\u0000");

    @Test
    void sqlMetacharactersInLoginsSignInNobody() throws Exception {
        long users = target.get().count("SELECT COUNT(*) FROM users");
        List<String> failures = new ArrayList<>();
        for (String login : SQL_LOGINS) {
            Response r = target.get().browser().signIn(login, AttackTarget.PASSWORD);
            if (r.status() != 401 && r.status() != 400) failures.add(login + " -> " + r.status() + " " + r.body());
            Response exists = target.get().browser().get("/api/auth/check-email?email=" + URLEncoder.encode(login, StandardCharsets.UTF_8));
            if (exists.status() >= 500 || (exists.status() == 200 && Boolean.TRUE.equals(exists.json().get("exists")))) {
                failures.add("check-email " + login + " -> " + exists.status() + " " + exists.body());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(target.get().count("SELECT COUNT(*) FROM users")).isEqualTo(users);
    }

    @Test
    void sqlMetacharactersInNewAccountsAreStoredExactly() throws Exception {
        String email = "o'brien+x--%_*@example.org";
        Response r = target.get().browser().postJson("/api/auth/register", Map.of("firstName", "Robert'); DROP TABLE users;--",
                "lastName", "O'Brien \\ %_", "email", email, "password", OTHER_PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String token = org.openml.auth.testkit.RecordingMailer.tokenOf(target.get().mailer.lastTo(email, Mail.Confirmation.class).orElseThrow().link());
        assertThat(target.get().browser().get("/api/auth/confirm-email?token=" + token).status()).isEqualTo(200);

        AuthHttpClient browser = target.get().browser();
        assertThat(browser.signIn(email, OTHER_PASSWORD).status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) browser.get("/api/auth/session").json().get("user");
        assertThat(user).containsEntry("email", email).containsEntry("firstName", "Robert'); DROP TABLE users;--")
                .containsEntry("lastName", "O'Brien \\ %_");
        assertThat(target.get().browser().get("/api/auth/check-email?email=" + URLEncoder.encode("o%", StandardCharsets.UTF_8)).json())
                .containsEntry("exists", false);
        assertNothingHalfWritten();
    }

    @Test
    void lookAlikeEmailsAreRefusedOrSeparateAccountsAndNeverReachAda() throws Exception {
        String adaBefore = adaRow();
        assertThat(adaBefore).contains("|ada@example.org|");
        List<String> failures = new ArrayList<>();
        for (String lookAlike : LOOK_ALIKES) {
            // Before anyone registered it: Ada's password does not open Ada's account through it, unless it is Ada's address.
            boolean sameAddress = lookAlike.equalsIgnoreCase(ADA);
            Response signIn = target.get().browser().signIn(lookAlike, AttackTarget.PASSWORD);
            if (signIn.status() != (sameAddress ? 200 : 401)) failures.add("sign-in " + lookAlike + " -> " + signIn.status());

            target.get().mailer.clear();
            Response forgot = target.get().browser().postJson("/api/auth/forgot-password", Map.of("email", lookAlike));
            if (forgot.status() >= 500) failures.add("forgot " + lookAlike + " -> " + forgot.status());
            for (Mail mail : target.get().mailer.sent()) {
                if (!mail.to().value().equals(ADA)) failures.add("forgot " + lookAlike + " mailed " + mail.to().value());
            }

            Response register = target.get().browser().postJson("/api/auth/register", Map.of("firstName", "Eve", "lastName", "Mallory",
                    "email", lookAlike, "password", OTHER_PASSWORD));
            if (register.status() == 201) {
                if (sameAddress) failures.add(lookAlike + " registered a second account for Ada's address");
                Response asAda = target.get().browser().signIn(lookAlike, AttackTarget.PASSWORD);
                if (asAda.status() != 401) failures.add(lookAlike + " with Ada's password -> " + asAda.status());
                Response adaWithEves = target.get().browser().signIn(ADA, OTHER_PASSWORD);
                if (adaWithEves.status() != 401) failures.add("Ada with the look-alike's password -> " + adaWithEves.status());
                if (!target.get().mailer.sent().stream().allMatch(m -> m.to().value().equals(lookAlike.strip()) || m.to().value().equals(ADA))) {
                    failures.add(lookAlike + ": mail to " + target.get().mailer.sent());
                }
            } else if (register.status() != 400) {
                failures.add("register " + lookAlike + " -> " + register.status() + " " + register.body());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(adaRow()).as("Ada's account untouched").isEqualTo(adaBefore);
        assertThat(target.get().browser().signIn(ADA, AttackTarget.PASSWORD).status()).isEqualTo(200);
        assertThat(target.get().count("SELECT COUNT(*) FROM users WHERE lower(email) = 'ada@example.org'")).isEqualTo(1);
        assertNothingHalfWritten();
    }

    @Test
    void lookAlikeNamesGetTheirOwnUsernames() throws Exception {
        List<String> usernames = new ArrayList<>();
        for (String email : List.of("eve@example.org", "еve@example.org", "ｅve@example.org", "eve\u0301@example.org")) {
            Response r = target.get().browser().postJson("/api/auth/register", Map.of("firstName", "Eve", "lastName", "M",
                    "email", email, "password", OTHER_PASSWORD));
            assertThat(r.status()).as(email + ": " + r.body()).isIn(201, 400);
            if (r.status() == 201) usernames.add((String) r.json().get("username"));
        }
        assertThat(usernames).doesNotHaveDuplicates().allMatch(u -> u.matches("[A-Za-z0-9._-]+"), "plain ASCII usernames");
        assertNothingHalfWritten();
    }

    /** What an attacker would want to change about Ada (her sign-in time may change: she signs in). */
    static String adaRow() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + target.get().database);
                var st = c.prepareStatement("SELECT id, username, email, password, active, session_hash, first_name, last_name"
                        + " FROM users WHERE email = ?")) {
            st.setString(1, ADA);
            try (var rs = st.executeQuery()) {
                StringBuilder row = new StringBuilder();
                while (rs.next()) for (int i = 1; i <= 8; i++) row.append(rs.getString(i)).append('|');
                return row.toString();
            }
        }
    }

    static void assertNothingHalfWritten() throws Exception {
        assertThat(target.get().count("SELECT COUNT(*) FROM users u WHERE (SELECT COUNT(*) FROM users_groups g WHERE g.user_id = u.id) <> 1"))
                .as("every account has exactly one group").isZero();
        assertThat(target.get().count("SELECT COUNT(*) FROM users WHERE email LIKE '%?%' OR first_name LIKE '%?%'"))
                .as("no text mangled on the way in").isZero();
    }
}

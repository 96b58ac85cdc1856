package org.openml.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.net.URI;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;

class MailTemplatesTest {

    private static final Pattern ANY_URL = Pattern.compile("https?://", Pattern.CASE_INSENSITIVE);

    /**
     * Java 17 cannot switch exhaustively over a sealed interface, so this stands in for the
     * compiler: every kind of mail the core can ask for has a template.
     */
    @Test
    void everyKindOfMailIsRendered() throws Exception {
        Class<?>[] kinds = Mail.class.getPermittedSubclasses();
        assertThat(kinds).isNotEmpty();
        for (Class<?> kind : kinds) {
            Mail mail;
            if (kind == Mail.SecurityNotice.class) {
                mail = new Mail.SecurityNotice(TestMails.JANE, "Jane", TestMails.CONFIRM_LINK,
                        Mail.SecurityNotice.Change.PASSKEY_ADDED, TestMails.AT, "203.0.113.9", java.util.Optional.empty(),
                        TestMails.FORGOT_LINK);
            } else {
                Constructor<?> constructor = kind.getDeclaredConstructor(Email.class, String.class, URI.class);
                mail = (Mail) constructor.newInstance(TestMails.JANE, "Jane", TestMails.CONFIRM_LINK);
            }

            MailTemplates.Rendered rendered = MailTemplates.render(mail);

            assertThat(rendered.subject()).as(kind.getSimpleName()).isNotBlank();
            assertThat(rendered.text()).as(kind.getSimpleName()).contains(TestMails.CONFIRM_LINK.toString());
            assertThat(rendered.html()).as(kind.getSimpleName()).contains(TestMails.CONFIRM_LINK.toString());
            assertThat(MailTemplates.kind(mail)).isNotEqualTo(kind.getSimpleName());
        }
    }

    /** Issue 16: a reset leaves passkeys and the API key an intruder may hold; the notice says so and lists them. */
    @Test
    void thePasswordChangedNoticeListsThePasskeysAndSaysHowToRemoveThemAndRegenerateTheKey() {
        Mail.SecurityNotice notice = new Mail.SecurityNotice(TestMails.JANE, "Jane", TestMails.ACCOUNT_LINK,
                Mail.SecurityNotice.Change.PASSWORD_CHANGED, TestMails.AT, "203.0.113.9", java.util.Optional.empty(),
                TestMails.FORGOT_LINK, java.util.List.of("Primary Device", "<b>Evil</b> key"));
        MailTemplates.Rendered r = MailTemplates.render(notice);
        for (String body : new String[] {r.text(), r.html()}) {
            assertThat(body).contains("Primary Device").contains("remove it on your account page")
                    .contains("regenerate your API key").contains(TestMails.ACCOUNT_LINK.toString());
        }
        assertThat(r.html()).doesNotContain("<b>Evil</b>").contains("&lt;b&gt;Evil&lt;/b&gt;");
        MailTemplates.Rendered none = MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.PASSWORD_CHANGED, null));
        assertThat(none.text()).contains("Your account has no passkeys.");
    }

    @Test
    void theReclaimNoticeSaysWhatWasRemovedAndThePasskeySignUpMailSaysNotToClickWhenItWasNotYou() {
        MailTemplates.Rendered reclaimed = MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.ACCOUNT_RECLAIMED,
                "GitHub"));
        assertThat(reclaimed.subject()).isEqualTo("We secured your OpenML account");
        assertThat(reclaimed.text()).contains("never proved it").contains("with GitHub").contains("passkeys, password, sessions")
                .contains("replaced the API key");
        MailTemplates.Rendered passkey = MailTemplates.render(new Mail.PasskeySignUpConfirmation(TestMails.JANE, "Jane",
                TestMails.CONFIRM_LINK));
        assertThat(passkey.subject()).isEqualTo("Confirm your email address for OpenML");
        for (String body : new String[] {passkey.text(), passkey.html()}) {
            assertThat(body).contains(TestMails.CONFIRM_LINK.toString()).contains("created with a passkey")
                    .contains("do not open the link");
        }
    }

    @Test
    void confirmationSaysWhatTheLinkIsForAndHowLongItLasts() {
        MailTemplates.Rendered r = MailTemplates.render(TestMails.confirmation());

        assertThat(r.subject()).isEqualTo("Welcome to OpenML!");
        for (String body : new String[] {r.text(), r.html()}) {
            assertThat(body).contains("Hello Jane,").contains("confirm your email address")
                    .contains("24 hours").contains("If you did not create an OpenML account");
        }
        assertThat(r.html()).contains("<a href=\"" + TestMails.CONFIRM_LINK + "\"")
                .contains(">" + TestMails.CONFIRM_LINK + "</a>");
    }

    @Test
    void passwordResetSaysWhatTheLinkIsForAndHowLongItLasts() {
        MailTemplates.Rendered r = MailTemplates.render(TestMails.passwordReset());

        assertThat(r.subject()).isEqualTo("Reset Your OpenML Password");
        for (String body : new String[] {r.text(), r.html()}) {
            assertThat(body).contains("Hello Jane,").contains("reset the password")
                    .contains("1 hour").contains("If you did not ask to reset your password");
        }
        assertThat(r.html()).contains("<a href=\"" + TestMails.RESET_LINK + "\"")
                .contains(">" + TestMails.RESET_LINK + "</a>");
    }

    @Test
    void theLinkIsTheOnlyUrlInEachBody() {
        for (Mail mail : new Mail[] {TestMails.confirmation(), TestMails.passwordReset()}) {
            MailTemplates.Rendered r = MailTemplates.render(mail);
            // Text: once. HTML: button href, visible-link href, visible text.
            assertThat(ANY_URL.matcher(r.text()).results().count()).isEqualTo(1);
            assertThat(ANY_URL.matcher(r.html()).results().count()).isEqualTo(3);
            assertThat(MailLinks.extract(r.text())).isEqualTo(mail.link());
            assertThat(MailLinks.extract(r.html())).isEqualTo(mail.link());
        }
    }

    @Test
    void htmlLoadsNothingFromOutside() {
        String html = MailTemplates.render(TestMails.confirmation()).html();

        assertThat(html).doesNotContain("<img").doesNotContain("<link").doesNotContain("<script")
                .doesNotContain("<style").doesNotContain("url(").doesNotContain("@import").doesNotContain("src=");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"UTF-8\">");
    }

    @Test
    void everythingInterpolatedIntoHtmlIsEscaped() {
        URI link = URI.create("https://www.openml.org/auth/confirm-email?token=abc&x='y'");
        Mail mail = new Mail.Confirmation(TestMails.JANE, "<b onmouseover=\"alert(1)\">Eve</b> & 'co'", link);

        String html = MailTemplates.render(mail).html();

        assertThat(html).doesNotContain("<b ").doesNotContain("onmouseover=\"")
                .contains("&lt;b onmouseover=&quot;alert(1)&quot;&gt;Eve&lt;/b&gt; &amp; &#39;co&#39;")
                .contains("href=\"https://www.openml.org/auth/confirm-email?token=abc&amp;x=&#39;y&#39;\"");
        assertThat(MailLinks.extract(html)).isEqualTo(link);
    }

    @Test
    void aNameCannotAddLinesToTheTextBody() {
        Mail mail = new Mail.Confirmation(TestMails.JANE, "Jane\r\n\r\nPS: ignore the rest\u0000", TestMails.CONFIRM_LINK);

        String text = MailTemplates.render(mail).text();

        assertThat(text).startsWith("Hello Jane PS: ignore the rest,\n\n");
    }

    @Test
    void blankAndOverlongNamesStillGiveAGreeting() {
        assertThat(MailTemplates.render(new Mail.Confirmation(TestMails.JANE, "  ", TestMails.CONFIRM_LINK)).text())
                .startsWith("Hello,\n");
        String longName = "x".repeat(500);
        assertThat(MailTemplates.displayName(longName)).hasSize(101).endsWith("…");
    }

    @Test
    void everySecurityNoticeSaysWhatWhenFromWhereAndWhatToDoIfItWasNotYou() {
        for (Mail.SecurityNotice.Change change : Mail.SecurityNotice.Change.values()) {
            // Nothing left to review, or one link that undoes it: their own tests.
            if (change == Mail.SecurityNotice.Change.ACCOUNT_DELETED || change == Mail.SecurityNotice.Change.EMAIL_CHANGED) continue;
            MailTemplates.Rendered r = MailTemplates.render(TestMails.securityNotice(change, "GitHub"));

            assertThat(r.subject()).as(change.name()).isNotBlank().doesNotContain("\n").doesNotContain("GitHub");
            for (String body : new String[] {r.text(), r.html()}) {
                assertThat(body).as(change.name()).contains("Hello Jane,").contains("2025-06-07 08:09 UTC")
                        .contains("203.0.113.9").contains("If it was not you").contains("sign out everywhere")
                        .contains(TestMails.ACCOUNT_LINK.toString()).contains(TestMails.FORGOT_LINK.toString());
            }
            assertThat(r.text().indexOf(TestMails.ACCOUNT_LINK.toString()))
                    .as("the account page is the first link").isLessThan(r.text().indexOf(TestMails.FORGOT_LINK.toString()));
        }
    }

    @Test
    void securityNoticesNameTheChange() {
        assertThat(MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.PASSWORD_CHANGED, null)).text())
                .contains("password of your OpenML account was changed");
        assertThat(MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.PASSKEY_ADDED, "Laptop")).text())
                .contains("A passkey named \u201cLaptop\u201d was added");
        assertThat(MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.API_KEY_REGENERATED, null)).text())
                .contains("The old key no longer works");
        assertThat(MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.ACCOUNT_LINKED, "Google")).text())
                .contains("linked to a Google account");
        assertThat(MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.PASSWORD_UPDATED, null)))
                .satisfies(r -> assertThat(r.subject()).isEqualTo("Your OpenML password was changed"))
                .satisfies(r -> assertThat(r.text()).contains("changed on its account page").contains("has been signed out"));
        assertThat(MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.PASSWORD_UPDATED, "set")))
                .satisfies(r -> assertThat(r.subject()).isEqualTo("A password was set for your OpenML account"));
        assertThat(MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.ACCOUNT_UNLINKED, "github")).text())
                .contains("no longer linked to the github account");
    }

    @Test
    void theOldAddressLearnsOfAChangeWithTheUndoLink() {
        MailTemplates.Rendered r = MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.EMAIL_CHANGED,
                "n\u2026@example.org"));

        assertThat(r.subject()).isEqualTo("The email address of your OpenML account was changed");
        for (String body : new String[] {r.text(), r.html()}) {
            assertThat(body).contains("Hello Jane,").contains("n\u2026@example.org").contains("2025-06-07 08:09 UTC")
                    .contains("203.0.113.9").contains("undo").contains(TestMails.ACCOUNT_LINK.toString());
        }
    }

    @Test
    void theLastNoticeOfADeletedAccountSaysWhatWentAndOffersNoAccountPage() {
        MailTemplates.Rendered deleted = MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.ACCOUNT_DELETED, null));
        MailTemplates.Rendered anonymised = MailTemplates.render(
                TestMails.securityNotice(Mail.SecurityNotice.Change.ACCOUNT_DELETED, "anonymised"));

        assertThat(deleted.subject()).isEqualTo("Your OpenML account was deleted");
        for (String body : new String[] {deleted.text(), deleted.html()}) {
            assertThat(body).contains("Hello Jane,").contains("2025-06-07 08:09 UTC").contains("203.0.113.9")
                    .contains("was deleted").contains("If it was not you").doesNotContain(TestMails.FORGOT_LINK.toString())
                    .doesNotContain("Review my account");
        }
        assertThat(anonymised.text()).contains("uploads stay").contains("“Deleted user”");
        assertThat(deleted.text()).doesNotContain("uploads stay");
    }

    @Test
    void aPasskeyNameCannotInjectMarkupOrLinesIntoANotice() {
        MailTemplates.Rendered r = MailTemplates.render(TestMails.securityNotice(Mail.SecurityNotice.Change.PASSKEY_ADDED,
                "<img src=x onerror=alert(1)>\r\nhttps://evil.example/reset"));

        assertThat(r.html()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(r.text()).doesNotContain("\r").contains("onerror=alert(1)> https://evil.example/reset");
        assertThat(r.text().lines().filter(l -> l.startsWith("https://evil"))).as("no line of its own").isEmpty();
    }
}

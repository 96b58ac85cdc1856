package org.openml.auth.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import org.openml.auth.core.domain.Mail;

/**
 * Renders each {@link Mail} into a subject, a plain-text body and an HTML body, both bodies with
 * the full link. Everything interpolated into HTML is escaped; the HTML uses inline CSS only and
 * loads nothing from outside (no images, no fonts), so it looks the same with remote content
 * blocked.
 *
 * <p>The lifetimes stated in the bodies are OpenML's defaults ({@code AuthPolicy.DEFAULTS}:
 * confirmation 24 hours, reset 1 hour); change them here too if the policy changes.
 *
 * <p>No other URL appears in a body, so "the first link in the message" is always the link. The
 * one exception is the security notice: its link (the account page) comes first, then the page to
 * ask for a password reset, for when the change was not the owner's.
 */
final class MailTemplates {

    static final String CONFIRMATION_SUBJECT = "Welcome to OpenML!";
    static final String PASSWORD_RESET_SUBJECT = "Reset Your OpenML Password";
    static final String PASSWORD_CHANGED_SUBJECT = "Your OpenML password was changed";
    static final String PASSKEY_ADDED_SUBJECT = "A passkey was added to your OpenML account";
    static final String API_KEY_REGENERATED_SUBJECT = "Your OpenML API key was regenerated";
    static final String ACCOUNT_LINKED_SUBJECT = "A sign-in was linked to your OpenML account";
    static final String ACCOUNT_RECLAIMED_SUBJECT = "We secured your OpenML account";
    static final String PASSWORD_UPDATED_SUBJECT = "Your OpenML password was changed";
    static final String PASSWORD_SET_SUBJECT = "A password was set for your OpenML account";
    static final String ACCOUNT_UNLINKED_SUBJECT = "A sign-in was removed from your OpenML account";
    static final String ACCOUNT_DELETED_SUBJECT = "Your OpenML account was deleted";
    static final String EMAIL_CHANGE_SUBJECT = "Confirm your new email address for OpenML";
    static final String EMAIL_CHANGED_SUBJECT = "The email address of your OpenML account was changed";
    static final String PASSKEY_SIGN_UP_SUBJECT = "Confirm your email address for OpenML";
    /** How notices state the time: unambiguous for every reader, whatever their time zone. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final String REGISTRATION_ATTEMPT_SUBJECT = "Someone tried to sign up with your email address";

    /** Names longer than this are cut in the greeting; the core limits names far below it. */
    private static final int MAX_NAME_LENGTH = 100;

    private MailTemplates() {}

    /** A rendered message. */
    record Rendered(String subject, String text, String html) {
        Rendered {
            Objects.requireNonNull(subject);
            Objects.requireNonNull(text);
            Objects.requireNonNull(html);
        }
    }

    /**
     * Renders a message.
     *
     * <p>Java 17 has no pattern matching for {@code switch} (it is a preview there), so the
     * compiler cannot prove this covers every {@link Mail}; {@code MailTemplatesTest} renders
     * every permitted subclass of the sealed interface instead, so a new kind of mail fails the
     * build until it is rendered here.
     */
    static Rendered render(Mail mail) {
        Objects.requireNonNull(mail, "mail");
        if (mail instanceof Mail.Confirmation confirmation) {
            return confirmation(confirmation);
        }
        if (mail instanceof Mail.PasswordReset reset) {
            return passwordReset(reset);
        }
        if (mail instanceof Mail.SecurityNotice notice) {
            return securityNotice(notice);
        }
        if (mail instanceof Mail.RegistrationAttempt attempt) {
            return registrationAttempt(attempt);
        }
        if (mail instanceof Mail.PasskeySignUpConfirmation passkey) {
            return passkeySignUp(passkey);
        }
        if (mail instanceof Mail.EmailChangeConfirmation change) {
            return emailChange(change);
        }
        throw new IllegalArgumentException("no template for " + mail.getClass().getName());
    }

    /** The subject alone, for callers that only log. */
    static String subject(Mail mail) {
        return render(mail).subject();
    }

    /** A short name of the kind of message, for logs and error messages. */
    static String kind(Mail mail) {
        if (mail instanceof Mail.Confirmation) return "confirmation";
        if (mail instanceof Mail.PasswordReset) return "password reset";
        if (mail instanceof Mail.SecurityNotice notice) return "security notice (" + notice.change().name().toLowerCase(Locale.ROOT) + ")";
        if (mail instanceof Mail.RegistrationAttempt) return "registration attempt";
        if (mail instanceof Mail.PasskeySignUpConfirmation) return "passkey sign-up confirmation";
        if (mail instanceof Mail.EmailChangeConfirmation) return "email change confirmation";
        return mail.getClass().getSimpleName();
    }

    private static Rendered confirmation(Mail.Confirmation mail) {
        String name = displayName(mail.recipientName());
        String link = mail.link().toString();
        String text = greeting(name) + "\n\n"
                + "Welcome to OpenML! Please confirm your email address to activate your account by opening this link:\n\n"
                + link + "\n\n"
                + "The link is valid for 24 hours. After that, you will need to ask for a new one.\n\n"
                + "If you did not create an OpenML account, you can ignore this email: "
                + "no account is activated without this confirmation.\n\n"
                + "The OpenML team\n";
        String html = page(CONFIRMATION_SUBJECT,
                paragraph(escape(greeting(name)))
                        + paragraph("Welcome to OpenML! Please confirm your email address to activate your account.")
                        + button(link, "Confirm my email address")
                        + paragraph("The link is valid for <strong>24 hours</strong>. "
                                + "After that, you will need to ask for a new one.")
                        + fallbackLink(link)
                        + small("If you did not create an OpenML account, you can ignore this email: "
                                + "no account is activated without this confirmation."));
        return new Rendered(CONFIRMATION_SUBJECT, text, html);
    }

    private static Rendered emailChange(Mail.EmailChangeConfirmation mail) {
        String name = displayName(mail.recipientName());
        String link = mail.link().toString();
        String notYou = "If you did not ask for this, ignore this email: nothing changes without this link.";
        String text = greeting(name) + "\n\n"
                + "You asked to use this address for your OpenML account. To confirm, open this link:\n\n"
                + link + "\n\n"
                + "The link is valid for 24 hours. Until you open it, your account keeps its current address.\n\n"
                + notYou + "\n\n"
                + "The OpenML team\n";
        String html = page(EMAIL_CHANGE_SUBJECT,
                paragraph(escape(greeting(name)))
                        + paragraph("You asked to use this address for your OpenML account.")
                        + button(link, "Confirm my new address")
                        + paragraph("The link is valid for <strong>24 hours</strong>. Until you open it, your account keeps"
                                + " its current address.")
                        + fallbackLink(link)
                        + small(escape(notYou)));
        return new Rendered(EMAIL_CHANGE_SUBJECT, text, html);
    }

    private static Rendered passkeySignUp(Mail.PasskeySignUpConfirmation mail) {
        String name = displayName(mail.recipientName());
        String link = mail.link().toString();
        String notYou = "If you did not sign up, do not open the link: ignore this email. Nobody can take over this"
                + " address with that sign-up. When you later sign in with GitHub or Google using this address, or"
                + " reset the password, everything that sign-up set up (its passkey, its API key) is removed first.";
        String text = greeting(name) + "\n\n"
                + "An OpenML account was created with a passkey for this email address. If it was you, please confirm"
                + " that the address is yours by opening this link:\n\n"
                + link + "\n\n"
                + "The link is valid for 24 hours. Your passkey works meanwhile; confirming keeps it.\n\n"
                + notYou + "\n\n"
                + "The OpenML team\n";
        String html = page(PASSKEY_SIGN_UP_SUBJECT,
                paragraph(escape(greeting(name)))
                        + paragraph("An OpenML account was created with a passkey for this email address. If it was you,"
                                + " please confirm that the address is yours.")
                        + button(link, "Confirm my email address")
                        + paragraph("The link is valid for <strong>24 hours</strong>. Your passkey works meanwhile;"
                                + " confirming keeps it.")
                        + fallbackLink(link)
                        + small(escape(notYou)));
        return new Rendered(PASSKEY_SIGN_UP_SUBJECT, text, html);
    }

    private static Rendered passwordReset(Mail.PasswordReset mail) {
        String name = displayName(mail.recipientName());
        String link = mail.link().toString();
        String text = greeting(name) + "\n\n"
                + "We received a request to reset the password of your OpenML account. "
                + "To choose a new password, open this link:\n\n"
                + link + "\n\n"
                + "The link is valid for 1 hour and works only once.\n\n"
                + "If you did not ask to reset your password, you can ignore this email: "
                + "your password stays as it is.\n\n"
                + "The OpenML team\n";
        String html = page(PASSWORD_RESET_SUBJECT,
                paragraph(escape(greeting(name)))
                        + paragraph("We received a request to reset the password of your OpenML account.")
                        + button(link, "Choose a new password")
                        + paragraph("The link is valid for <strong>1 hour</strong> and works only once.")
                        + fallbackLink(link)
                        + small("If you did not ask to reset your password, you can ignore this email: "
                                + "your password stays as it is."));
        return new Rendered(PASSWORD_RESET_SUBJECT, text, html);
    }

    private static Rendered securityNotice(Mail.SecurityNotice mail) {
        String name = displayName(mail.recipientName());
        String account = mail.link().toString();
        String reset = mail.passwordResetLink().toString();
        String detail = displayName(mail.detail().orElse(""));
        String subject;
        String what;
        String whatHtml;
        String afterwards;
        switch (mail.change()) {
            case PASSWORD_CHANGED -> {
                subject = PASSWORD_CHANGED_SUBJECT;
                what = "The password of your OpenML account was changed with a password reset link.";
                whatHtml = escape(what);
                String keys = mail.passkeys().isEmpty() ? "Your account has no passkeys."
                        : "These passkeys can still sign in to your account: " + String.join(", ", mail.passkeys().stream()
                                .map(p -> "\u201c" + displayName(p) + "\u201d").toList()) + ".";
                afterwards = "Every session that was signed in before the change has been signed out. Passkeys and your"
                        + " API key keep working after a password change. " + keys + " If you do not know one of them,"
                        + " remove it on your account page, and regenerate your API key there: " + account;
            }
            case ACCOUNT_RECLAIMED -> {
                subject = ACCOUNT_RECLAIMED_SUBJECT;
                String how = detail.isEmpty() ? "" : " (with " + detail + ")";
                what = "Someone had signed up for OpenML with your email address but never proved it was theirs. You have"
                        + " now proved it" + how + ", so we removed everything that sign-up could have set up: its"
                        + " passkeys, password, sessions and GitHub/Google links, and we replaced the API key.";
                whatHtml = escape(what);
                afterwards = "The account is yours now. Add a passkey or set a password on your account page if you"
                        + " want to, and copy the new API key from there.";
            }
            case PASSKEY_ADDED -> {
                subject = PASSKEY_ADDED_SUBJECT;
                what = detail.isEmpty() ? "A passkey was added to your OpenML account."
                        : "A passkey named \u201c" + detail + "\u201d was added to your OpenML account.";
                whatHtml = detail.isEmpty() ? escape(what)
                        : "A passkey named <strong>" + escape(detail) + "</strong> was added to your OpenML account.";
                afterwards = "It can sign in to your account without your password.";
            }
            case API_KEY_REGENERATED -> {
                subject = API_KEY_REGENERATED_SUBJECT;
                what = "The API key of your OpenML account was replaced by a new one. The old key no longer works.";
                whatHtml = escape(what);
                afterwards = "Scripts and clients that used the old key need the new one from your account page.";
            }
            case ACCOUNT_LINKED -> {
                subject = ACCOUNT_LINKED_SUBJECT;
                String provider = detail.isEmpty() ? "another" : "a " + detail;
                what = "Your OpenML account was linked to " + provider + " account. That account can now sign in to yours.";
                whatHtml = detail.isEmpty() ? escape(what) : "Your OpenML account was linked to a <strong>" + escape(detail)
                        + "</strong> account. That account can now sign in to yours.";
                afterwards = "";
            }
            case PASSWORD_UPDATED -> {
                boolean set = detail.equals("set");
                subject = set ? PASSWORD_SET_SUBJECT : PASSWORD_UPDATED_SUBJECT;
                what = set ? "A password was set for your OpenML account on its account page. It can now sign in with"
                        + " your email address or username and that password."
                        : "The password of your OpenML account was changed on its account page.";
                whatHtml = escape(what);
                afterwards = "Every other browser and device that was signed in to your account has been signed out.";
            }
            case ACCOUNT_UNLINKED -> {
                subject = ACCOUNT_UNLINKED_SUBJECT;
                String provider = detail.isEmpty() ? "another" : "the " + detail;
                what = "Your OpenML account is no longer linked to " + provider + " account. That account can no longer sign"
                        + " in to yours.";
                whatHtml = escape(what);
                afterwards = "";
            }
            case ACCOUNT_DELETED -> {
                subject = ACCOUNT_DELETED_SUBJECT;
                what = detail.equals("anonymised")
                        ? "Your OpenML account was deleted. Because you uploaded to OpenML, the uploads stay, under an"
                                + " anonymous \u201cDeleted user\u201d: your name, email address, username, password,"
                                + " passkeys, API key and linked accounts were removed."
                        : "Your OpenML account was deleted, with its password, passkeys, API key and linked accounts.";
                whatHtml = escape(what);
                afterwards = "This is the last mail we send to this address about the account. Nobody can sign in to it"
                        + " any more; you are welcome to sign up again at any time.";
            }
            case EMAIL_CHANGED -> {
                subject = EMAIL_CHANGED_SUBJECT;
                what = "The email address of your OpenML account was changed to " + (detail.isEmpty() ? "another address" : detail)
                        + ". Mails about the account now go there.";
                whatHtml = escape(what);
                afterwards = "";
            }
            default -> throw new IllegalArgumentException("no template for " + mail.change());
        }
        String when = WHEN.format(mail.at());
        String ip = displayName(mail.ipAddress());
        String header = greeting(name) + "\n\n" + what + "\n\n" + "When: " + when + "\n" + "From address: " + ip + "\n\n"
                + (afterwards.isEmpty() ? "" : afterwards + "\n\n");
        String headerHtml = paragraph(escape(greeting(name))) + paragraph(whatHtml)
                + paragraph("<strong>When:</strong> " + escape(when) + "<br><strong>From address:</strong> " + escape(ip))
                + (afterwards.isEmpty() ? "" : paragraph(escape(afterwards)));
        if (mail.change() == Mail.SecurityNotice.Change.EMAIL_CHANGED) {
            // The link undoes the change: the one thing to offer, for a week.
            String undo = "If this was not you, undo it within 7 days with this link: it puts this address back, signs out"
                    + " every device and sends you a link to choose a new password:";
            return new Rendered(subject, header + "If this was you, there is nothing to do.\n\n" + undo + "\n" + account
                    + "\n\nThe OpenML team\n",
                    page(subject, headerHtml + paragraph("If this was you, there is nothing to do.")
                            + paragraph("<strong>If it was not you</strong>, undo it within 7 days: it puts this address back,"
                                    + " signs out every device and sends you a link to choose a new password.")
                            + button(account, "Undo the change") + fallbackLink(account)));
        }
        if (mail.change() == Mail.SecurityNotice.Change.ACCOUNT_DELETED) {
            // Nothing is left to review or reset: say what can still be done.
            String gone = "If it was not you, someone else had access to your account. It cannot be restored, but you can"
                    + " sign up again with this address:";
            return new Rendered(subject, header + gone + "\n" + account + "\n\nThe OpenML team\n",
                    page(subject, headerHtml + paragraph(escape(gone)) + button(account, "Open OpenML sign-in")));
        }
        String text = header
                + "If this was you, there is nothing to do.\n\n"
                + "If it was not you, someone else may have access to your account:\n"
                + "1. Open your account page, remove passkeys you do not know and sign out everywhere:\n"
                + account + "\n"
                + "2. Choose a new password (we mail you a reset link):\n"
                + reset + "\n\n"
                + "The OpenML team\n";
        String html = page(subject,
                headerHtml
                        + paragraph("If this was you, there is nothing to do.")
                        + paragraph("<strong>If it was not you</strong>, someone else may have access to your account. "
                                + "Open your account page, remove passkeys you do not know and sign out everywhere:")
                        + button(account, "Review my account")
                        + paragraph("Then choose a new password (we mail you a reset link):")
                        + button(reset, "Reset my password")
                        + fallbackLinks(account, reset));
        return new Rendered(subject, text, html);
    }

    private static String fallbackLinks(String first, String second) {
        String a = escape(first);
        String b = escape(second);
        return "<p style=\"margin:0 0 16px 0;font-size:14px;line-height:20px;color:#374151;\">"
                + "If the buttons do not work, copy these links into your browser:<br>"
                + "<a href=\"" + a + "\" target=\"_blank\" rel=\"noopener\" style=\"color:#1e6fd9;word-break:break-all;\">" + a
                + "</a><br>"
                + "<a href=\"" + b + "\" target=\"_blank\" rel=\"noopener\" style=\"color:#1e6fd9;word-break:break-all;\">" + b
                + "</a></p>\n";
    }

    private static Rendered registrationAttempt(Mail.RegistrationAttempt mail) {
        String name = displayName(mail.recipientName());
        String link = mail.link().toString();
        String text = greeting(name) + "\n\n"
                + "Someone tried to create a new OpenML account with your email address. You already have an account,"
                + " so nothing was created and nothing about your account changed.\n\n"
                + "If it was you: sign in here instead (use \"Forgot password\" on that page if you do not remember"
                + " your password):\n\n"
                + link + "\n\n"
                + "If it was not you, you can ignore this email: nobody can use your account without your password,"
                + " a passkey or your GitHub/Google sign-in.\n\n"
                + "The OpenML team\n";
        String html = page(REGISTRATION_ATTEMPT_SUBJECT,
                paragraph(escape(greeting(name)))
                        + paragraph("Someone tried to create a new OpenML account with your email address. You already"
                                + " have an account, so nothing was created and nothing about your account changed.")
                        + paragraph("If it was you, sign in instead. If you do not remember your password, use"
                                + " <strong>Forgot password</strong> on the sign-in page.")
                        + button(link, "Sign in")
                        + fallbackLink(link)
                        + small("If it was not you, you can ignore this email: nobody can use your account without"
                                + " your password, a passkey or your GitHub/Google sign-in."));
        return new Rendered(REGISTRATION_ATTEMPT_SUBJECT, text, html);
    }

    private static String greeting(String name) {
        return name.isEmpty() ? "Hello," : "Hello " + name + ",";
    }

    /**
     * The name as it may appear in a greeting: control characters (line breaks included) become
     * spaces so a name cannot add lines to the text body, runs of white space collapse, and very
     * long names are cut.
     */
    static String displayName(String raw) {
        StringBuilder out = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                space = out.length() > 0;
                continue;
            }
            if (space) out.append(' ');
            space = false;
            out.appendCodePoint(cp);
        }
        if (out.codePointCount(0, out.length()) > MAX_NAME_LENGTH) {
            return out.substring(0, out.offsetByCodePoints(0, MAX_NAME_LENGTH)) + "…";
        }
        return out.toString();
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String paragraph(String html) {
        return "<p style=\"margin:0 0 16px 0;font-size:16px;line-height:24px;color:#1f2937;\">" + html + "</p>\n";
    }

    private static String small(String html) {
        return "<p style=\"margin:24px 0 0 0;font-size:13px;line-height:20px;color:#6b7280;\">" + html + "</p>\n";
    }

    private static String button(String link, String label) {
        String href = escape(link);
        return "<table role=\"presentation\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\" style=\"margin:8px 0 24px 0;\">"
                + "<tr><td style=\"border-radius:6px;background-color:#1e6fd9;\">"
                + "<a href=\"" + href + "\" target=\"_blank\" rel=\"noopener\" "
                + "style=\"display:inline-block;padding:12px 24px;font-size:16px;font-weight:bold;"
                + "color:#ffffff;text-decoration:none;border-radius:6px;\">" + escape(label) + "</a>"
                + "</td></tr></table>\n";
    }

    /** The link as visible text too: some clients strip buttons, and people copy links by hand. */
    private static String fallbackLink(String link) {
        String escaped = escape(link);
        return "<p style=\"margin:0 0 16px 0;font-size:14px;line-height:20px;color:#374151;\">"
                + "If the button does not work, copy this link into your browser:<br>"
                + "<a href=\"" + escaped + "\" target=\"_blank\" rel=\"noopener\" "
                + "style=\"color:#1e6fd9;word-break:break-all;\">" + escaped + "</a></p>\n";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n"
                + "<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n</head>\n"
                + "<body style=\"margin:0;padding:0;background-color:#f3f4f6;"
                + "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;\">\n"
                + "<table role=\"presentation\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\" "
                + "style=\"background-color:#f3f4f6;\"><tr><td align=\"center\" style=\"padding:24px 12px;\">\n"
                + "<table role=\"presentation\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\" "
                + "style=\"max-width:560px;background-color:#ffffff;border-radius:8px;\">"
                + "<tr><td style=\"padding:32px;\">\n"
                + "<h1 style=\"margin:0 0 24px 0;font-size:22px;line-height:30px;color:#111827;\">"
                + escape(title) + "</h1>\n"
                + body
                + "<p style=\"margin:24px 0 0 0;font-size:14px;line-height:20px;color:#374151;\">The OpenML team</p>\n"
                + "</td></tr></table>\n"
                + "</td></tr></table>\n</body>\n</html>\n";
    }
}

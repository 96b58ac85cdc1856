package org.openml.auth.core.usecase;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.session.Hkdf;

/**
 * A {@link Mail} as the outbox stores it: its fields as {@code key=value&…}, encrypted with
 * AES-256-GCM under a key derived from the session secret (HKDF-SHA256, its own info string).
 * The mails carry one-time links (confirmation, reset), whose tokens are stored only hashed
 * everywhere else; encrypted, a read of the outbox table does not hand them out either. Mails
 * queued under a previous secret still decrypt with it (rotation).
 */
final class MailCodec {
    private static final String VERSION = "v1.";
    private static final String INFO = "OpenML auth mail outbox encryption key";
    private static final int IV_BYTES = 12;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final List<SecretKeySpec> previous;
    private final SecureRandom random = new SecureRandom();

    MailCodec(String secret, List<String> previousSecrets) {
        this.key = keyOf(secret);
        this.previous = previousSecrets.stream().map(MailCodec::keyOf).toList();
    }

    private static SecretKeySpec keyOf(String secret) {
        return new SecretKeySpec(Hkdf.sha256(secret.getBytes(StandardCharsets.UTF_8), new byte[0], INFO, 32), "AES");
    }

    String encode(Mail mail) {
        byte[] plain = fields(mail).getBytes(StandardCharsets.UTF_8);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain);
            return VERSION + B64.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The mail, or empty when the payload was sealed under an unknown secret or is not one of ours. */
    Optional<Mail> decode(String payload) {
        if (payload == null || !payload.startsWith(VERSION)) return Optional.empty();
        byte[] bytes;
        try {
            bytes = B64D.decode(payload.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length <= IV_BYTES) return Optional.empty();
        List<SecretKeySpec> keys = new ArrayList<>();
        keys.add(key);
        keys.addAll(previous);
        for (SecretKeySpec k : keys) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, bytes, 0, IV_BYTES));
                byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
                return parse(new String(plain, StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                // another key may have sealed it
            }
        }
        return Optional.empty();
    }

    private static String fields(Mail mail) {
        List<String> f = new ArrayList<>(List.of("type", type(mail), "to", mail.to().value(), "name", mail.recipientName(),
                "link", mail.link().toString()));
        if (mail instanceof Mail.SecurityNotice n) {
            f.addAll(List.of("change", n.change().name(), "at", Long.toString(n.at().toEpochMilli()), "ip", n.ipAddress(),
                    "reset", n.passwordResetLink().toString(), "passkeys", String.join(",", n.passkeys().stream()
                            .map(p -> URLEncoder.encode(p, StandardCharsets.UTF_8)).toList())));
            n.detail().ifPresent(d -> f.addAll(List.of("detail", d)));
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < f.size(); i += 2) {
            if (out.length() > 0) out.append('&');
            out.append(f.get(i)).append('=').append(URLEncoder.encode(f.get(i + 1), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String type(Mail mail) {
        if (mail instanceof Mail.Confirmation) return "confirmation";
        if (mail instanceof Mail.PasswordReset) return "password-reset";
        if (mail instanceof Mail.SecurityNotice) return "security-notice";
        if (mail instanceof Mail.PasskeySignUpConfirmation) return "passkey-sign-up";
        if (mail instanceof Mail.RegistrationAttempt) return "registration-attempt";
        if (mail instanceof Mail.EmailChangeConfirmation) return "email-change";
        throw new IllegalArgumentException("no outbox form for " + mail.getClass().getSimpleName());
    }

    private static Optional<Mail> parse(String text) {
        java.util.Map<String, String> f = new java.util.HashMap<>();
        try {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) return Optional.empty();
                f.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            Email to = new Email(f.get("to"));
            String name = f.getOrDefault("name", "");
            URI link = URI.create(f.get("link"));
            return Optional.of(switch (f.getOrDefault("type", "")) {
                case "confirmation" -> new Mail.Confirmation(to, name, link);
                case "password-reset" -> new Mail.PasswordReset(to, name, link);
                case "passkey-sign-up" -> new Mail.PasskeySignUpConfirmation(to, name, link);
                case "registration-attempt" -> new Mail.RegistrationAttempt(to, name, link);
                case "email-change" -> new Mail.EmailChangeConfirmation(to, name, link);
                case "security-notice" -> new Mail.SecurityNotice(to, name, link,
                        Mail.SecurityNotice.Change.valueOf(f.get("change")), Instant.ofEpochMilli(Long.parseLong(f.get("at"))),
                        f.get("ip"), Optional.ofNullable(f.get("detail")), URI.create(f.get("reset")),
                        f.getOrDefault("passkeys", "").isEmpty() ? List.of() : Arrays.stream(f.get("passkeys").split(","))
                                .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList());
                default -> throw new IllegalArgumentException("unknown mail type");
            });
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

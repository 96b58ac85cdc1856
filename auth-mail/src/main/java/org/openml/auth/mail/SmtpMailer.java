package org.openml.auth.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.error.MailException;
import org.openml.auth.core.port.out.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail through an SMTP server with Jakarta Mail (Angus). Each message is
 * {@code multipart/alternative} with a UTF-8 text/plain part and a UTF-8 text/html part, both
 * holding the link.
 *
 * <p>One Jakarta Mail {@link Session} is built at creation and shared; every {@link #send} opens
 * its own connection, so the mailer is safe to call from many threads. Connect, read and write
 * timeouts always apply, so a dead server costs a request at most the configured timeouts.
 *
 * <p>Failures become a {@link MailException} whose message names the server and what went
 * wrong, never the link (which carries a one-time token) nor the full recipient address; the
 * original exception is kept as the cause.
 */
public final class SmtpMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

    private final SmtpConfig config;
    private final Session session;
    private final String protocol;

    private SmtpMailer(SmtpConfig config) {
        this.config = config;
        this.protocol = config.secure() ? "smtps" : "smtp";
        this.session = Session.getInstance(properties(config, protocol));
    }

    /**
     * A mailer for this server. Does not connect; call {@link #verifyConnection()} to check
     * the settings up front.
     */
    public static SmtpMailer create(SmtpConfig config) {
        return new SmtpMailer(Objects.requireNonNull(config, "config"));
    }

    /** The configuration this mailer uses. */
    public SmtpConfig config() {
        return config;
    }

    /**
     * Renders and sends the message.
     *
     * @throws MailException when the server cannot be reached, refuses the login, the sender,
     *                       the recipient or the message, or does not answer in time
     */
    @Override
    public void send(Mail mail) {
        Objects.requireNonNull(mail, "mail");
        String kind = MailTemplates.kind(mail);
        try {
            MimeMessage message = toMessage(mail);
            try (Transport transport = connect()) {
                transport.sendMessage(message, message.getAllRecipients());
            }
            log.debug("Sent {} mail to {} via {}", kind, mail.to().masked(), config.endpoint());
        } catch (MessagingException | RuntimeException e) {
            String what = describe(e);
            log.warn("Could not send {} mail to {} via {}{}: {}",
                    kind, mail.to().masked(), config.endpoint(), config.secure() ? " (SMTPS)" : "", what);
            throw new MailException("could not send " + kind + " mail via " + protocol + "://"
                    + config.endpoint() + ": " + what, e);
        }
    }

    /**
     * Connects (TLS and login included, when configured) and disconnects, sending nothing:
     * a start-up or {@code doctor} check of the settings.
     *
     * @throws MailException saying what failed, as {@link #send} would
     */
    public void verifyConnection() {
        try {
            connect().close();
            log.debug("SMTP connection to {} works", config.endpoint());
        } catch (MessagingException | RuntimeException e) {
            throw new MailException("could not connect to " + protocol + "://" + config.endpoint() + ": "
                    + describe(e), e);
        }
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport(protocol);
        // Host and port come from the session properties; the login only when one is configured.
        transport.connect(config.host(), config.port(), config.user().orElse(null), config.password().orElse(null));
        return transport;
    }

    private MimeMessage toMessage(Mail mail) throws MessagingException {
        MailTemplates.Rendered rendered = MailTemplates.render(mail);

        MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
        // Order matters: clients show the last alternative they can render, so HTML goes last.
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);

        MimeMessage message = new MimeMessage(session);
        message.setFrom(config.fromAddress());
        message.setRecipient(Message.RecipientType.TO, recipient(mail));
        message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(Instant.now()));
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static InternetAddress recipient(Mail mail) throws AddressException {
        // Address only, without the recipient's name as a display name: the name is user input
        // and has no business in a header.
        InternetAddress address = new InternetAddress(mail.to().value(), true);
        address.validate();
        // "<ada@example.org>" or "(x)ada@example.org" parse as Ada's address: mail only an address that is itself.
        if (address.getPersonal() != null || !address.getAddress().equals(mail.to().value())) {
            throw new AddressException("the recipient is not a plain address");
        }
        return address;
    }

    static Properties properties(SmtpConfig config, String protocol) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol);
        props.setProperty(p + "host", config.host());
        props.setProperty(p + "port", Integer.toString(config.port()));
        // Without these Jakarta Mail waits forever on a server that accepts and never answers.
        props.setProperty(p + "connectiontimeout", Long.toString(config.connectTimeout().toMillis()));
        props.setProperty(p + "timeout", Long.toString(config.readTimeout().toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(config.readTimeout().toMillis()));
        props.setProperty(p + "auth", Boolean.toString(config.user().isPresent()));
        // Used for the envelope sender and for the Message-ID's domain, instead of the local host name.
        props.setProperty("mail.from", config.fromAddress().getAddress());
        if (config.secure()) {
            props.setProperty(p + "ssl.enable", "true");
        } else {
            // nodemailer's secure=false: upgrade when the server offers STARTTLS, plain otherwise.
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "false");
        }
        if (config.trustAllCertificates()) {
            props.setProperty(p + "ssl.trust", "*");
            props.setProperty(p + "ssl.checkserveridentity", "false");
        } else {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    /**
     * What went wrong, in words an operator can act on. Built from exception types and SMTP
     * reply codes only: exception messages may quote the recipient's full address or the
     * server's echo of the message, which must stay out of logs and error messages.
     */
    private String describe(Throwable e) {
        // Bounded: a cause chain may be cyclic.
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 16; t = t.getCause()) {
            if (t instanceof AuthenticationFailedException) {
                return "the server refused the login (check the SMTP user and password)";
            }
            if (t instanceof SMTPSenderFailedException s) {
                return "the server refused the sender address " + config.fromAddress().getAddress()
                        + " (reply " + s.getReturnCode() + ")";
            }
            if (t instanceof SMTPAddressFailedException s) {
                return "the server refused the recipient address (reply " + s.getReturnCode() + ")";
            }
            if (t instanceof SMTPSendFailedException s) {
                return "the server refused the message (reply " + s.getReturnCode() + ")";
            }
            if (t instanceof AddressException) {
                return "the recipient address is not one the mail system accepts";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + config.host();
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "could not connect (" + t.getClass().getSimpleName()
                        + "; is the server running and is the port right?)";
            }
            if (t instanceof SocketTimeoutException) {
                if (connecting(e)) return "could not connect within " + config.connectTimeout();
                return "no answer from the server within " + config.readTimeout()
                        + (config.secure() ? "" : " (if this port expects TLS from the first byte, such as 465,"
                                + " set secure=true)");
            }
            if (t instanceof SSLException) {
                return "the TLS handshake failed (" + t.getClass().getSimpleName() + "; "
                        + (config.secure()
                                ? "secure=true expects TLS from the first byte, usually port 465; "
                                : "")
                        + "is the server certificate trusted and issued for " + config.host() + "?)";
            }
        }
        if (connecting(e)) {
            return "could not connect";
        }
        if (e instanceof SendFailedException) {
            return "the server refused to deliver the message";
        }
        return "sending failed (" + e.getClass().getSimpleName() + ")";
    }

    private static boolean connecting(Throwable e) {
        // Bounded: a cause chain may be cyclic.
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 16; t = t.getCause()) {
            if (t instanceof MailConnectException) return true;
        }
        return false;
    }
}

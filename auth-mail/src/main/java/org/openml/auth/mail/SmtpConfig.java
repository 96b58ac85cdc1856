package org.openml.auth.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to reach the SMTP server. Immutable; every problem is reported at once, in one
 * {@link IllegalArgumentException}, when the value is built.
 *
 * <p>{@code secure} has the meaning of nodemailer's option of the same name (OpenML's existing
 * {@code SMTP_SECURE}): {@code true} speaks TLS from the first byte (SMTPS, usually port 465);
 * {@code false} connects in plain text and upgrades with STARTTLS whenever the server offers it
 * (usually port 587 or 25). Server certificates are checked, host name included, unless
 * {@link #trustAllCertificates()} is set, which exists for test servers with self-signed
 * certificates only.
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @param host                 the server's host name or address
 * @param port                 1 to 65535
 * @param secure               implicit TLS (SMTPS) when true; plain with opportunistic STARTTLS when false
 * @param user                 the login, or empty for a server that needs none; a blank string counts as empty
 * @param password             the password for {@code user}; required with a user, refused without one
 * @param from                 the From header, e.g. {@code OpenML <no-reply@openml.org>}
 * @param connectTimeout       how long to wait for the TCP (and TLS) connection
 * @param readTimeout          how long to wait for each server reply, and for each write
 * @param trustAllCertificates accept any server certificate; for tests only
 */
public record SmtpConfig(
        String host,
        int port,
        boolean secure,
        Optional<String> user,
        Optional<String> password,
        String from,
        Duration connectTimeout,
        Duration readTimeout,
        boolean trustAllCertificates) {

    /** Default for both timeouts: long enough for a slow relay, short enough not to hang a request. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public SmtpConfig {
        // Blank means "not set": an empty SMTP_USER in an env file must not switch on AUTH.
        user = normalise(user);
        password = password == null ? Optional.empty() : password.filter(p -> !p.isEmpty());

        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add("SMTP host is required");
        } else if (host.strip().chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problems.add("SMTP host must not contain spaces or control characters");
        } else {
            host = host.strip();
        }
        if (port < 1 || port > 65535) {
            problems.add("SMTP port must be between 1 and 65535, was " + port);
        }
        if (user.isPresent() && password.isEmpty()) {
            problems.add("SMTP password is required when an SMTP user is given");
        }
        if (user.isEmpty() && password.isPresent()) {
            problems.add("SMTP user is required when an SMTP password is given");
        }
        if (from == null || from.isBlank()) {
            problems.add("SMTP from address is required, e.g. 'OpenML <no-reply@openml.org>'");
        } else {
            from = from.strip();
            String problem = fromProblem(from);
            if (problem != null) problems.add(problem);
        }
        checkTimeout(connectTimeout, "SMTP connect timeout", problems);
        checkTimeout(readTimeout, "SMTP read timeout", problems);

        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid SMTP configuration: " + String.join("; ", problems));
        }
    }

    /**
     * A configuration with the default timeouts, no login and certificate checks on.
     *
     * @throws IllegalArgumentException listing every problem
     */
    public static SmtpConfig of(String host, int port, boolean secure, String from) {
        return new SmtpConfig(host, port, secure, Optional.empty(), Optional.empty(), from,
                DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, false);
    }

    /** A builder starting from the required values; everything else has its default. */
    public static Builder builder(String host, int port, String from) {
        return new Builder(host, port, from);
    }

    /** This configuration with a login. */
    public SmtpConfig withCredentials(String user, String password) {
        return new SmtpConfig(host, port, secure, Optional.ofNullable(user), Optional.ofNullable(password), from,
                connectTimeout, readTimeout, trustAllCertificates);
    }

    /** This configuration with other timeouts. */
    public SmtpConfig withTimeouts(Duration connectTimeout, Duration readTimeout) {
        return new SmtpConfig(host, port, secure, user, password, from,
                connectTimeout, readTimeout, trustAllCertificates);
    }

    /** The From address, parsed. A new instance on each call, because {@link InternetAddress} is mutable. */
    public InternetAddress fromAddress() {
        try {
            return new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException("validated in the constructor", e);
        }
    }

    /** {@code host:port}, for messages. */
    public String endpoint() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "SmtpConfig[host=" + host + ", port=" + port + ", secure=" + secure
                + ", user=" + user.orElse("<none>")
                + ", password=" + (password.isPresent() ? "<redacted>" : "<none>")
                + ", from=" + from + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", trustAllCertificates=" + trustAllCertificates + "]";
    }

    private static Optional<String> normalise(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String fromProblem(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.validate();
            if (address.isGroup()) return "SMTP from address must be a single address, not a group: " + from;
            return null;
        } catch (AddressException e) {
            return "SMTP from address is not a valid address ('Name <user@example.org>' or 'user@example.org'): "
                    + from;
        }
    }

    private static void checkTimeout(Duration timeout, String name, List<String> problems) {
        if (timeout == null) {
            problems.add(name + " is required");
        } else if (timeout.isNegative() || timeout.isZero()) {
            problems.add(name + " must be positive, was " + timeout);
        } else if (timeout.toMillis() > Integer.MAX_VALUE) {
            // Jakarta Mail reads these properties as int milliseconds.
            problems.add(name + " must be at most " + Duration.ofMillis(Integer.MAX_VALUE) + ", was " + timeout);
        }
    }

    /** Builds an {@link SmtpConfig}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final String from;
        private boolean secure;
        private String user;
        private String password;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration readTimeout = DEFAULT_TIMEOUT;
        private boolean trustAllCertificates;

        private Builder(String host, int port, String from) {
            this.host = host;
            this.port = port;
            this.from = from;
        }

        /** Implicit TLS (SMTPS) when true; default false (plain, with STARTTLS when offered). */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** Log in with this user and password; {@code null} or blank user means no login. */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** Default {@link SmtpConfig#DEFAULT_TIMEOUT}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Default {@link SmtpConfig#DEFAULT_TIMEOUT}. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** Accept any certificate (self-signed test servers). Default false; never for production. */
        public Builder trustAllCertificates(boolean trustAllCertificates) {
            this.trustAllCertificates = trustAllCertificates;
            return this;
        }

        /** @throws IllegalArgumentException listing every problem */
        public SmtpConfig build() {
            return new SmtpConfig(host, port, secure, Optional.ofNullable(user), Optional.ofNullable(password), from,
                    connectTimeout, readTimeout, trustAllCertificates);
        }
    }
}

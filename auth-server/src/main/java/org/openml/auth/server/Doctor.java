package org.openml.auth.server;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.port.out.MailOutbox;
import org.openml.auth.core.usecase.OutboxPolicy;
import org.openml.auth.jdbc.JdbcSchemaTools;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.jdbc.MysqlConfig;
import org.openml.auth.jdbc.SchemaReport;
import org.openml.auth.mail.SmtpMailer;

/** The {@code init-db} and {@code doctor} commands: plain words about what is set up and what is wrong. */
final class Doctor {
    private Doctor() {}

    /**
     * Creates or upgrades this server's tables; with {@code legacy}, first OpenML's own tables in an
     * empty MySQL/MariaDB database.
     */
    static int initDb(AuthServerConfig config, boolean legacy, PrintStream out, PrintStream err) {
        return initDb(config, legacy, false, out, err);
    }

    /**
     * As above; with {@code fromNextjs}, then takes over the links OpenML's Next.js app mailed
     * (hashed into this server's tables, plaintext removed) and says what it adopted.
     */
    static int initDb(AuthServerConfig config, boolean legacy, boolean fromNextjs, PrintStream out, PrintStream err) {
        if (legacy && fromNextjs) {
            err.println("--legacy fills an EMPTY database, --from-nextjs takes over a database the Next.js app used: give one");
            return 2;
        }
        if (config.mysql().isEmpty()) {
            if (legacy) {
                err.println("--legacy fills an empty MySQL/MariaDB database with OpenML's tables, but no MySQL database is"
                        + " configured (set DATABASE_URL or MYSQL_HOST). A SQLite database always gets the full schema:"
                        + " run `init-db` without --legacy.");
                return 2;
            }
            try (JdbcStores stores = JdbcStores.sqlite(config.sqlitePath())) {
                printReady(stores.schemaReport().orElseThrow(), out);
                if (fromNextjs) takeOver(stores, out);
                return stores.isReady() ? 0 : 1;
            } catch (RuntimeException e) {
                err.println("Could not prepare the database " + config.sqlitePath().toAbsolutePath() + ": " + e.getMessage());
                return 1;
            }
        }
        MysqlConfig mysql = config.mysql().get();
        try {
            if (legacy) {
                SchemaReport report = JdbcSchemaTools.createLegacyMysqlSchema(mysql);
                out.println("Created OpenML's tables (users, groups 1 admin / 2 members / 3 readonly, users_groups, ...)"
                        + " in " + report.database());
                printReady(report, out);
                return 0;
            }
            try (JdbcStores stores = JdbcStores.mysql(mysql)) {
                printReady(stores.schemaReport().orElseThrow(), out);
                if (fromNextjs) takeOver(stores, out);
                return 0;
            }
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("Could not prepare " + mysql.endpoint() + ": " + e.getMessage());
            explain(e.getMessage(), mysql).ifPresent(hint -> err.println("  -> " + hint));
            return 1;
        }
    }

    private static void printReady(SchemaReport report, PrintStream out) {
        out.println("Schema ready in " + report.database() + ": " + report.summary());
        print(report, out);
    }

    private static void takeOver(JdbcStores stores, PrintStream out) {
        List<String> done = stores.takeOverNextjsLinks();
        if (done.isEmpty()) {
            out.println("Next.js app: no token tables of its shape here, so no links to take over");
        } else {
            done.forEach(line -> out.println("Next.js app: " + line));
        }
    }

    /** Prints the configuration in use and checks it; non-zero when anything would stop the server from working. */
    static int check(AuthServerConfig config, Map<String, String> env, PrintStream out, PrintStream err) {
        return check(config, env, Map.of(), out, err);
    }

    /** As above; {@code sources} says where each setting came from (names only: no value is printed). */
    static int check(AuthServerConfig config, Map<String, String> env, Map<String, String> sources, PrintStream out,
            PrintStream err) {
        out.println("Configuration: " + config);
        if (!sources.isEmpty()) {
            Map<String, java.util.List<String>> byOrigin = new java.util.TreeMap<>();
            sources.forEach((name, origin) -> byOrigin.computeIfAbsent(origin, o -> new java.util.ArrayList<>()).add(name));
            byOrigin.forEach((origin, names) -> out.println("settings from " + origin + ": " + String.join(", ", names)));
        }
        config.warnings().forEach(w -> out.println("warning: " + w));
        boolean ok = checkUrls(config, env, out);
        ok &= config.mysql().map(mysql -> checkMysql(mysql, out)).orElseGet(() -> checkSqlite(config, out));
        if (config.smtp().isPresent()) {
            try {
                SmtpMailer.create(config.smtp().get()).verifyConnection();
                out.println("smtp: ok (" + config.smtp().get() + ")");
            } catch (RuntimeException e) {
                out.println("smtp: FAILED: " + e.getMessage());
                ok = false;
            }
        } else {
            out.println("smtp: not configured (mails go to the log)");
        }
        ok &= checkPasskeysAndOAuth(config, out);
        if (!ok) err.println("doctor found problems (see above)");
        return ok ? 0 : 1;
    }

    /** Passkey ceremonies fail in the browser when the page's origin is not an RP origin; OAuth needs exact callback URLs. */
    private static boolean checkPasskeysAndOAuth(AuthServerConfig config, PrintStream out) {
        boolean ok = true;
        String publicOrigin = config.publicUrl().toString().replaceAll("/$", "");
        if (config.webAuthn().origins().contains(publicOrigin)) {
            out.println("passkeys: ok (RP ID " + config.webAuthn().rpId() + ", origins " + config.webAuthn().origins() + ")");
        } else {
            out.println("passkeys: PROBLEM: NEXTAUTH_URL " + publicOrigin + " is not among RP_ORIGIN " + config.webAuthn().origins()
                    + "; passkey sign-in from the pages will fail. Add it to RP_ORIGIN.");
            ok = false;
        }
        List<String> providers = config.oauth().configured();
        if (providers.isEmpty()) {
            out.println("oauth: no providers configured (set GITHUB_ID/GITHUB_SECRET or GOOGLE_ID/GOOGLE_SECRET)");
        } else {
            for (String provider : providers) {
                out.println("oauth: " + provider + " configured; register the callback URL " + publicOrigin + "/api/auth/callback/"
                        + provider + " with the provider");
            }
        }
        return ok;
    }

    private static boolean checkSqlite(AuthServerConfig config, PrintStream out) {
        try (JdbcStores stores = JdbcStores.sqlite(config.sqlitePath())) {
            boolean ready = stores.isReady();
            out.println("database: " + (ready ? "ok" : "NOT READY") + " (SQLite " + config.sqlitePath().toAbsolutePath() + ")");
            stores.schemaReport().ifPresent(report -> print(report, out));
            if (ready) {
                MailOutbox.Backlog backlog = stores.mailOutbox().backlog();
                java.time.Instant now = java.time.Instant.now();
                out.println("  " + (backlog.stuck(now, OutboxPolicy.DEFAULTS.warnAfter())
                        ? "warning: " + backlog.describe(now) + ": mails are not going out; check SMTP_* and the server log"
                        : "found: " + backlog.describe(now)));
            }
            return ready;
        } catch (RuntimeException e) {
            out.println("database: FAILED: " + e.getMessage());
            return false;
        }
    }

    /** Looks at the database without changing it (doctor may run against production). */
    private static boolean checkMysql(MysqlConfig mysql, PrintStream out) {
        SchemaReport report;
        try {
            report = JdbcSchemaTools.inspectMysql(mysql);
        } catch (RuntimeException e) {
            out.println("database: FAILED: " + e.getMessage());
            explain(e.getMessage(), mysql).ifPresent(hint -> out.println("  -> " + hint));
            return false;
        }
        out.println("database: " + (report.usable() ? "ok" : "NOT USABLE") + " (" + report.database() + "), schema version "
                + report.version() + " " + report.action()
                + (report.version() == 0 ? " (init-db or the first start creates this server's tables)" : ""));
        print(report, out);
        return report.usable();
    }

    private static void print(SchemaReport report, PrintStream out) {
        report.findings().forEach(f -> out.println("  found: " + f));
        report.warnings().forEach(w -> out.println("  warning: " + w));
        report.problems().forEach(p -> out.println("  PROBLEM: " + p));
    }

    /**
     * NEXTAUTH_URL must be the address users open: cookies are set for its host, links and CSRF
     * checks use it. Returns false for settings that cannot work.
     */
    static boolean checkUrls(AuthServerConfig config, Map<String, String> env, PrintStream out) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        URI publicUrl = config.publicUrl();
        boolean loopback = isLoopback(publicUrl.getHost());
        String set = env.get("NEXTAUTH_URL");
        if (set == null || set.isBlank()) {
            String text = "NEXTAUTH_URL is not set, so the server assumes users open " + publicUrl + "; browsers that"
                    + " reach it under another name get cookies that never come back (sign-in fails without a word)";
            if (config.production()) problems.add(text); else warnings.add(text);
        }
        int urlPort = publicUrl.getPort() >= 0 ? publicUrl.getPort() : "https".equals(publicUrl.getScheme()) ? 443 : 80;
        if (loopback && urlPort != config.port()) {
            problems.add("NEXTAUTH_URL is " + publicUrl + " but the server listens on port " + config.port()
                    + ": a browser on this machine opens the wrong port (behind a proxy, use the proxy's public address)");
        }
        if ("http".equals(publicUrl.getScheme()) && !loopback) {
            warnings.add("NEXTAUTH_URL is plain http for " + publicUrl.getHost() + ": session cookies travel unencrypted"
                    + " and without the Secure flag. Behind an https proxy, set NEXTAUTH_URL to https://"
                    + publicUrl.getHost());
        }
        if (config.production() && "http".equals(publicUrl.getScheme()) && !loopback) {
            problems.add("NODE_ENV=production with an http NEXTAUTH_URL: a Next.js front end sharing these sessions"
                    + " expects https (its __Secure- cookie names)");
        }
        URI links = config.linkBaseUrl();
        if (!links.getHost().equalsIgnoreCase(publicUrl.getHost())) {
            warnings.add("mailed links open NEXT_PUBLIC_URL (" + links + ") but sessions live on NEXTAUTH_URL ("
                    + publicUrl + "); users who follow a link are not signed in there");
        }
        problems.forEach(p -> out.println("urls: PROBLEM: " + p));
        warnings.forEach(w -> out.println("urls: warning: " + w));
        if (problems.isEmpty() && warnings.isEmpty()) {
            out.println("urls: ok (NEXTAUTH_URL " + publicUrl + ", links to " + links + ")");
        }
        return problems.isEmpty();
    }

    /** What a driver's or pool's failure most likely means, in plain words. */
    static Optional<String> explain(String message, MysqlConfig mysql) {
        String m = String.valueOf(message);
        if (m.contains("Access denied")) {
            return Optional.of("the server refused the user name or password: check MYSQL_USER / MYSQL_PASSWORD (or the"
                    + " user:password in DATABASE_URL, where special characters must be URL-encoded, e.g. @ as %40)");
        }
        if (m.contains("Unknown database")) {
            return Optional.of("the database '" + mysql.database() + "' does not exist on " + mysql.host() + ": check"
                    + " MYSQL_DATABASE (or the /name in DATABASE_URL); for a brand-new database run `init-db --legacy`");
        }
        if (m.contains("Public Key Retrieval is not allowed")) {
            return Optional.of("the account uses MySQL 8's caching_sha2_password and the connection is not encrypted:"
                    + " set MYSQL_SSL_MODE=PREFERRED or REQUIRED (the server must offer TLS), or give the account"
                    + " mysql_native_password");
        }
        if (m.contains("SSL") || m.contains("certificate") || m.contains("PKIX") || m.contains("TLS")) {
            return Optional.of("TLS to the database failed: with MYSQL_SSL_MODE=VERIFY_CA or VERIFY_IDENTITY the"
                    + " server's certificate must come from a CA the JVM trusts (javax.net.ssl.trustStore); REQUIRED"
                    + " encrypts without checking it");
        }
        if (m.contains("Communications link failure") || m.contains("Connection refused") || m.contains("UnknownHost")) {
            return Optional.of("nothing answered at " + mysql.host() + ":" + mysql.port() + ": check MYSQL_HOST and"
                    + " MYSQL_PORT (or DATABASE_URL), that the database is running, and that no firewall is in the way");
        }
        if (m.contains("Connection is not available")) {
            return Optional.of("no connection within MYSQL_CONNECT_TIMEOUT (" + mysql.connectTimeout() + ")");
        }
        return Optional.empty();
    }

    private static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }
}

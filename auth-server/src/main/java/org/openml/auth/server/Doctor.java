package org.openml.auth.server;

import java.io.PrintStream;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.mail.SmtpMailer;

/** The {@code init-db} and {@code doctor} commands. */
final class Doctor {
    private Doctor() {}

    static int initDb(AuthServerConfig config, PrintStream out, PrintStream err) {
        try (JdbcStores stores = JdbcStores.sqlite(config.sqlitePath())) {
            out.println("Schema ready in " + config.sqlitePath().toAbsolutePath());
            return stores.isReady() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("Could not prepare the database " + config.sqlitePath().toAbsolutePath() + ": " + e.getMessage());
            return 1;
        }
    }

    static int check(AuthServerConfig config, PrintStream out, PrintStream err) {
        out.println("Configuration: " + config);
        config.warnings().forEach(w -> out.println("warning: " + w));
        boolean ok = true;
        try (JdbcStores stores = JdbcStores.sqlite(config.sqlitePath())) {
            boolean ready = stores.isReady();
            out.println("database: " + (ready ? "ok" : "NOT READY") + " (SQLite " + config.sqlitePath().toAbsolutePath() + ")");
            ok &= ready;
        } catch (RuntimeException e) {
            out.println("database: FAILED: " + e.getMessage());
            ok = false;
        }
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
        if (!ok) err.println("doctor found problems (see above)");
        return ok ? 0 : 1;
    }
}

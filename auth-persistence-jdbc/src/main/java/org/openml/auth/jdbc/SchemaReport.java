package org.openml.auth.jdbc;

import java.util.List;
import java.util.Objects;

/**
 * What the stores found in the database at start-up, in plain words for logs and {@code doctor}.
 *
 * @param database which database ("MySQL database openml on db:3306"), never credentials
 * @param version  the version of the tables this module owns: {@code 0} when they do not exist yet
 * @param action   what start-up did: {@code found}, {@code created}, {@code upgraded from version N to},
 *                 {@code repaired} (a dropped table made again), or, for a read-only check,
 *                 {@code found} or {@code not created yet}
 * @param findings one line per fact worth knowing (tables, optional columns, groups)
 * @param warnings features that cannot work on this schema, and why; empty when everything works
 * @param problems why the stores cannot work on this database at all; always empty for stores that
 *                 opened, because they refuse to open then
 */
public record SchemaReport(String database, int version, String action, List<String> findings, List<String> warnings,
        List<String> problems) {

    public SchemaReport {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(action, "action");
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
    }

    /** True when no problem keeps the stores from working (warnings may still switch features off). */
    public boolean usable() {
        return problems.isEmpty();
    }

    /** "found schema version 2", for the start-up log line. */
    public String summary() {
        return action + " schema version " + version;
    }
}

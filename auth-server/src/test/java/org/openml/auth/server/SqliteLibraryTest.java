package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteLibraryTest {

    @Test
    void copiesTheLibraryIntoADirectoryOnlyThisUserOpens() throws Exception {
        Path file = SqliteLibrary.copy().orElseThrow();
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
            assertThat(file.getParent().getFileName().toString()).startsWith("openml-auth-sqlite-");
            try (InputStream original = SqliteLibrary.class.getResourceAsStream(
                    LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
                assertThat(Files.readAllBytes(file)).isEqualTo(original.readAllBytes());
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    @Test
    void leavesAnOperatorsChoiceAlone() {
        String path = System.setProperty(SqliteLibrary.PATH_PROPERTY, "/opt/sqlite");
        try {
            assertThat(SqliteLibrary.prepare()).isFalse();
            assertThat(System.getProperty(SqliteLibrary.PATH_PROPERTY)).isEqualTo("/opt/sqlite");
        } finally {
            if (path == null) System.clearProperty(SqliteLibrary.PATH_PROPERTY);
            else System.setProperty(SqliteLibrary.PATH_PROPERTY, path);
        }
    }

    /**
     * In a JVM of its own (this one may have loaded SQLite already): the database runs on the copied
     * library, sqlite-jdbc made no copy of its own, and the copy is gone while the JVM still runs,
     * so a killed server leaves nothing behind.
     */
    @Test
    void sqliteRunsOnTheCopyWhichIsGoneOnceLoaded() throws Exception {
        Path out = Files.createTempFile("sqlite-library", ".txt");
        ChildJvm.run(k -> false, Probe.class, out.toString());

        List<String> lines = Files.readAllLines(out);
        Files.delete(out);
        Path copy = Path.of(lines.get(0));
        assertThat(lines.get(1)).as("SELECT sqlite_version()").matches("3\\.\\d+\\.\\d+");
        assertThat(lines.get(2)).as("the copy and its directory, while the JVM runs").isEqualTo("gone");
        assertThat(lines.subList(3, lines.size())).as("SQLite libraries mapped by the child")
                .containsExactly(copy + " (deleted)");
    }

    /** The child JVM: prepares, opens a database, reports what it loaded. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            if (!SqliteLibrary.prepare()) throw new IllegalStateException("not prepared");
            Path copy = Path.of(System.getProperty(SqliteLibrary.PATH_PROPERTY), System.getProperty(SqliteLibrary.NAME_PROPERTY));
            StringBuilder report = new StringBuilder(copy + "\n");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                    ResultSet r = c.createStatement().executeQuery("SELECT sqlite_version()")) {
                r.next();
                report.append(r.getString(1)).append('\n');
            }
            report.append(Files.exists(copy) || Files.exists(copy.getParent()) ? "still there" : "gone").append('\n');
            // The shared objects this process mapped: which SQLite library it runs on.
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(l -> l.replaceFirst("^(\\S+\\s+){5}", "").strip())
                    .filter(l -> l.contains("sqlite") && l.contains(".so")).distinct()
                    .forEach(l -> report.append(l).append('\n'));
            Files.writeString(Path.of(args[0]), report);
        }
    }
}

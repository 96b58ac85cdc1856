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
    void copiesTheLibraryIntoADirectoryOnlyThisUserOpensAndPointsSqliteJdbcAtIt() throws Exception {
        String path = System.clearProperty(SqliteLibrary.PATH_PROPERTY);
        String name = System.clearProperty(SqliteLibrary.NAME_PROPERTY);
        try {
            assertThat(SqliteLibrary.prepare()).isTrue();

            Path dir = Path.of(System.getProperty(SqliteLibrary.PATH_PROPERTY));
            Path file = dir.resolve(System.getProperty(SqliteLibrary.NAME_PROPERTY));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            try (InputStream original = SqliteLibrary.class.getResourceAsStream(
                    LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
                assertThat(Files.readAllBytes(file)).isEqualTo(original.readAllBytes());
            }
        } finally {
            restore(SqliteLibrary.PATH_PROPERTY, path);
            restore(SqliteLibrary.NAME_PROPERTY, name);
        }
    }

    @Test
    void leavesAnOperatorsChoiceAlone() {
        String path = System.setProperty(SqliteLibrary.PATH_PROPERTY, "/opt/sqlite");
        try {
            assertThat(SqliteLibrary.prepare()).isFalse();
            assertThat(System.getProperty(SqliteLibrary.PATH_PROPERTY)).isEqualTo("/opt/sqlite");
        } finally {
            restore(SqliteLibrary.PATH_PROPERTY, path);
        }
    }

    /**
     * In a JVM of its own (this one may have loaded SQLite already): the database works on the
     * copied library, sqlite-jdbc made no copy of its own, and the copy is gone once the JVM exits.
     */
    @Test
    void sqliteRunsOnTheCopyAndTheCopyIsRemovedAtExit() throws Exception {
        Path out = Files.createTempFile("sqlite-library", ".txt");
        ChildJvm.run(k -> false, Probe.class, out.toString());

        List<String> lines = Files.readAllLines(out);
        Files.delete(out);
        Path copy = Path.of(lines.get(0));
        assertThat(lines.get(1)).as("SELECT sqlite_version()").matches("3\\.\\d+\\.\\d+");
        assertThat(lines.subList(2, lines.size())).as("native libraries mapped by the child")
                .anySatisfy(l -> assertThat(l).isEqualTo(copy.toString()))
                .noneSatisfy(l -> assertThat(l).contains("sqlite-").doesNotContain("openml-auth-sqlite-"));
        assertThat(copy).doesNotExist();
        assertThat(copy.getParent()).doesNotExist();
    }

    private static void restore(String property, String value) {
        if (value == null) System.clearProperty(property);
        else System.setProperty(property, value);
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
            // The shared objects this process mapped: which SQLite library it runs on.
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(l -> l.replaceFirst("^(\\S+\\s+){5}", "").strip())
                    .filter(l -> l.endsWith(".so") && l.contains("sqlite")).distinct()
                    .forEach(l -> report.append(l).append('\n'));
            Files.writeString(Path.of(args[0]), report);
        }
    }
}

package org.openml.auth.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Loads sqlite-jdbc's native library the quick way. Left to itself, sqlite-jdbc copies the library
 * out of the jar on every start and then compares the copy with the original through an MD5 read
 * one byte at a time: about 80 ms of a start of 0.8 s (docs/benchmarks.md). This copies it in one
 * go into a new directory only this user can open (as unguessable as sqlite-jdbc's own file name, so
 * nobody can swap the file in between), has sqlite-jdbc load it from there, and removes it at once:
 * the loaded library stays mapped, and nothing is left in the temporary directory even when the
 * JVM is killed.
 *
 * <p>Only for this server's own JVM: it sets sqlite-jdbc's system properties, which an embedding
 * application may want to choose itself. Where the operator set them, or the library is not in the
 * jar for this platform, or anything fails, sqlite-jdbc loads its library as it always did.
 */
final class SqliteLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static final String PREFIX = "openml-auth-sqlite-";

    private SqliteLibrary() {}

    /** Copies the library out, has sqlite-jdbc load it, removes the copy; whether it did. */
    static boolean prepare() {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) return false;
        Optional<Path> copy = copy();
        if (copy.isEmpty()) return false;
        Path file = copy.get();
        System.setProperty(PATH_PROPERTY, file.getParent().toString());
        System.setProperty(NAME_PROPERTY, file.getFileName().toString());
        try {
            return SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            // sqlite-jdbc falls back to its own copy when the database opens, and reports there.
            return false;
        } finally {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.getParent());
            } catch (IOException e) {
                // Where a loaded library cannot be removed (Windows), deleteOnExit does it.
            }
        }
    }

    /** The library copied into a new owner-only directory (removed at exit at the latest); empty where it cannot be. */
    static Optional<Path> copy() {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = SqliteLibrary.class.getResourceAsStream(resource)) {
            if (in == null) return Optional.empty();
            // Where sqlite-jdbc itself would write it (a tmp mounted noexec is why operators set this).
            String base = System.getProperty("org.sqlite.tmpdir");
            Path dir = base == null ? Files.createTempDirectory(PREFIX) : Files.createTempDirectory(Path.of(base), PREFIX);
            Path file = dir.resolve(name);
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit(); // removed first: the JVM deletes in the reverse order
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(file);
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc's own way still works; a start is not worth failing for a faster one.
            return Optional.empty();
        }
    }
}

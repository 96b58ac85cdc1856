package org.openml.auth.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Hands sqlite-jdbc its native library ready to load. Left to itself, sqlite-jdbc copies the
 * library out of the jar on every start and then compares the copy with the original through an
 * MD5 read one byte at a time: about 80 ms of a start of 0.8 s (docs/benchmarks.md). This copies
 * it in one go into a new directory only this user can open (as unguessable as sqlite-jdbc's own
 * file name, so nobody can swap the file in between), points sqlite-jdbc at it, and removes both
 * when the JVM exits.
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

    /** Copies the library out and points sqlite-jdbc at it; whether it did. */
    static boolean prepare() {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) return false;
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = SqliteLibrary.class.getResourceAsStream(resource)) {
            if (in == null) return false;
            // Where sqlite-jdbc itself would write it (a tmp mounted noexec is why operators set this).
            String base = System.getProperty("org.sqlite.tmpdir");
            Path dir = base == null ? Files.createTempDirectory(PREFIX) : Files.createTempDirectory(Path.of(base), PREFIX);
            Path file = dir.resolve(name);
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit(); // removed first: the JVM deletes in the reverse order
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.setProperty(PATH_PROPERTY, dir.toString());
            System.setProperty(NAME_PROPERTY, name);
            return true;
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc's own way still works; a start is not worth failing for a faster one.
            return false;
        }
    }
}

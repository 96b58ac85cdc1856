package org.openml.auth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment of a test server on a free loopback port with its own SQLite file. */
final class ServerEnv {
    private ServerEnv() {}

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PORT, HOST, NEXTAUTH_URL and NEXTAUTH_SECRET for {@code port}, SQLITE_PATH in {@code dir}; a map to add to. */
    static Map<String, String> sqlite(Path dir, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", "http://127.0.0.1:" + port);
        env.put("NEXTAUTH_SECRET", "server-env-test-secret-0123456789abcdef0123");
        env.put("SQLITE_PATH", dir.resolve("auth.db").toString());
        return env;
    }
}

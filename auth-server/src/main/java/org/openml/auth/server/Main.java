package org.openml.auth.server;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code java -jar openml-auth-server.jar [serve|init-db [--legacy]|doctor]}. */
public final class Main {
    /** The options each command takes. */
    private static final Map<String, Set<String>> OPTIONS = Map.of("serve", Set.of(), "init-db", Set.of("--legacy", "--from-nextjs"),
            "doctor", Set.of(), "health", Set.of());

    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String command, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(new String[] {command}, env, out, err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        // --env-file PATH, anywhere: the file's settings, the environment winning over them.
        List<String> rest = new java.util.ArrayList<>(Arrays.asList(args));
        Map<String, String> sources = new java.util.TreeMap<>();
        int at = rest.indexOf("--env-file");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                err.println("--env-file needs a path, e.g. --env-file .env.local");
                return 2;
            }
            java.nio.file.Path file = java.nio.file.Path.of(rest.get(at + 1));
            try {
                env = EnvFile.merge(EnvFile.read(file), file, env, sources);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
            rest.remove(at + 1);
            rest.remove(at);
        }
        // Before the first log line: Logback is configured then, from these settings.
        LogSetup.useSettings(env);
        args = rest.toArray(String[]::new);
        String command = args.length == 0 ? "serve" : args[0];
        List<String> options = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.println("""
                    Usage: java -jar openml-auth-server.jar [command]

                    Commands:
                      serve              start the server (default)
                      init-db            create or upgrade this server's tables, then exit; on MySQL
                                         it never touches OpenML's users, groups, users_groups
                      init-db --legacy   on an EMPTY MySQL/MariaDB database (created if missing):
                                         first OpenML's own tables (users, groups, …), then the above
                      init-db --from-nextjs
                                         as init-db, then take over the links OpenML's Next.js app
                                         mailed (hashed here, its plaintext rows removed); run it
                                         once that app no longer serves /auth/* (docs/migration.md)
                      doctor             print the configuration in use (no secrets) and check the
                                         database, its schema, SMTP and NEXTAUTH_URL; exit 1 on problems
                      users …            the operator's commands on the configured database:
                                         find, show, confirm, send-reset, revoke-sessions, delete
                                         (java -jar openml-auth-server.jar users for details)
                      health             ask the server running on this machine (PORT) for /health;
                                         exit 0 when it answers 200 (for a container's health check)

                    Options (any command):
                      --env-file PATH    read settings from PATH (NAME=value lines, as .env.local);
                                         the environment wins over the file

                    Configuration comes from environment variables; see docs/configuration.md.""");
            return 0;
        }
        if (command.equals("users")) {
            AuthServerConfig usersConfig;
            try {
                usersConfig = AuthServerConfig.fromEnv(env);
            } catch (AuthServerConfig.ConfigException e) {
                err.println(e.getMessage());
                return 2;
            }
            prepareDatabaseDriver(usersConfig);
            return UsersCommand.run(usersConfig, options, out, err);
        }
        Set<String> allowed = OPTIONS.get(command);
        if (allowed == null) {
            err.println("Unknown command '" + command + "'. Try --help.");
            return 2;
        }
        for (String option : options) {
            if (!allowed.contains(option)) {
                err.println("Unknown option '" + option + "' for " + command + ". Try --help.");
                return 2;
            }
        }
        AuthServerConfig config;
        try {
            config = AuthServerConfig.fromEnv(env);
        } catch (AuthServerConfig.ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (!command.equals("health")) prepareDatabaseDriver(config);
        return switch (command) {
            case "serve" -> serve(config);
            case "init-db" -> Doctor.initDb(config, options.contains("--legacy"), options.contains("--from-nextjs"), out, err);
            case "doctor" -> Doctor.check(config, env, sources, out, err);
            case "health" -> health(config.port(), out, err);
            default -> {
                err.println("Unknown command '" + command + "'. Try --help.");
                yield 2;
            }
        };
    }

    /** GET http://127.0.0.1:PORT/health within 3 s: 0 when it answers 200, 1 otherwise. */
    static int health(int port, PrintStream out, PrintStream err) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(3)).build()
                    .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(java.time.Duration.ofSeconds(3)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                out.println("healthy");
                return 0;
            }
            err.println("unhealthy: /health answered " + r.statusCode());
        } catch (java.io.IOException e) {
            // A refused connection carries no message of its own.
            err.println("unhealthy: no answer from http://127.0.0.1:" + port + "/health ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("unhealthy: interrupted");
        }
        return 1;
    }

    /** SQLite's native library, loaded the quick way, for a command that opens the database. */
    private static void prepareDatabaseDriver(AuthServerConfig config) {
        if (config.mysql().isEmpty()) SqliteLibrary.prepare();
    }

    private static int serve(AuthServerConfig config) {
        // Jetty sizes its padding by whether object references are compressed, and asks JMX, which
        // starts the platform MBean server: 50–65 ms of every start. They are below 32 GiB of heap
        // (the JVM's default); padding for the other case is only a little less effective.
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null && Runtime.getRuntime().maxMemory() < 32L << 30) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
        AuthServer server = AuthServer.create(config).start();
        // SIGTERM (docker stop, Kubernetes): not ready at once, serve through the grace, then close.
        Runtime.getRuntime().addShutdownHook(new Thread(server::drain, "shutdown"));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

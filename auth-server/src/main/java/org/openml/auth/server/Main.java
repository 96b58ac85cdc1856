package org.openml.auth.server;

import java.io.PrintStream;
import java.util.Map;

/** {@code java -jar openml-auth-server.jar [serve|init-db|doctor]}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        System.exit(run(command, System.getenv(), System.out, System.err));
    }

    static int run(String command, Map<String, String> env, PrintStream out, PrintStream err) {
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.println("""
                    Usage: java -jar openml-auth-server.jar [command]

                    Commands:
                      serve     start the server (default)
                      init-db   create the database schema if missing, then exit
                      doctor    print the configuration in use and check the database and SMTP

                    Configuration comes from environment variables; see docs/configuration.md.""");
            return 0;
        }
        AuthServerConfig config;
        try {
            config = AuthServerConfig.fromEnv(env);
        } catch (AuthServerConfig.ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        return switch (command) {
            case "serve" -> serve(config);
            case "init-db" -> Doctor.initDb(config, out, err);
            case "doctor" -> Doctor.check(config, out, err);
            default -> {
                err.println("Unknown command '" + command + "'. Try --help.");
                yield 2;
            }
        };
    }

    private static int serve(AuthServerConfig config) {
        AuthServer server = AuthServer.create(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

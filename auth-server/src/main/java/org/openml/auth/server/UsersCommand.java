package org.openml.auth.server;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.port.in.Administration;
import org.openml.auth.core.port.in.Administration.Action;
import org.openml.auth.core.port.in.Administration.Actor;
import org.openml.auth.core.port.in.Administration.Result;

/**
 * {@code users find|show|confirm|send-reset|revoke-sessions|delete …}: the operator's commands on
 * the configured database. Each prints what it did; none prints a password hash or an API key.
 */
final class UsersCommand {
    static final String USAGE = """
            Usage: java -jar openml-auth-server.jar users <action> <argument>
              users find <text>                          accounts whose address, username or names contain text
              users show <id|email|username>             one account (never its password or API key)
              users confirm <id|email|username>          mark its address confirmed
              users lock <id|email|username>             refuse every sign-in and API key, end every session
              users unlock <id|email|username>           lift the lock
              users send-reset <id|email|username>       mail it a password-reset link
              users revoke-sessions <id|email|username>  end every session, on every node
              users delete <id|email|username>           delete it (anonymised when it has uploads)""";

    private UsersCommand() {}

    static int run(AuthServerConfig config, List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2) {
            err.println(USAGE);
            return 2;
        }
        String action = args.get(0);
        String argument = args.get(1);
        Optional<Action> act = Action.named(action);
        if (act.isEmpty() && !action.equals("find") && !action.equals("show")) {
            err.println("Unknown users action '" + action + "'.\n" + USAGE);
            return 2;
        }
        try (AuthServer server = AuthServer.create(config)) {
            if (!server.awaitStores(java.time.Duration.ofSeconds(30))) {
                err.println("The database is not reachable: " + server.storesDescription());
                return 1;
            }
            Administration admin = server.services().administration();
            if (action.equals("find")) {
                List<User> found = admin.find(argument, 100);
                found.forEach(u -> out.println(line(u)));
                out.println(found.size() + " account(s)" + (found.size() == 100 ? " (the first 100)" : ""));
                return 0;
            }
            Optional<Administration.Account> account = admin.show(argument);
            if (account.isEmpty()) {
                err.println("No account is " + argument);
                return 1;
            }
            User user = account.get().user();
            if (action.equals("show")) {
                show(account.get(), out);
                return 0;
            }
            Result result = admin.perform(Actor.operator(), act.orElseThrow(), user.id());
            // Mails (a reset link, a last notice) leave now: this process ends next.
            server.services().sendQueuedMail();
            if (result instanceof Result.Done done) {
                out.println("user " + user.id().value() + " (" + user.email().value() + "): " + done.what());
                return 0;
            }
            err.println("user " + user.id().value() + ": refused (" + ((Result.Refused) result).code().code() + ")");
            return 1;
        }
    }

    private static String line(User u) {
        return u.id().value() + "\t" + u.username().value() + "\t" + u.email().value() + "\t" + (u.active() ? "active" : "inactive");
    }

    private static void show(Administration.Account a, PrintStream out) {
        User u = a.user();
        out.println("id:             " + u.id().value());
        out.println("username:       " + u.username().value());
        out.println("email:          " + u.email().value() + (a.addressProven() ? " (confirmed)" : " (not confirmed)"));
        out.println("name:           " + u.displayName());
        out.println("active:         " + u.active());
        out.println("locked:         " + a.locked());
        out.println("created:        " + DateTimeFormatter.ISO_INSTANT.format(u.createdAt()));
        out.println("linked:         " + a.linkedProvider().orElse("none"));
        out.println("passkeys:       " + a.passkeys());
        out.println("live sessions:  " + a.liveSessions());
        out.println("API key:        " + (u.apiKey().isPresent() ? "set" : "none"));
    }
}

package org.openml.auth.examples;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.openml.auth.core.domain.Principal;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.password.BoundedPasswordHasher;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.http.AuthPlugin;
import org.openml.auth.http.ErrorResponses;
import org.openml.auth.http.RequestSessions;
import org.openml.auth.jdbc.JdbcStores;
import org.openml.auth.mail.LogMailer;
import org.openml.auth.password.legacy.LegacyHashFormats;

/**
 * An example service that embeds OpenML Auth in its own Javalin app:
 * <ul>
 *   <li>the auth routes under {@code /auth} ({@code /auth/api/auth/register}, {@code /auth/api/auth/session}, …);</li>
 *   <li>{@code GET /me}: its own endpoint for signed-in users (session cookie or Bearer session token);</li>
 *   <li>{@code GET|POST /datasets}: its own endpoint for API-key holders ({@code api_key} parameter or
 *       {@code Authorization: Bearer}); POST needs a key of a user who may write.</li>
 * </ul>
 * Run it with {@code java -cp … org.openml.auth.examples.DatasetService} (port 8080, SQLite in
 * {@code data/example.db}, mails to the log).
 */
public final class DatasetService {
    private DatasetService() {}

    /** The app, not started: wire it to any {@link AuthServices} (the tests use the testkit's). */
    public static Javalin create(AuthServices auth, Clock clock) {
        RequestSessions sessions = new RequestSessions(auth);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new AuthPlugin(auth, clock, "/auth"));
            ErrorResponses.install(config.routes);
            config.routes.get("/me", ctx -> {
                Optional<Session> session = sessions.of(ctx);
                if (session.isEmpty()) {
                    ctx.status(401).json(Map.of("error", "Sign in first"));
                    return;
                }
                ctx.json(Map.of("username", session.get().username(), "email", session.get().email()));
            });
            config.routes.get("/datasets", ctx -> datasets(ctx, auth, false));
            config.routes.post("/datasets", ctx -> datasets(ctx, auth, true));
        });
    }

    private static void datasets(Context ctx, AuthServices auth, boolean write) {
        String header = ctx.header("Authorization");
        String key = header != null && header.startsWith("Bearer ") ? header.substring(7) : ctx.queryParam("api_key");
        Optional<Principal> who = auth.apiKeys().authenticate(key);
        if (who.isEmpty()) {
            ctx.status(401).json(Map.of("error", "Invalid API key provided.", "legacyCode", 103));
        } else if (write && !who.get().mayWrite()) {
            ctx.status(403).json(Map.of("error", "Your account may only read.", "legacyCode", 104));
        } else {
            ctx.json(Map.of("owner", who.get().username().value(), "datasets", write ? "created" : "listed"));
        }
    }

    public static void main(String[] args) {
        JdbcStores stores = JdbcStores.sqlite(Path.of("data/example.db"));
        Clock clock = Clock.systemUTC();
        int cores = Runtime.getRuntime().availableProcessors();
        AuthServices auth = AuthServices.builder()
                .stores(stores)
                .passwordHasher(new BoundedPasswordHasher(new Argon2PasswordHasher(Argon2Parameters.OPENML,
                        LegacyHashFormats.all()), cores, 16 * cores, Duration.ofSeconds(1)))
                .mailer(new LogMailer())
                .clock(clock)
                .publicUrl(URI.create("http://localhost:8080"))
                .sessionSecret(Optional.ofNullable(System.getenv("NEXTAUTH_SECRET")).orElse("example-secret-change-me-0123456789abcdef"))
                .build();
        create(auth, clock).start(8080);
    }
}

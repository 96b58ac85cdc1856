package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.RecordingMailer;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/openapi.yaml is the HTTP reference: every route in it exists on the server and every
 * server route is in it, and real answers have the documented shapes.
 */
class OpenApiContractTest {
    static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "delete", "patch");
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dir;
    static Map<String, Object> spec;
    static AuthServer server;
    static RecordingMailer mailer = new RecordingMailer();
    static String base;
    final List<String> checked = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        spec = load(findSpec());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://localhost:" + port;
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", base);
        env.put("NEXTAUTH_SECRET", "openapi-test-secret-0123456789abcdef0123");
        env.put("SQLITE_PATH", dir.resolve("auth.db").toString());
        server = AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), mailer).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static Path findSpec() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("docs/openapi.yaml");
            if (Files.exists(candidate)) return candidate;
        }
        throw new AssertionError("docs/openapi.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Set<String> documented = new TreeSet<>();
        map(spec.get("paths")).forEach((path, item) -> map(item).keySet().stream().filter(HTTP_METHODS::contains)
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        assertThat(new TreeSet<>(server.routes())).isEqualTo(documented);
    }

    @Test
    void answersHaveTheDocumentedShapes() {
        AuthHttpClient browser = new AuthHttpClient(URI.create(base));
        check("/api/auth/register", "post", browser.postJson("/api/auth/register",
                Map.of("firstName", "Ada", "lastName", "L", "email", "ada@example.org", "password", PASSWORD)));
        check("/api/auth/register", "post", browser.postJson("/api/auth/register", Map.of("email", "x")));
        check("/api/auth/check-email", "get", browser.get("/api/auth/check-email?email=ada%40example.org"));
        check("/api/auth/check-email", "get", browser.get("/api/auth/check-email"));
        String token = RecordingMailer.tokenOf(mailer.lastTo("ada@example.org", Mail.Confirmation.class).orElseThrow().link());
        check("/api/auth/confirm-email", "get", browser.get("/api/auth/confirm-email?token=" + token));
        check("/api/auth/confirm-email", "get", browser.get("/api/auth/confirm-email?token=" + token));
        check("/api/auth/resend-confirmation", "post", browser.postJson("/api/auth/resend-confirmation", Map.of("email", "a@b.org")));
        check("/api/auth/forgot-password", "post", browser.postJson("/api/auth/forgot-password", Map.of("email", "nope")));
        check("/api/auth/reset-password", "post", browser.postJson("/api/auth/reset-password", Map.of("token", "x", "password", PASSWORD)));
        check("/api/auth/confirm", "post", browser.postJson("/api/auth/confirm", Map.of()));
        check("/api/auth/providers", "get", browser.get("/api/auth/providers"));
        check("/api/auth/session", "get", browser.get("/api/auth/session"));
        check("/api/auth/callback/credentials", "post", browser.postForm("/api/auth/callback/credentials",
                Map.of("email", "ada@example.org", "password", PASSWORD, "json", "true")));
        check("/api/auth/callback/credentials", "post", browser.signIn("ada@example.org", "wrong password"));
        check("/api/user/api-key", "get", browser.get("/api/user/api-key"));
        check("/api/auth/callback/credentials", "post", browser.signIn("ada@example.org", PASSWORD));
        check("/api/auth/csrf", "get", browser.get("/api/auth/csrf"));
        check("/api/auth/session", "get", browser.get("/api/auth/session"));
        Response key = browser.get("/api/user/api-key");
        check("/api/user/api-key", "get", key);
        check("/api/user/whoami", "get", browser.get("/api/user/whoami?api_key=" + key.json().get("apikey")));
        check("/api/user/whoami", "post", browser.postForm("/api/user/whoami", Map.of()));
        check("/api/user/api-key/regenerate", "post", browser.postJson("/api/user/api-key/regenerate", Map.of()));
        check("/api/user/api-key/regenerate", "post",
                browser.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", browser.csrfToken()));
        check("/api/auth/signout-everywhere", "post", new AuthHttpClient(URI.create(base)).postForm("/api/auth/signout-everywhere",
                Map.of("json", "true")));
        check("/api/auth/signout-everywhere", "post", browser.postForm("/api/auth/signout-everywhere", Map.of("json", "true")));
        check("/api/auth/signout", "post", browser.postForm("/api/auth/signout", Map.of("json", "true")));
        check("/api/auth/signout", "post", browser.postForm("/api/auth/signout", Map.of("csrfToken", browser.csrfToken(), "json", "true")));
        browser.signIn("ada@example.org", PASSWORD);
        check("/api/auth/signout-everywhere", "post",
                browser.postForm("/api/auth/signout-everywhere", Map.of("csrfToken", browser.csrfToken(), "json", "true")));
        check("/health", "get", browser.get("/health"));
        check("/ready", "get", browser.get("/ready"));
        assertThat(checked).hasSizeGreaterThan(25);
    }

    /** Checks a real answer against the schema the spec documents for its status. */
    void check(String path, String method, Response response) {
        Map<String, Object> operation = map(map(map(spec.get("paths")).get(path)).get(method));
        assertThat(operation).as(method + " " + path + " in the spec").isNotNull();
        Map<String, Object> responses = map(operation.get("responses"));
        Object documented = responses.get(Integer.toString(response.status()));
        assertThat(documented).as(method + " " + path + " documents status " + response.status() + " (" + response.body() + ")").isNotNull();
        Map<String, Object> answer = resolve(documented);
        if (answer.get("content") != null) {
            Map<String, Object> schema = map(map(map(answer.get("content")).get("application/json")).get("schema"));
            Object body = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(response.json(), Object.class);
            List<String> problems = new ArrayList<>();
            validate(schema, body, "$", problems);
            assertThat(problems).as(method + " " + path + " " + response.status() + ": " + response.body()).isEmpty();
        }
        checked.add(method + " " + path + " " + response.status());
    }

    static Map<String, Object> resolve(Object node) {
        Map<String, Object> m = map(node);
        Object ref = m.get("$ref");
        if (ref == null) return m;
        Object target = spec;
        for (String part : ((String) ref).substring(2).split("/")) target = map(target).get(part);
        return resolve(target);
    }

    /** The subset of JSON Schema the spec uses: $ref, oneOf, type, const, enum, pattern, required, properties, additionalProperties, maxProperties, items. */
    @SuppressWarnings("unchecked")
    static void validate(Map<String, Object> rawSchema, Object value, String at, List<String> problems) {
        Map<String, Object> schema = resolve(rawSchema);
        if (schema.containsKey("oneOf")) {
            int matching = 0;
            for (Object option : (List<Object>) schema.get("oneOf")) {
                List<String> sub = new ArrayList<>();
                validate(map(option), value, at, sub);
                if (sub.isEmpty()) matching++;
            }
            if (matching != 1) problems.add(at + ": matches " + matching + " of oneOf");
            return;
        }
        Object type = schema.get("type");
        if (type != null) {
            List<String> types = type instanceof List ? (List<String>) type : List.of((String) type);
            if (types.stream().noneMatch(t -> hasType(t, value))) {
                problems.add(at + ": expected " + types + " but was " + value);
                return;
            }
        }
        if (schema.containsKey("const") && !String.valueOf(schema.get("const")).equals(String.valueOf(value))) {
            problems.add(at + ": expected " + schema.get("const") + " but was " + value);
        }
        if (schema.containsKey("enum") && ((List<Object>) schema.get("enum")).stream().noneMatch(e -> String.valueOf(e).equals(String.valueOf(value)))) {
            problems.add(at + ": " + value + " not in " + schema.get("enum"));
        }
        if (schema.containsKey("pattern") && value instanceof String s && !Pattern.compile((String) schema.get("pattern")).matcher(s).find()) {
            problems.add(at + ": " + s + " does not match " + schema.get("pattern"));
        }
        if (value instanceof Map<?, ?> object) {
            for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!object.containsKey(required)) problems.add(at + ": missing " + required);
            }
            if (schema.containsKey("maxProperties") && object.size() > ((Number) schema.get("maxProperties")).intValue()) {
                problems.add(at + ": more than " + schema.get("maxProperties") + " properties");
            }
            Map<String, Object> properties = schema.containsKey("properties") ? map(schema.get("properties")) : Map.of();
            for (Map.Entry<?, ?> e : object.entrySet()) {
                String name = (String) e.getKey();
                if (properties.containsKey(name)) {
                    validate(map(properties.get(name)), e.getValue(), at + "." + name, problems);
                } else if (schema.get("additionalProperties") instanceof Map) {
                    validate(map(schema.get("additionalProperties")), e.getValue(), at + "." + name, problems);
                } else if (!properties.isEmpty()) {
                    problems.add(at + ": undocumented property " + name);
                }
            }
        }
        if (value instanceof List<?> list && schema.containsKey("items")) {
            for (int i = 0; i < list.size(); i++) validate(map(schema.get("items")), list.get(i), at + "[" + i + "]", problems);
        }
    }

    static boolean hasType(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            default -> false;
        };
    }
}

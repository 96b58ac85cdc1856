package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * Oversized and malformed bodies on every route that takes one (from the running server, so new
 * routes are included), sent anonymously and as a signed-in user with a valid CSRF token (so the
 * body reaches the parsing behind the cross-site check). Every answer is a clear 4xx in JSON,
 * never a 5xx or a stack trace, and nothing in the database changes. The parser itself is fuzzed
 * by {@code RequestParsingPropertiesTest}.
 */
class MalformedBodiesTest {
    static final String USER = "ada@example.org";

    @RegisterExtension
    static final AttackTarget.PerClass target = new AttackTarget.PerClass(USER);

    record Body(String contentType, byte[] bytes) {
        static Body of(String contentType, String text) {
            return new Body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Bodies no route can read: every route that reads a body answers 4xx to them, whoever sends them. */
    static Map<String, Body> unreadable() {
        String json = "application/json";
        String form = "application/x-www-form-urlencoded";
        Map<String, Body> bodies = new LinkedHashMap<>();
        bodies.put("truncated JSON", Body.of(json, "{\"email\":\"ada@exa"));
        bodies.put("JSON array", Body.of(json, "[]"));
        bodies.put("JSON null", Body.of(json, "null"));
        bodies.put("JSON string", Body.of(json, "\"ada@example.org\""));
        bodies.put("JSON number", Body.of(json, "1e999999"));
        bodies.put("nested 5000 deep", Body.of(json, "{\"email\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        bodies.put("invalid UTF-8", new Body(json, new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}));
        bodies.put("lone surrogates", Body.of(json, "{\"email\":\"\\ud800@example.org\",\"firstName\":\"\\udfff\",\"lastName\":\"x\","
                + "\"password\":\"\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\",\"csrfToken\":\"\\udbff\"}"));
        bodies.put("broken form encoding", Body.of(form, "email=%ZZ&password=%&firstName=%E0%A4%A"));
        bodies.put("oversized JSON (70 KiB)", Body.of(json, "{\"email\":\"" + "a".repeat(70 * 1024) + "\"}"));
        bodies.put("oversized form (70 KiB)", Body.of(form, "email=" + "a".repeat(70 * 1024)));
        return bodies;
    }

    /**
     * Readable bodies with hostile values. A route that needs none of the fields may still do its
     * job (sign-out with an empty body is a sign-out), so these must only never fail with 5xx, and
     * never write anything when sent anonymously.
     */
    static Map<String, Body> hostile() {
        String json = "application/json";
        Map<String, Body> bodies = new LinkedHashMap<>();
        bodies.put("wrong types", Body.of(json, "{\"email\":[\"ada@example.org\"],\"password\":{\"$gt\":\"\"},\"firstName\":1,"
                + "\"lastName\":true,\"token\":[],\"passkeyId\":{},\"deviceName\":[1],\"credential\":42,\"url\":[]}"));
        bodies.put("NUL in values", Body.of(json, "{\"email\":\"ada\\u0000@example.org\",\"password\":\"a\\u0000bcdefghij\","
                + "\"firstName\":\"\\u0000\",\"lastName\":\"x\",\"token\":\"\\u0000\",\"url\":\"\\u0000\"}"));
        bodies.put("empty JSON body", Body.of(json, ""));
        bodies.put("form with 10000 fields", Body.of("application/x-www-form-urlencoded", "a=1&".repeat(10_000)));
        bodies.put("XML", Body.of("application/xml", "<a>&lt;</a>"));
        bodies.put("multipart without boundary", Body.of("multipart/form-data", "--x\r\n\r\n"));
        return bodies;
    }

    /** Routes that read no body: only the size limit applies to them. */
    static final java.util.Set<String> NO_BODY = java.util.Set.of("POST /api/auth/passkey/register-options");

    static List<String[]> routesWithBodies() {
        return target.get().routes().stream().filter(r -> r.startsWith("POST ") || r.startsWith("DELETE ") || r.startsWith("PUT ")
                || r.startsWith("PATCH ")).map(r -> new String[] {r.substring(0, r.indexOf(' ')),
                        AttackTarget.samplePath(r)}).toList();
    }

    @Test
    void unreadableAndOversizedBodiesGetA4xxAndChangeNothing() throws Exception {
        AuthHttpClient user = target.get().signedIn(USER);
        String csrf = user.csrfToken();
        String cookies = CsrfOnEveryRouteTest.cookieHeader(user);
        var before = target.get().snapshot();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String[] route : routesWithBodies()) {
            boolean readsBody = !NO_BODY.contains(route[0] + " " + route[1]);
            for (Map.Entry<String, Body> body : unreadable().entrySet()) {
                Body b = body.getValue();
                String request = route[0] + " " + route[1] + " " + body.getKey();
                boolean oversized = body.getKey().startsWith("oversized");
                if (!readsBody && !oversized) continue; // it would do its job, whatever the body
                for (Response r : List.of(send(request, route, b), send(request + " signed in", route, b, "Cookie", cookies, "X-CSRF-Token", csrf))) {
                    sent++;
                    if (oversized && r.status() != 413) failures.add(request + ": expected 413, got " + r.status() + " " + abbreviate(r.body()));
                    expectRefusal(failures, request, r);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(sent).isGreaterThan(300);
        assertThat(target.get().snapshot()).as("nothing written").isEqualTo(before);
        assertThat(user.get("/api/auth/session").json()).containsKey("user");
    }

    @Test
    void hostileValuesNeverFailWith5xxAndAnonymousOnesWriteNothing() throws Exception {
        AuthHttpClient user = target.get().signedIn(USER);
        String csrf = user.csrfToken();
        List<String> failures = new ArrayList<>();
        var before = target.get().snapshot();
        for (String[] route : routesWithBodies()) {
            for (Map.Entry<String, Body> body : hostile().entrySet()) {
                String request = route[0] + " " + route[1] + " " + body.getKey();
                Response r = send(request, route, body.getValue());
                if (r.status() >= 500 || r.body().contains("Exception")) failures.add(request + " -> " + r.status() + " " + abbreviate(r.body()));
            }
        }
        assertThat(target.get().snapshot()).as("nothing written by anonymous hostile bodies").isEqualTo(before);
        for (String[] route : routesWithBodies()) {
            for (Map.Entry<String, Body> body : hostile().entrySet()) {
                String request = route[0] + " " + route[1] + " " + body.getKey() + " signed in";
                Response r = send(request, route, body.getValue(), "Cookie", CsrfOnEveryRouteTest.cookieHeader(user), "X-CSRF-Token", csrf);
                if (r.status() >= 500 || r.body().contains("Exception")) failures.add(request + " -> " + r.status() + " " + abbreviate(r.body()));
                if (user.cookie("next-auth.session-token").isEmpty()) user = target.get().signedIn(USER); // a sign-out did its job
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * A refusal: 4xx in JSON with a code, no internals. NextAuth's form routes answer a refused
     * plain form post with a 302 to the sign-in or error page instead.
     */
    static void expectRefusal(List<String> failures, String request, Response r) {
        if (r.status() == 302) {
            String location = r.header("Location").orElse("");
            if (!location.contains("csrf=true") && !location.contains("/auth/error")) failures.add(request + " -> 302 to " + location);
        } else if (r.status() < 400 || r.status() >= 500) {
            failures.add(request + " -> " + r.status() + " " + abbreviate(r.body()));
        } else if (!r.body().startsWith("{") || !(r.body().contains("\"code\"") || r.body().contains("\"url\""))) {
            failures.add(request + ": not a JSON answer: " + abbreviate(r.body()));
        } else if (r.body().contains("Exception") || r.body().contains("\tat ")) {
            failures.add(request + ": leaks internals: " + abbreviate(r.body()));
        }
    }

    static Response send(String what, String[] route, Body b, String... headers) {
        try {
            return target.get().send(route[0], route[1], b.contentType(), b.bytes(), headers);
        } catch (IllegalStateException e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}

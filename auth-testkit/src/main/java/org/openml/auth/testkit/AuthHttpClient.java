package org.openml.auth.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small HTTP client for tests that behaves like one browser: it keeps cookies, does not follow
 * redirects, and speaks the JSON and form bodies of the auth routes.
 */
public final class AuthHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public AuthHttpClient(URI baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response postJson(String path, Map<String, ?> body, String... headers) {
        try {
            return postRaw(path, "application/json", JSON.writeValueAsString(body), headers);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Response postForm(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return postRaw(path, "application/x-www-form-urlencoded", body, headers);
    }

    public Response postRaw(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) builder.header("Content-Type", contentType);
        return send(builder);
    }

    /** A request with any method and a JSON body (e.g. {@code PATCH}). */
    public Response sendJson(String method, String path, Map<String, ?> body, String... headers) {
        try {
            HttpRequest.Builder builder = request(path, headers)
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return send(builder.header("Content-Type", "application/json"));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A request with any method and no body (e.g. {@code DELETE}). */
    public Response method(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** The CSRF token from {@code GET /api/auth/csrf} (this also sets the CSRF cookie). */
    public String csrfToken() {
        return (String) get("/api/auth/csrf").json().get("csrfToken");
    }

    /** Signs in as NextAuth's client does: CSRF token, then the credentials form with {@code json=true}. */
    public Response signIn(String login, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrfToken", csrfToken());
        form.put("email", login);
        form.put("password", password);
        form.put("json", "true");
        return postForm("/api/auth/callback/credentials", form);
    }

    /** The value of a cookie this client holds. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(baseUrl.getScheme() + "://" + baseUrl.getAuthority() + "/"), cookie);
    }

    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        // Paths are appended to the base (which may carry a prefix such as /auth); absolute URLs are taken as they are.
        String base = baseUrl.toString().replaceAll("/$", "");
        URI target = path.startsWith("http://") || path.startsWith("https://") ? URI.create(path) : URI.create(base + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** An answer: status, body, headers (names lower-case). */
    public record Response(int status, String body, Map<String, List<String>> headers) {
        /** The body as a JSON object. */
        public Map<String, Object> json() {
            try {
                return JSON.readValue(body, new TypeReference<>() {});
            } catch (IOException e) {
                throw new IllegalStateException("not a JSON object: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }
}

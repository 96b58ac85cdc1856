package org.openml.auth.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GitHub-shaped OAuth server on a JDK HttpServer: {@code /login/oauth/authorize} redirects at
 * once (or with {@code error=access_denied}), {@code /login/oauth/access_token} checks client,
 * redirect URI, single-use code and PKCE like GitHub, {@code /api/v3/user} and
 * {@code /api/v3/user/emails} answer for the issued token.
 */
final class FakeGitHub implements AutoCloseable {
    static final String CLIENT_ID = "gh-client";
    static final String CLIENT_SECRET = "gh-secret";

    private final HttpServer server;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    volatile long userId = 4242;
    volatile String name = "John Doe";
    volatile String login = "jdoe-gh";
    volatile String email = "john.doe@example.org";
    volatile boolean emailVerified = true;
    volatile boolean denyConsent;

    private record Grant(String redirectUri, String challenge) {}

    FakeGitHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/login/oauth/authorize", this::authorize);
        server.createContext("/login/oauth/access_token", this::token);
        server.createContext("/api/v3/user", this::user);
        server.start();
    }

    URI webUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI apiUrl() {
        return URI.create(webUrl() + "/api/v3");
    }

    OAuthClientConfig config() {
        return new OAuthClientConfig(CLIENT_ID, CLIENT_SECRET, webUrl(), apiUrl());
    }

    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = parse(x.getRequestURI().getRawQuery());
        String redirect = q.get("redirect_uri");
        if (!CLIENT_ID.equals(q.get("client_id")) || redirect == null || !"S256".equals(q.get("code_challenge_method"))) {
            send(x, 400, "{\"error\":\"bad request\"}");
            return;
        }
        String target;
        if (denyConsent) {
            target = redirect + "?error=access_denied&error_description=denied&state=" + enc(q.get("state"));
        } else {
            String code = UUID.randomUUID().toString();
            codes.put(code, new Grant(redirect, q.get("code_challenge")));
            target = redirect + "?code=" + enc(code) + "&state=" + enc(q.get("state"));
        }
        x.getResponseHeaders().add("Location", target);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> f = parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
            send(x, 200, "{\"error\":\"incorrect_client_credentials\"}");
            return;
        }
        Grant grant = codes.remove(f.getOrDefault("code", ""));
        if (grant == null || !grant.redirectUri.equals(f.get("redirect_uri"))) {
            send(x, 200, "{\"error\":\"bad_verification_code\"}");
            return;
        }
        if (!s256(f.getOrDefault("code_verifier", "")).equals(grant.challenge)) {
            send(x, 200, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE\"}");
            return;
        }
        String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, "ok");
        send(x, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}");
    }

    private void user(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !tokens.containsKey(auth.replace("Bearer ", ""))) {
            send(x, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        if (x.getRequestURI().getPath().endsWith("/emails")) {
            send(x, 200, "[{\"email\":\"other@example.net\",\"primary\":false,\"verified\":true},"
                    + "{\"email\":\"" + email + "\",\"primary\":true,\"verified\":" + emailVerified + "}]");
        } else {
            send(x, 200, "{\"id\":" + userId + ",\"login\":\"" + login + "\",\"name\":\"" + name
                    + "\",\"email\":null,\"avatar_url\":\"https://avatars.example/u/" + userId + "\"}");
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    static Map<String, String> parse(String query) {
        Map<String, String> out = new HashMap<>();
        if (query == null || query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

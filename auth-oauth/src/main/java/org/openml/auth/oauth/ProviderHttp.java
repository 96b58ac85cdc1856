package org.openml.auth.oauth;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** JSON over the JDK client, with failures sorted into "provider down" and "provider said no". */
final class ProviderHttp {
    private final HttpClient http;

    ProviderHttp(HttpClient http) {
        this.http = http;
    }

    /** The provider could not be reached, timed out, or answered 5xx. */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The provider answered, but not with what the flow needs (4xx, an error object, junk). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    Map<String, Object> postForm(URI uri, Map<String, String> form, String... headers) throws Unavailable, Refused {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(OAuthProviders.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return object(send(b.build(), uri), uri);
    }

    Map<String, Object> getObject(URI uri, String... headers) throws Unavailable, Refused {
        return object(send(get(uri, headers), uri), uri);
    }

    List<Object> getArray(URI uri, String... headers) throws Unavailable, Refused {
        String body = send(get(uri, headers), uri);
        try {
            return JSONArrayUtils.parse(body);
        } catch (ParseException e) {
            throw new Refused(uri.getPath() + " did not answer a JSON array");
        }
    }

    private static HttpRequest get(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(OAuthProviders.TIMEOUT).header("Accept", "application/json").GET();
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return b.build();
    }

    private String send(HttpRequest request, URI uri) throws Unavailable, Refused {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable(uri.getHost() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) throw new Unavailable(uri.getPath() + " answered HTTP " + status, null);
        if (status >= 400) {
            throw new Refused(uri.getPath() + " answered HTTP " + status + errorOf(response.body()));
        }
        return response.body();
    }

    private static Map<String, Object> object(String body, URI uri) throws Refused {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw new Refused(uri.getPath() + " did not answer a JSON object");
        }
    }

    /** The OAuth {@code error} code of an answer, never its description (which may echo input). */
    private static String errorOf(String body) {
        try {
            Object error = JSONObjectUtils.parse(body).get("error");
            return error instanceof String s ? " (" + (s.length() > 40 ? s.substring(0, 40) : s) + ")" : "";
        } catch (ParseException | RuntimeException e) {
            return "";
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String text(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v == null ? "" : v instanceof String s ? s : String.valueOf(v);
    }
}

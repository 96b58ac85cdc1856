package org.openml.auth.http;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openml.auth.core.error.ErrorCode;
import org.openml.auth.core.error.RateLimitedException;
import org.openml.auth.core.port.in.Refusal;

/**
 * A refusal the routes throw, as Javalin's own {@code UnauthorizedResponse} is: its status, stable
 * code and message, and for next-auth's routes the {@code url} the client is sent to. Every route
 * refuses this way; {@link ErrorResponses} answers them all, so the answer's shape is decided in
 * one place.
 */
public final class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String url;
    private final boolean jsonUrl;
    private final Map<String, String> headers;
    private final Map<String, Object> fields;

    public HttpProblem(int status, String code, String message) {
        this(status, code, message, null, false, Map.of(), Map.of());
    }

    private HttpProblem(int status, String code, String message, String url, boolean jsonUrl, Map<String, String> headers,
            Map<String, Object> fields) {
        super(message, null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.url = url;
        this.jsonUrl = jsonUrl;
        this.headers = headers;
        this.fields = fields;
    }

    static HttpProblem of(ErrorCode code) {
        return new HttpProblem(ErrorResponses.status(code), code.code(), code.message());
    }

    /** A refusal a use case returned. */
    static HttpProblem of(Refusal refusal) {
        return of(refusal.code());
    }

    /**
     * A refusal on next-auth's routes: its client posts {@code json=true} and reads {@code url}
     * ({@code {url, code, message}}); a plain form post is redirected to {@code url} instead.
     */
    static HttpProblem toUrl(ErrorCode code, String url, boolean json) {
        return new HttpProblem(ErrorResponses.status(code), code.code(), code.message(), Objects.requireNonNull(url, "url"),
                json, Map.of(), Map.of());
    }

    /** The same refusal, answered with {@code Retry-After} (whole seconds, at least 1). */
    HttpProblem retryAfter(Duration wait) {
        return withHeader("Retry-After", Long.toString(RateLimitedException.seconds(wait)));
    }

    /** The same refusal with {@code WWW-Authenticate: scheme}. */
    HttpProblem challenge(String scheme) {
        return withHeader("WWW-Authenticate", scheme);
    }

    /** The same refusal with OpenML's legacy REST error number in the body ({@code legacyCode}). */
    HttpProblem legacyCode(int legacyCode) {
        return field("legacyCode", legacyCode);
    }

    /** The same refusal with one more field in the body, e.g. {@code unknownCredential: true}. */
    HttpProblem field(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(name, value);
        return new HttpProblem(status, code, getMessage(), url, jsonUrl, headers, Collections.unmodifiableMap(more));
    }

    private HttpProblem withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpProblem(status, code, getMessage(), url, jsonUrl, Collections.unmodifiableMap(more), fields);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Where next-auth's client is sent; empty for the JSON-only answers. */
    Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** With a {@link #url()}: whether to answer {@code {url, code, message}} rather than redirect. */
    boolean jsonUrl() {
        return jsonUrl;
    }

    /** Headers the answer carries ({@code Retry-After}, {@code WWW-Authenticate}). */
    Map<String, String> headers() {
        return headers;
    }

    /** Body fields after {@code code} (e.g. {@code legacyCode}). */
    Map<String, Object> fields() {
        return fields;
    }
}

package org.openml.auth.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a request body, JSON or form-encoded (NextAuth's client posts forms). Bodies
 * over 64 KiB are refused with 413 before being read whole; malformed JSON and non-string
 * fields with 400. Nothing is changed before the body has been accepted.
 */
final class RequestBody {
    static final int MAX_BYTES = 64 * 1024;

    private final Map<String, String> fields;
    private final boolean form;
    /** The JSON values as sent (objects and numbers too); empty for form bodies. */
    private final Map<String, JsonNode> nodes;

    private RequestBody(Map<String, String> fields, boolean form) {
        this(fields, form, Map.of());
    }

    private RequestBody(Map<String, String> fields, boolean form, Map<String, JsonNode> nodes) {
        this.fields = fields;
        this.form = form;
        this.nodes = nodes;
    }

    static RequestBody of(Context ctx) {
        byte[] bytes = readCapped(ctx);
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase();
        if (contentType.contains("application/x-www-form-urlencoded")) {
            return new RequestBody(parseForm(new String(bytes, StandardCharsets.UTF_8)), true);
        }
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return new RequestBody(Map.of(), false);
        }
        JsonNode root;
        try {
            root = Json.parse(bytes);
        } catch (IOException e) {
            throw new HttpProblem(400, "invalid_json", "Request body is not valid JSON");
        }
        if (root == null || !root.isObject()) throw new HttpProblem(400, "invalid_json", "Request body must be a JSON object");
        Map<String, String> fields = new HashMap<>();
        Map<String, JsonNode> nodes = new HashMap<>();
        var names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = root.get(name);
            if (value.isNull()) continue;
            nodes.put(name, value);
            if (value.isTextual()) {
                fields.put(name, wellFormed(value.textValue()));
            } else if (value.isBoolean() && name.equals("json")) {
                fields.put(name, Boolean.toString(value.booleanValue()));
            } else {
                fields.put(name, null);
                fields.put("\0type:" + name, value.getNodeType().name().toLowerCase());
            }
        }
        return new RequestBody(fields, false, nodes);
    }

    /**
     * A JSON field as sent, whatever its type (for fields that are objects, such as a WebAuthn
     * {@code credential}); empty when absent, null, or the body is a form.
     */
    Optional<JsonNode> json(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** The text of a field; empty when absent or null. A non-string value is refused with 400. */
    Optional<String> text(String name) {
        String wrongType = fields.get("\0type:" + name);
        if (wrongType != null) throw new HttpProblem(400, "invalid_field_type", "Field '" + name + "' must be a string");
        return Optional.ofNullable(fields.get(name));
    }

    /** The text of a field, or null when absent: the use cases answer missing fields themselves. */
    String textOrNull(String name) {
        return text(name).orElse(null);
    }

    boolean isForm() {
        return form;
    }

    private static byte[] readCapped(Context ctx) {
        refuseDeclaredOversize(ctx);
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) throw tooLarge();
            return bytes;
        } catch (IOException e) {
            throw new HttpProblem(400, "unreadable_body", "The request body could not be read");
        }
    }

    /**
     * Refuses text with a lone UTF-16 surrogate ({@code "\ud800"} is valid JSON): it cannot be
     * stored or mailed as UTF-8, and would be written as "?" — another value than the one checked.
     */
    private static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new HttpProblem(400, "invalid_text", "Request body holds text that is not valid Unicode");
            }
        }
        return text;
    }

    /** Bodies up to this size are read and dropped before a 413, so the client gets to read the answer. */
    private static final long MAX_DRAINED_BYTES = 1024 * 1024;

    /**
     * Refuses a body declared over the limit on any route, also on routes that never read their
     * body. A moderately oversized body is read and dropped first: answering while the client is
     * still sending makes the server close the connection under it, and the client may then see a
     * reset instead of the 413. Larger ones are not worth reading.
     */
    static void refuseDeclaredOversize(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared <= MAX_BYTES) return;
        if (declared <= MAX_DRAINED_BYTES) {
            try (InputStream in = ctx.req().getInputStream()) {
                in.skipNBytes(declared);
            } catch (IOException e) {
                // the client went away or sent less than it declared: the 413 stands
            }
        }
        throw tooLarge();
    }

    /**
     * Reads and drops what a route left unread of a body within the limit (a 401 before the body
     * was looked at, say), before the answer goes out. Otherwise the server may close the
     * connection while the client is still sending, and the client sees a reset instead of the
     * answer. Never throws.
     */
    static void drainUnread(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared == 0 || declared > MAX_BYTES) return;
        try {
            InputStream in = ctx.req().getInputStream();
            in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            // already read and closed, or the client went away: nothing left to drain
        }
    }

    private static HttpProblem tooLarge() {
        return new HttpProblem(413, "payload_too_large", "Request body is larger than 64 KiB");
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body.isEmpty()) return fields;
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(wellFormed(key), wellFormed(value));
            } catch (IllegalArgumentException e) {
                throw new HttpProblem(400, "invalid_form", "Request body is not valid form data");
            }
        }
        return fields;
    }
}

package org.openml.auth.core.usecase;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a passkey ceremony keeps in the {@link org.openml.auth.core.port.out.ChallengeStore}: the
 * verifier's state plus the core's own fields (pending sign-up data, the user adding a passkey),
 * as {@code key=value&…} with URL-encoded values (the core has no JSON library, on purpose).
 */
final class CeremonyPayload {
    private final Map<String, String> fields;

    private CeremonyPayload(Map<String, String> fields) {
        this.fields = fields;
    }

    static CeremonyPayload of(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) fields.put(keysAndValues[i], keysAndValues[i + 1]);
        return new CeremonyPayload(fields);
    }

    String encode() {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> {
            if (out.length() > 0) out.append('&');
            out.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    /** The fields of a stored payload; empty when it is not one (written by something else). */
    static Optional<CeremonyPayload> decode(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) return Optional.empty();
                fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new CeremonyPayload(fields));
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key));
    }
}

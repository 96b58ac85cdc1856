package org.openml.auth.webauthn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openml.auth.core.domain.PasskeyProvider;

/**
 * Passkey providers by AAGUID, from the list bundled in this jar ({@code passkey-providers.json},
 * in the community list's shape; source and licence in {@code passkey-providers.NOTICE}; refreshed
 * by {@code scripts/refresh-passkey-providers.sh}). Read once, on first use; never the network.
 */
public final class PasskeyProviders {
    static final String RESOURCE = "passkey-providers.json";
    private static final class Bundled {
        static final PasskeyProviders INSTANCE = load();
    }

    private final Map<UUID, PasskeyProvider> byAaguid;

    private PasskeyProviders(Map<UUID, PasskeyProvider> byAaguid) {
        this.byAaguid = Map.copyOf(byAaguid);
    }

    /** The list bundled in this jar. */
    public static PasskeyProviders bundled() {
        return Bundled.INSTANCE;
    }

    /** The provider of authenticator model {@code aaguid}; empty when the list does not know it. */
    public Optional<PasskeyProvider> of(UUID aaguid) {
        return Optional.ofNullable(byAaguid.get(aaguid));
    }

    /** How many AAGUIDs the list knows. */
    public int size() {
        return byAaguid.size();
    }

    private static PasskeyProviders load() {
        try (InputStream in = PasskeyProviders.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the auth-webauthn jar");
            JsonNode root = new ObjectMapper().readTree(in);
            Map<UUID, PasskeyProvider> providers = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getValue().path("name").asText("").strip();
                if (name.isEmpty()) continue;
                providers.put(UUID.fromString(entry.getKey().toLowerCase(Locale.ROOT)), new PasskeyProvider(name,
                        text(entry.getValue(), "icon_light"), text(entry.getValue(), "icon_dark")));
            }
            return new PasskeyProviders(providers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}

package org.openml.auth.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Who keeps a passkey, as people know it ("Google Password Manager", "Apple Passwords",
 * "1Password", "YubiKey 5 Series"), told by its AAGUID.
 *
 * @param name the provider's name
 * @param iconLight an icon for light backgrounds ({@code data:} URL), when the data has one
 * @param iconDark an icon for dark backgrounds, when the data has one
 */
public record PasskeyProvider(String name, Optional<String> iconLight, Optional<String> iconDark) {
    public PasskeyProvider {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("provider name must not be blank");
        iconLight = Objects.requireNonNull(iconLight, "iconLight").filter(PasskeyProvider::isDataUrl);
        iconDark = Objects.requireNonNull(iconDark, "iconDark").filter(PasskeyProvider::isDataUrl);
    }

    /** Only inline images: a remote URL would tell a third party who looks at the list. */
    private static boolean isDataUrl(String icon) {
        return icon.startsWith("data:image/");
    }
}

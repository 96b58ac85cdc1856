package org.openml.auth.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import com.yubico.webauthn.data.ByteArray;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.PasskeyProvider;

class PasskeyProvidersTest {

    @Test
    void theBundledListNamesTheCommonProviders() {
        PasskeyProviders providers = PasskeyProviders.bundled();

        assertThat(providers.size()).isGreaterThan(250);
        assertThat(providers.of(UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4")).map(PasskeyProvider::name))
                .contains("Google Password Manager");
        assertThat(providers.of(UUID.fromString("fbfc3007-154e-4ecc-8c0b-6e020557d7bd")).map(PasskeyProvider::name))
                .contains("Apple Passwords");
        assertThat(providers.of(UUID.fromString("bada5566-a7aa-401f-bd96-45619a55120d")).map(PasskeyProvider::name))
                .contains("1Password");
        assertThat(providers.of(UUID.fromString("00000000-0000-0000-0000-000000000001"))).isEmpty();
        assertThat(providers.of(new UUID(0, 0))).isEmpty();
    }

    @Test
    void aaguidBytesAreReadBigEndianAsTheListsWriteThem() {
        byte[] bytes = new byte[16];
        bytes[0] = (byte) 0xea;
        bytes[15] = (byte) 0xd4;

        assertThat(YubicoPasskeyVerifier.aaguid(new ByteArray(bytes)))
                .contains(UUID.fromString("ea000000-0000-0000-0000-0000000000d4"));
        assertThat(YubicoPasskeyVerifier.aaguid(new ByteArray(new byte[3]))).isEmpty();
        assertThat(YubicoPasskeyVerifier.aaguid(null)).isEmpty();
    }

    @Test
    void onlyInlineIconsAreKept() {
        PasskeyProvider provider = new PasskeyProvider("Example", Optional.of("https://tracker.example/icon.png"),
                Optional.of("data:image/svg+xml;base64,PHN2Zy8+"));

        assertThat(provider.iconLight()).isEmpty();
        assertThat(provider.iconDark()).contains("data:image/svg+xml;base64,PHN2Zy8+");
    }
}

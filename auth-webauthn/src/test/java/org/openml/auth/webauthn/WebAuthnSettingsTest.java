package org.openml.auth.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebAuthnSettingsTest {

    @Test
    void defaultsAreOpenMLsLocalhostSettings() {
        WebAuthnSettings settings = WebAuthnSettings.defaults();

        assertThat(settings.rpId()).isEqualTo("localhost");
        assertThat(settings.origins()).containsExactly("http://localhost:3050");
        assertThat(settings.rpName()).isEqualTo("OpenML");
    }

    @Test
    void originsAreNormalisedAndMayBeSubdomainsOfTheRpId() {
        WebAuthnSettings settings = WebAuthnSettings.of("OpenML.org", " https://WWW.openml.org:443/ ,https://openml.org");

        assertThat(settings.rpId()).isEqualTo("openml.org");
        assertThat(settings.origins()).containsExactlyInAnyOrder("https://www.openml.org", "https://openml.org");
    }

    @Test
    void everyProblemIsNamed() {
        assertThat(WebAuthnSettings.problems("openml.org", List.of("https://evil.example", "http://www.openml.org",
                "https://www.openml.org/path", "ftp://openml.org")))
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("'https://evil.example' is not on RP_ID 'openml.org'"))
                .anySatisfy(p -> assertThat(p).contains("uses http"))
                .anySatisfy(p -> assertThat(p).contains("without a path"))
                .anySatisfy(p -> assertThat(p).contains("must start with https://"));
        assertThat(WebAuthnSettings.problems("https://openml.org", List.of("https://openml.org"))).singleElement()
                .satisfies(p -> assertThat(p).contains("RP_ID must be a lower-case host name"));
        assertThatThrownBy(() -> WebAuthnSettings.of("openml.org", " ")).hasMessageContaining("at least one origin");
    }

    @Test
    void aLookalikeDomainIsNotASubdomain() {
        assertThat(WebAuthnSettings.problems("openml.org", List.of("https://notopenml.org"))).hasSize(1);
    }
}

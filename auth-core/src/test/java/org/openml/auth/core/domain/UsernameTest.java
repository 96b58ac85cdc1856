package org.openml.auth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdoe", "j", "jane.doe@example.org", "jane_doe-42", "jörg", "ÿ"})
    void legacyShapesAreAccepted(String text) {
        assertThat(new Username(text).value()).isEqualTo(text);
        assertThat(new Username(text)).hasToString(text);
    }

    @Test
    void atMost100Characters() {
        assertThat(new Username("a".repeat(100)).value()).hasSize(100);
        assertThatThrownBy(() -> new Username("a".repeat(101))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "jane doe", " jdoe", "jdoe ", "j\tdoe", "jdoe\n", "j\u0000doe", "j\u0085doe",
            "zoë✓", "名前", "jdoe\uD83D\uDE00"})
    void whitespaceControlAndNonLatin1AreRefused(String text) {
        assertThatThrownBy(() -> new Username(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> new Username(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usernamesAreCaseSensitiveValues() {
        assertThat(new Username("JDoe")).isNotEqualTo(new Username("jdoe"));
    }
}

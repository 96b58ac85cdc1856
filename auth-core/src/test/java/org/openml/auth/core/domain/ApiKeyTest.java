package org.openml.auth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void aPresentedKeyIsTrimmedOfWhitespaceAndNewlines() {
        assertThat(ApiKey.parsePresented(KEY)).contains(new ApiKey(KEY));
        assertThat(ApiKey.parsePresented(KEY + "\n")).contains(new ApiKey(KEY));
        assertThat(ApiKey.parsePresented("  " + KEY + "\r\n")).contains(new ApiKey(KEY));
        assertThat(ApiKey.parsePresented("\t" + KEY + " ")).contains(new ApiKey(KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0123456789ABCDEF0123456789ABCDEF",     // upper case
            "0123456789abcdef0123456789abcdeF",
            "0123456789abcdef0123456789abcde",      // 31
            "0123456789abcdef0123456789abcdef0",    // 33
            "0123456789abcdef0123456789abcdef01234567", // 40, the width of the legacy column
            "0123456789abcdef0123456789abcdeg",     // not hex
            "0123456789abcdef 123456789abcdef",     // inner space
            "0123456789abcdef\n0123456789abcdef",
            "",
            "   "})
    void malformedKeysAreRefused(String presented) {
        assertThat(ApiKey.parsePresented(presented)).isEmpty();
        assertThatThrownBy(() -> new ApiKey(presented)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRefused() {
        assertThat(ApiKey.parsePresented(null)).isEmpty();
        assertThatThrownBy(() -> new ApiKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConstructorDoesNotTrim() {
        assertThatThrownBy(() -> new ApiKey(KEY + "\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsOnlyTheLastFourCharacters() {
        ApiKey key = new ApiKey(KEY);
        assertThat(key.lastFour()).isEqualTo("cdef");
        assertThat(key.toString()).isEqualTo("ApiKey[…cdef]").doesNotContain("0123456789");
    }

    @Test
    void sixteenRandomBytesMakeAKey() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (0xf0 + i);
        assertThat(ApiKey.fromRandomBytes(bytes).value()).isEqualTo("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        assertThatThrownBy(() -> ApiKey.fromRandomBytes(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKey.fromRandomBytes(new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }
}

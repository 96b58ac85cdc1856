package org.openml.auth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OneTimeTokenTest {

    private static final String TOKEN = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    private static byte[] counting(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) bytes[i] = (byte) i;
        return bytes;
    }

    @Test
    void thirtyTwoRandomBytesMakeSixtyFourLowercaseHex() {
        assertThat(OneTimeToken.fromRandomBytes(counting(32)).value()).isEqualTo(TOKEN);
        assertThatThrownBy(() -> OneTimeToken.fromRandomBytes(counting(16))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OneTimeToken.fromRandomBytes(counting(33))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStoredHashIsSha256HexOfTheToken() {
        // printf '%s' 000102…1f | sha256sum
        assertThat(new OneTimeToken(TOKEN).hash().hex())
                .isEqualTo("6c86c6aac5fb24bcf5d9939cb7d7d5645ce39418f449e03b262dd4fa14b4b92b");
    }

    @Test
    void hashesMatchOnlyTheirOwnToken() {
        OneTimeToken.TokenHash hash = new OneTimeToken(TOKEN).hash();
        assertThat(hash.matches(new OneTimeToken(TOKEN).hash())).isTrue();
        assertThat(hash.matches(new OneTimeToken(TOKEN.replace('0', 'a')).hash())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", // upper case
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1",  // 63
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f0", // 65
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1g",
            " 00102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            ""})
    void malformedTokensAreRefused(String text) {
        assertThat(OneTimeToken.isWellFormed(text)).isFalse();
        assertThatThrownBy(() -> new OneTimeToken(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRefused() {
        assertThat(OneTimeToken.isWellFormed(null)).isFalse();
        assertThatThrownBy(() -> new OneTimeToken(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wellFormedTokensAreRecognised() {
        assertThat(OneTimeToken.isWellFormed(TOKEN)).isTrue();
    }

    @Test
    void toStringIsRedacted() {
        assertThat(new OneTimeToken(TOKEN).toString()).doesNotContain("0001020304").contains("redacted");
    }

    @Test
    void aTokenHashMustBe64Characters() {
        assertThatThrownBy(() -> new OneTimeToken.TokenHash("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OneTimeToken.TokenHash(null)).isInstanceOf(IllegalArgumentException.class);
    }
}

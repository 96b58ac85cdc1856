package org.openml.auth.password.legacy;

import org.openml.auth.core.password.LegacyHashFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.password.LegacyHashFormat;

class UnsaltedMd5HashFormatTest {

    private final LegacyHashFormat md5 = LegacyHashFormats.unsaltedMd5();

    static List<LegacyHashFixtures.Fixture> md5Hashes() {
        return LegacyHashFixtures.withFormat("md5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("md5Hashes")
    void md5HexVerifiesItsPasswordOnly(LegacyHashFixtures.Fixture fixture) {
        assertThat(md5.recognises(fixture.hash())).isTrue();
        assertThat(md5.verify(new RawPassword(fixture.password()), fixture.hash())).isTrue();
        assertThat(md5.verify(new RawPassword(LegacyHashFixtures.wrongPassword()), fixture.hash())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("md5Hashes")
    void upperCaseHexIsTheSameHash(LegacyHashFixtures.Fixture fixture) {
        String upper = fixture.hash().toUpperCase(Locale.ROOT);
        assertThat(md5.recognises(upper)).isTrue();
        assertThat(md5.verify(new RawPassword(fixture.password()), upper)).isTrue();
    }

    @Test
    void emptyPasswordHasTheWellKnownDigest() {
        assertThat(md5.verify(new RawPassword(""), "d41d8cd98f00b204e9800998ecf8427e")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "9cc2ae8a1ba7a93da39b46fc1019c48",     // 31
            "9cc2ae8a1ba7a93da39b46fc1019c4811",   // 33
            "9cc2ae8a1ba7a93da39b46fc1019c48g",    // not hex
            " 9cc2ae8a1ba7a93da39b46fc1019c481",
            "9cc2ae8a1ba7a93da39b46fc1019c481\n",
            "0x9cc2ae8a1ba7a93da39b46fc1019c4",
            "$2y$10$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW",
            "oauth_no_password",
            ""})
    void otherShapesAreNotRecognisedAndNeverMatch(String encoded) {
        assertThat(md5.recognises(encoded)).isFalse();
        assertThat(md5.verify(new RawPassword("correct horse battery staple"), encoded)).isFalse();
    }

    @Test
    void nullIsFalse() {
        assertThat(md5.recognises(null)).isFalse();
        assertThat(md5.verify(new RawPassword("x"), null)).isFalse();
    }
}

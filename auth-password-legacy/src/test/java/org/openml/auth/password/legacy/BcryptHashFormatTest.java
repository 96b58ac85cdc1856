package org.openml.auth.password.legacy;

import org.openml.auth.core.password.LegacyHashFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.password.LegacyHashFormat;

class BcryptHashFormatTest {

    private final LegacyHashFormat bcrypt = LegacyHashFormats.bcrypt();

    static List<LegacyHashFixtures.Fixture> phpHashes() {
        return LegacyHashFixtures.withFormat("bcrypt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phpHashes")
    void phpBcryptHashVerifiesItsPasswordOnly(LegacyHashFixtures.Fixture fixture) {
        assertThat(bcrypt.recognises(fixture.hash())).isTrue();
        assertThat(bcrypt.verify(new RawPassword(fixture.password()), fixture.hash())).isTrue();
        assertThat(bcrypt.verify(new RawPassword(LegacyHashFixtures.wrongPassword()), fixture.hash())).isFalse();
    }

    // Made with libxcrypt 4.4.33 through Python's crypt.crypt(password, salt); libxcrypt agrees with
    // the PHP fixtures above.
    @Test
    void twoAOrTwoBPrefixesVerify() {
        RawPassword password = new RawPassword("correct horse battery staple");
        String twoA = "$2a$04$OpenMLbcrypt2aVectorSONEuciquyhYUMJFmOS8xHh8Mun.YvpWe";
        String twoB = "$2b$04$OpenMLbcrypt2bVectorSOvCcNqyMMG5GdOwVBJySHO/Rms2KMN7K";
        assertThat(bcrypt.recognises(twoA)).isTrue();
        assertThat(bcrypt.recognises(twoB)).isTrue();
        assertThat(bcrypt.verify(password, twoA)).isTrue();
        assertThat(bcrypt.verify(password, twoB)).isTrue();
        assertThat(bcrypt.verify(new RawPassword("correct horse battery stapl"), twoB)).isFalse();
    }

    @Test
    void onlyTheFirst72BytesOfAPasswordCount() {
        // crypt("ü" × 36, …): 72 UTF-8 bytes. Longer passwords with the same first 72 bytes match, as in PHP.
        String hash = "$2b$04$OpenMLlongPasswordTesel6Vto1Pq841OzRSglUZ/1DkzUXvNIAC";
        assertThat(bcrypt.verify(new RawPassword("ü".repeat(36)), hash)).isTrue();
        assertThat(bcrypt.verify(new RawPassword("ü".repeat(40)), hash)).isTrue();
        assertThat(bcrypt.verify(new RawPassword("ü".repeat(35)), hash)).isFalse();
        assertThat(bcrypt.verify(new RawPassword("ü".repeat(35) + "u"), hash)).isFalse();
    }

    @Test
    void emptyPasswordVerifiesAgainstItsOwnHash() {
        String hash = "$2y$04$OpenMLemptyPasswordSaehlBh5od5aFjkxiTtpBIB7ac2aCphfpS";
        assertThat(bcrypt.verify(new RawPassword(""), hash)).isTrue();
        assertThat(bcrypt.verify(new RawPassword(" "), hash)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$2x$10$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW", // crypt_blowfish bug marker
            "$2$10$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW",
            "$argon2i$v=19$m=4096,t=2,p=2$c2hqcFliWDk4Y1VQVUJLSQ$/0XJlqM5YHGrNipV+SroZOiTJm9EPp6gV6cz3M9Hmfg",
            "9cc2ae8a1ba7a93da39b46fc1019c481",
            "",
            "2y$10$"})
    void otherFormatsAreNotRecognised(String encoded) {
        assertThat(bcrypt.recognises(encoded)).isFalse();
    }

    @Test
    void nullIsNotRecognised() {
        assertThat(bcrypt.recognises(null)).isFalse();
        assertThat(bcrypt.verify(new RawPassword("x"), null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$2y$",
            "$2y$10$",
            "$2y$10$3HtldHhN2Hj1f9BO.7CV8O",                                   // salt only
            "$2y$10$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4D",     // one character short
            "$2y$10$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DWx",   // one too many
            "$2y$10$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4D=",    // not bcrypt's alphabet
            "$2y$10$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4D\u00e9",
            "$2y$1$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW",     // one-digit cost
            "$2y$03$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW",    // below bcrypt's minimum
            "$2y$32$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW",    // above bcrypt's maximum
            "$2y$31$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW",    // valid but absurd: refused, not run
            "$2y$xx$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW",
            "$2y$10$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW\n"})
    void malformedHashesAreFalseNotExceptions(String encoded) {
        assertThat(bcrypt.verify(new RawPassword("correct horse battery staple"), encoded)).isFalse();
    }

    @Test
    void toStringNamesTheFormatOnly() {
        assertThat(bcrypt).hasToString("bcrypt");
    }
}

package org.openml.auth.password.legacy;

import org.openml.auth.core.password.LegacyHashFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;
import org.openml.auth.core.password.Argon2Parameters;
import org.openml.auth.core.password.Argon2PasswordHasher;

/** The formats wired into the core's hasher, as the server does: every fixture of every producer verifies. */
class LegacyHashFormatsTest {

    private static Argon2PasswordHasher hasher;

    @BeforeAll
    static void wire() {
        hasher = new Argon2PasswordHasher(Argon2Parameters.OPENML, LegacyHashFormats.all());
    }

    static List<LegacyHashFixtures.Fixture> everyFixture() {
        return LegacyHashFixtures.all();
    }

    @Test
    void allHoldsBcryptAndMd5() {
        assertThat(LegacyHashFormats.all()).hasSize(2);
        assertThat(LegacyHashFormats.all()).anyMatch(f -> f.recognises("$2y$10$3HtldHhN2Hj1f9BO.7CV8OdgqPCJVjcgn3uJwwsrHDgajZmQ.I4DW"));
        assertThat(LegacyHashFormats.all()).anyMatch(f -> f.recognises("9cc2ae8a1ba7a93da39b46fc1019c481"));
    }

    @Test
    void noFormatClaimsAnotherFormatsHashes() {
        for (LegacyHashFixtures.Fixture fixture : LegacyHashFixtures.all()) {
            long claiming = LegacyHashFormats.all().stream().filter(f -> f.recognises(fixture.hash())).count();
            assertThat(claiming).as(fixture.toString()).isEqualTo(fixture.format().startsWith("argon2") ? 0 : 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFixture")
    void theServersHasherVerifiesEveryKnownHash(LegacyHashFixtures.Fixture fixture) {
        PasswordHash hash = new PasswordHash(fixture.hash());
        assertThat(hasher.verify(new RawPassword(fixture.password()), hash)).isTrue();
        assertThat(hasher.verify(new RawPassword(LegacyHashFixtures.wrongPassword()), hash)).isFalse();
    }

    static List<LegacyHashFixtures.Fixture> nonArgon2Fixtures() {
        return LegacyHashFixtures.all().stream().filter(f -> !f.format().startsWith("argon2")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonArgon2Fixtures")
    void legacyFormatsAreAlwaysRehashed(LegacyHashFixtures.Fixture fixture) {
        assertThat(hasher.needsRehash(new PasswordHash(fixture.hash()))).isTrue();
    }

    @Test
    void oauthMarkerMatchesNothing() {
        assertThat(hasher.verify(new RawPassword("oauth_no_password"), new PasswordHash("oauth_no_password"))).isFalse();
        assertThat(hasher.verify(new RawPassword(""), new PasswordHash("oauth_no_password"))).isFalse();
    }
}

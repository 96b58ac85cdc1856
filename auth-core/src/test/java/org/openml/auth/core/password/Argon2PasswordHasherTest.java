package org.openml.auth.core.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openml.auth.core.domain.PasswordHash;
import org.openml.auth.core.domain.RawPassword;

class Argon2PasswordHasherTest {

    /** What OpenML's Next.js app writes: argon2i, m=16384,t=4,p=2, 16-byte salt (22 chars), 32-byte hash (43 chars). */
    private static final Pattern OPENML_SHAPE =
            Pattern.compile("^\\$argon2i\\$v=19\\$m=16384,t=4,p=2\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$");
    private static final String CURRENT_PREFIX = "$argon2i$v=19$m=16384,t=4,p=2$";

    private static Argon2PasswordHasher hasher;

    @BeforeAll
    static void createHasher() {
        hasher = new Argon2PasswordHasher(Argon2Parameters.OPENML, List.of());
    }

    static List<LegacyHashFixtures.Fixture> argon2Fixtures() {
        return LegacyHashFixtures.withFormat("argon2");
    }

    static List<LegacyHashFixtures.Fixture> nonArgon2Fixtures() {
        return LegacyHashFixtures.all().stream().filter(f -> !f.format().startsWith("argon2")).toList();
    }

    @Test
    void fixturesCoverEveryProducerOpenMLUsed() {
        List<String> hashes = argon2Fixtures().stream().map(LegacyHashFixtures.Fixture::hash).toList();
        assertThat(hashes).anyMatch(h -> h.startsWith("$argon2i$v=19$m=4096,t=2,p=2$"));      // PHP, Ion Auth members
        assertThat(hashes).anyMatch(h -> h.startsWith("$argon2id$") && h.length() - h.lastIndexOf('$') - 1 == 43); // argon2-cffi, 32 bytes
        assertThat(hashes).anyMatch(h -> h.startsWith("$argon2id$") && h.length() - h.lastIndexOf('$') - 1 == 22); // argon2-cffi, 16 bytes
        assertThat(hashes).anyMatch(h -> h.startsWith(CURRENT_PREFIX));                        // Next.js parameters
        assertThat(hashes).anyMatch(h -> h.startsWith("$argon2i$v=19$m=16384,p=2,t=4$"));     // node-argon2 ≥ 0.45, m,p,t
        assertThat(argon2Fixtures()).anyMatch(f -> !f.password().chars().allMatch(c -> c < 128)); // a unicode password
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argon2Fixtures")
    void knownHashVerifiesItsPasswordAndNotTheWrongOne(LegacyHashFixtures.Fixture fixture) {
        PasswordHash hash = new PasswordHash(fixture.hash());
        assertThat(hasher.verify(new RawPassword(fixture.password()), hash)).isTrue();
        assertThat(hasher.verify(new RawPassword(LegacyHashFixtures.wrongPassword()), hash)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argon2Fixtures")
    void onlyHashesInTheCurrentFormatAreKept(LegacyHashFixtures.Fixture fixture) {
        // m=4096, argon2id, 16-byte argon2id and node's m,p,t order all need a re-hash; only
        // argon2i m=16384,t=4,p=2 written in the canonical order is current.
        boolean current = fixture.hash().startsWith(CURRENT_PREFIX);
        assertThat(hasher.needsRehash(new PasswordHash(fixture.hash()))).isEqualTo(!current);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonArgon2Fixtures")
    void nonArgon2HashesNeedARehashAndDoNotVerifyWithoutTheirFormat(LegacyHashFixtures.Fixture fixture) {
        PasswordHash hash = new PasswordHash(fixture.hash());
        assertThat(hasher.needsRehash(hash)).isTrue();
        assertThat(hasher.verify(new RawPassword(fixture.password()), hash)).isFalse();
    }

    @Test
    void nodeParameterOrderIsRehashedEvenWithCurrentCosts() {
        assertThat(hasher.needsRehash(new PasswordHash(
                "$argon2i$v=19$m=16384,p=2,t=4$JSPl/SmfWXy2wEiCfl0ISA$/v1vnl80JkgHlo3PYApfUAhUv9Bl7KuqHooQOCB0nAA"))).isTrue();
    }

    @Test
    void newHashHasTheShapeOpenMLWritesAndVerifies() {
        RawPassword password = new RawPassword("correct horse battery staple");
        PasswordHash hash = hasher.hash(password);
        assertThat(hash.encoded()).matches(OPENML_SHAPE);
        assertThat(hasher.verify(password, hash)).isTrue();
        assertThat(hasher.verify(new RawPassword("correct horse battery stapl"), hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void samePasswordGetsAFreshSaltEachTime() {
        RawPassword password = new RawPassword("correct horse battery staple");
        assertThat(hasher.hash(password).encoded()).isNotEqualTo(hasher.hash(password).encoded());
    }

    @Test
    void unicodePasswordRoundTripsAsUtf8() {
        String unicode = argon2Fixtures().stream().map(LegacyHashFixtures.Fixture::password)
                .filter(p -> !p.chars().allMatch(c -> c < 128)).findFirst().orElseThrow();
        PasswordHash hash = hasher.hash(new RawPassword(unicode));
        assertThat(hash.encoded()).matches(OPENML_SHAPE);
        assertThat(hasher.verify(new RawPassword(unicode), hash)).isTrue();
        // The UTF-8 bytes read back as Latin-1 (classic mojibake) are a different password.
        String mojibake = new String(unicode.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(hasher.verify(new RawPassword(mojibake), hash)).isFalse();
    }

    @Test
    void emptyPasswordCanBeHashedAndVerified() {
        PasswordHash hash = hasher.hash(new RawPassword(""));
        assertThat(hasher.verify(new RawPassword(""), hash)).isTrue();
        assertThat(hasher.verify(new RawPassword(" "), hash)).isFalse();
    }

    @Test
    void otherFormatsGoToTheFirstLegacyFormatThatRecognisesThem() {
        List<String> seen = new ArrayList<>();
        LegacyHashFormat plain = new LegacyHashFormat() {
            @Override
            public boolean recognises(String encoded) {
                return encoded.startsWith("plain:");
            }

            @Override
            public boolean verify(RawPassword password, String encoded) {
                seen.add(encoded);
                return encoded.equals("plain:" + password.value());
            }
        };
        Argon2PasswordHasher withLegacy = new Argon2PasswordHasher(Argon2Parameters.OPENML, List.of(plain));
        assertThat(withLegacy.verify(new RawPassword("secret"), new PasswordHash("plain:secret"))).isTrue();
        assertThat(withLegacy.verify(new RawPassword("other"), new PasswordHash("plain:secret"))).isFalse();
        assertThat(withLegacy.verify(new RawPassword("secret"), new PasswordHash("unknown:secret"))).isFalse();
        assertThat(withLegacy.needsRehash(new PasswordHash("plain:secret"))).isTrue();
        assertThat(seen).containsExactly("plain:secret", "plain:secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "x",
            "oauth_no_password",
            "$argon2",
            "$argon2i$",
            "$argon2i$v=19$",
            "$argon2i$v=19$m=16384,t=4,p=2",
            "$argon2i$v=19$m=16384,t=4,p=2$",
            "$argon2i$v=19$m=16384,t=4,p=2$$",
            "$argon2i$v=19$m=16384,t=4,p=2$bYBFD6R2nSekazKOhEaV4Q$",
            "$argon2i$v=19$m=16384,t=4,p=2$$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",
            "$argon2x$v=19$m=16384,t=4,p=2$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",
            "$argon2i$v=19$m=16384,t=4$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",
            "$argon2i$v=19$m=16384,m=16384,t=4$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",
            "$argon2i$v=19$m=16384,t=4,x=2$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",
            "$argon2i$v=19$m=16384,t=4,p=2,k=1$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",
            "$argon2i$v=19$m=16384,t=4,p=2$bYBFD6R2nSek%zKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",
            "$argon2i$v=19$m=16384,t=4,p=2$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo=",
            "$argon2i$v=19$m=16384,t=4,p=2$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo\n",
            " $argon2i$v=19$m=16384,t=4,p=2$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",
            "$argon2i$v=99$m=16384,t=4,p=2$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",
            "$argon2i$v=19$m=16384,t=4,p=2$A$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo",        // salt too short to decode
            "$argon2i$v=19$m=16384,t=4,p=2$bYBFD6R2nSekazKOhEaV4Q$Hp",                          // 1-byte hash
            "$argon2i$v=19$m=16384,t=4,p=2$bYBFD6R2nSekazKOhEaV4Q$H",                           // not base64
    })
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void garbageIsFalseNeverAnException(String encoded) {
        RawPassword password = new RawPassword("correct horse battery staple");
        assertThatCode(() -> assertThat(hasher.verify(password, new PasswordHash(encoded))).isFalse())
                .doesNotThrowAnyException();
        // Only the parameters are inspected; a malformed string never verifies, so it is never re-hashed either.
        assertThatCode(() -> hasher.needsRehash(new PasswordHash(encoded))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "m=1073741824,t=4,p=2",           // 2^30 KiB = 1 TiB
            "m=1048577,t=4,p=2",              // just above the 1 GiB limit
            "m=99999999999999999999,t=4,p=2", // does not fit a long
            "m=16384,t=2147483647,p=2",
            "m=16384,t=65,p=2",
            "m=16384,t=4,p=16777215",
            "m=16384,t=4,p=65",
            "m=0,t=4,p=2",
            "m=16384,t=0,p=2",
            "m=16384,t=4,p=0",
            "m=8,t=4,p=2",                    // below Argon2's minimum of 8 KiB per lane
    })
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void absurdOrImpossibleCostsAreFalseWithoutRunningAway(String params) {
        String encoded = "$argon2i$v=19$" + params + "$bYBFD6R2nSekazKOhEaV4Q$HpzhvrJqlJWU4BAsDqAaM/Mg1ZHhHzMNHAMZZL1TmYo";
        RawPassword password = new RawPassword("correct horse battery staple");
        assertThatCode(() -> assertThat(hasher.verify(password, new PasswordHash(encoded))).isFalse())
                .doesNotThrowAnyException();
        assertThat(hasher.needsRehash(new PasswordHash(encoded))).isTrue();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyTruncationOfAKnownHashIsFalseNeverAnException() {
        // The cheapest fixture (m=4096,t=2) keeps this quick; each prefix that still parses runs Argon2.
        LegacyHashFixtures.Fixture fixture = argon2Fixtures().stream()
                .filter(f -> f.hash().startsWith("$argon2i$v=19$m=4096,t=2,p=2$")).findFirst().orElseThrow();
        RawPassword password = new RawPassword(fixture.password());
        String full = fixture.hash();
        for (int length = 1; length < full.length(); length++) {
            String truncated = full.substring(0, length);
            assertThatCode(() -> assertThat(hasher.verify(password, new PasswordHash(truncated)))
                    .as(truncated).isFalse())
                    .as(truncated).doesNotThrowAnyException();
        }
    }

    @Test
    void aFlippedCharacterInTheHashOrSaltIsFalse() {
        LegacyHashFixtures.Fixture fixture = argon2Fixtures().stream()
                .filter(f -> f.hash().startsWith("$argon2i$v=19$m=4096,t=2,p=2$")).findFirst().orElseThrow();
        String full = fixture.hash();
        RawPassword password = new RawPassword(fixture.password());
        int hashStart = full.lastIndexOf('$') + 1;
        int saltStart = full.lastIndexOf('$', hashStart - 2) + 1;
        for (int index : new int[] {saltStart, saltStart + 5, hashStart, hashStart + 20}) {
            char c = full.charAt(index);
            String flipped = full.substring(0, index) + (c == 'A' ? 'B' : 'A') + full.substring(index + 1);
            assertThat(hasher.verify(password, new PasswordHash(flipped))).as(flipped).isFalse();
        }
    }

    /**
     * Alone, a verification runs its lanes on their own threads; with the cores taken, on the
     * caller's thread. Both must give the library's answer, for every type and for more lanes than
     * this machine has cores.
     */
    @ParameterizedTest(name = "argon2{0}, p={1}")
    @org.junit.jupiter.params.provider.CsvSource({"i, 2", "id, 2", "d, 2", "i, 1", "id, 4", "i, 8"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyTypeAndLaneCountVerifiesAloneAndUnderLoad(String type, int lanes) throws Exception {
        de.mkammerer.argon2.Argon2Factory.Argon2Types kind = switch (type) {
            case "i" -> de.mkammerer.argon2.Argon2Factory.Argon2Types.ARGON2i;
            case "id" -> de.mkammerer.argon2.Argon2Factory.Argon2Types.ARGON2id;
            default -> de.mkammerer.argon2.Argon2Factory.Argon2Types.ARGON2d;
        };
        // Made by the library itself (its encoder, its thread per lane), not by the code under test.
        String encoded = de.mkammerer.argon2.Argon2Factory.create(kind, 16, 32)
                .hash(2, 1024, lanes, "tr0ub4dor &3 ü".toCharArray(), java.nio.charset.StandardCharsets.UTF_8);
        PasswordHash hash = new PasswordHash(encoded);
        assertThat(encoded).startsWith("$argon2" + type + "$v=19$m=1024,t=2,p=" + lanes + "$");

        assertThat(hasher.verify(new RawPassword("tr0ub4dor &3 ü"), hash)).as("alone").isTrue();
        assertThat(hasher.verify(new RawPassword("tr0ub4dor &3 u"), hash)).as("alone, wrong").isFalse();

        int callers = 2 * Runtime.getRuntime().availableProcessors() + 2;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            List<java.util.concurrent.Future<Boolean>> right = new java.util.ArrayList<>();
            List<java.util.concurrent.Future<Boolean>> wrong = new java.util.ArrayList<>();
            for (int i = 0; i < 3 * callers; i++) {
                right.add(pool.submit(() -> hasher.verify(new RawPassword("tr0ub4dor &3 ü"), hash)));
                wrong.add(pool.submit(() -> hasher.verify(new RawPassword("Tr0ub4dor &3 ü"), hash)));
            }
            for (var f : right) assertThat(f.get()).as("under load").isTrue();
            for (var f : wrong) assertThat(f.get()).as("under load, wrong").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHashWithoutAVersionIsArgon2VersionOneZero() {
        // The library's 1.0 (0x10) hash of "password", as old node-argon2 wrote it: no "v=" part.
        var argon2 = (de.mkammerer.argon2.Argon2Advanced) de.mkammerer.argon2.Argon2Factory.createAdvanced(
                de.mkammerer.argon2.Argon2Factory.Argon2Types.ARGON2i, 16, 32);
        byte[] salt = "sixteen byte slt".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] raw = argon2.rawHashAdvanced(2, 1024, 2, "password".getBytes(java.nio.charset.StandardCharsets.UTF_8), salt,
                null, null, 32, de.mkammerer.argon2.Argon2Version.V10);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        String encoded = "$argon2i$m=1024,t=2,p=2$" + b64.encodeToString(salt) + "$" + b64.encodeToString(raw);

        assertThat(hasher.verify(new RawPassword("password"), new PasswordHash(encoded))).isTrue();
        assertThat(hasher.verify(new RawPassword("password"), new PasswordHash(encoded.replace("$m=", "$v=19$m="))))
                .as("the same bytes read as version 1.3").isFalse();
    }
}

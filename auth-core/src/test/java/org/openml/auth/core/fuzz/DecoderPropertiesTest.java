package org.openml.auth.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openml.auth.core.domain.ApiKey;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.Session;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.core.random.SecureRandomSource;
import org.openml.auth.core.session.CsrfTokens;
import org.openml.auth.core.session.NextAuthSessionCodec;

/**
 * What clients send reaches these decoders unfiltered: whatever the input, they answer "no"
 * (empty / false) and never throw, and a tampered session token never decodes to another session.
 */
class DecoderPropertiesTest {
    static final String SECRET = "property-test-secret-0123456789abcdef";
    static final NextAuthSessionCodec CODEC = new NextAuthSessionCodec(SECRET, List.of());
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Session SESSION = new Session(new UserId(7), "ada", "ada@example.org", "Ada L", Optional.empty(),
            Optional.of("0123456789abcdef0123456789abcdef"), "Ada", "L", true, NOW, NOW.plus(Duration.ofHours(2)), "jti");
    static final String TOKEN = CODEC.encode(SESSION);

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("ABCDEFabcdef0123456789-_.|%7C= \n").ofMaxLength(400),
                Arbitraries.strings().all().ofMaxLength(64));
    }

    @Property(tries = 500)
    void arbitrarySessionTokensNeverDecodeAndNeverThrow(@ForAll("junk") String token) {
        assertThat(CODEC.decode(token, NOW)).isEmpty();
    }

    @Property(tries = 500)
    void aTamperedSessionTokenIsRefusedOrUnchanged(@ForAll("position") int position, @ForAll("base64url") char replacement) {
        int i = position % TOKEN.length();
        String tampered = TOKEN.substring(0, i) + replacement + TOKEN.substring(i + 1);
        Optional<Session> decoded = CODEC.decode(tampered, NOW);
        // base64url's last character of a segment may carry unused bits: then the bytes, and the session, are the same.
        decoded.ifPresent(s -> assertThat(s).isEqualTo(SESSION));
    }

    @Provide
    Arbitrary<Integer> position() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<Character> base64url() {
        return Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".toCharArray());
    }

    @Property(tries = 500)
    void csrfCookiesFromAnywhereElseAreNeverGenuine(@ForAll("junk") String cookie, @ForAll("junk") String submitted) {
        CsrfTokens csrf = new CsrfTokens(SECRET, new SecureRandomSource());
        assertThat(csrf.verify(cookie, submitted)).isFalse();
        assertThat(csrf.tokenFromCookie(cookie)).isEmpty();
    }

    @Property(tries = 1000)
    void presentedApiKeysAreAcceptedExactlyWhenTheyAre32LowercaseHex(@ForAll("junk") String presented) {
        Optional<ApiKey> key = ApiKey.parsePresented(presented);
        assertThat(key.isPresent()).isEqualTo(presented.strip().matches("[0-9a-f]{32}"));
    }

    @Property(tries = 1000)
    void emailsAndTokensParseOrRefuseWithoutThrowing(@ForAll("junk") String text) {
        Email.parse(text).ifPresent(e -> assertThat(e.value()).contains("@").doesNotContainAnyWhitespaces());
        assertThat(OneTimeToken.isWellFormed(text)).isEqualTo(text.matches("[0-9a-f]{64}"));
    }
}

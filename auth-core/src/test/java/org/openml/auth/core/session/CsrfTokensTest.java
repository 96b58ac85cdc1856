package org.openml.auth.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.port.out.RandomSource;

class CsrfTokensTest {

    private static final String SECRET = "csrf-test-secret";
    /** 32 bytes 0x00..0x1f: the token is their hex. */
    private static final RandomSource COUNTING = count -> {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) bytes[i] = (byte) i;
        return bytes;
    };
    private static final String TOKEN = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    private final CsrfTokens csrf = new CsrfTokens(SECRET, COUNTING);

    @Test
    void cookieValueIsTheTokenABarAndSha256HexOfTokenPlusSecret() {
        CsrfTokens.Issued issued = csrf.issue();
        assertThat(issued.token()).isEqualTo(TOKEN);
        assertThat(issued.cookieValue()).isEqualTo(TOKEN + "|" + sha256Hex(TOKEN + SECRET));
        // The same value from `printf '%s' "${token}csrf-test-secret" | sha256sum`, as next-auth v4 computes it.
        assertThat(issued.cookieValue())
                .isEqualTo(TOKEN + "|8f81500ad978b9756f8f5362bb8c64b8d78c720a1d51d36785114fd88964f5c9");
    }

    @Test
    void theTokenItIssuedVerifiesWithItsCookie() {
        CsrfTokens.Issued issued = new CsrfTokens(SECRET, new org.openml.auth.core.random.SecureRandomSource()).issue();
        assertThat(issued.token()).matches("[0-9a-f]{64}");
        assertThat(csrf.verify(issued.cookieValue(), issued.token())).isTrue();
        assertThat(csrf.tokenFromCookie(issued.cookieValue())).contains(issued.token());
    }

    @Test
    void aCookieNextAuthSetVerifies() {
        // Built the way next-auth v4 builds it (createHash("sha256").update(`${token}${secret}`).digest("hex")).
        String token = "f5b3c0d1e2a49687";
        String cookie = token + "|" + sha256Hex(token + SECRET);
        assertThat(csrf.verify(cookie, token)).isTrue();
    }

    @Test
    void aWrongSubmittedTokenIsRefused() {
        CsrfTokens.Issued issued = csrf.issue();
        assertThat(csrf.verify(issued.cookieValue(), TOKEN.replace('0', '1'))).isFalse();
        assertThat(csrf.verify(issued.cookieValue(), TOKEN + "0")).isFalse();
        assertThat(csrf.verify(issued.cookieValue(), TOKEN.toUpperCase(java.util.Locale.ROOT))).isFalse();
    }

    @Test
    void aCookieFromAnotherSecretIsRefused() {
        CsrfTokens.Issued foreign = new CsrfTokens("another-secret", COUNTING).issue();
        assertThat(foreign.token()).isEqualTo(TOKEN);
        assertThat(csrf.verify(foreign.cookieValue(), TOKEN)).isFalse();
        assertThat(csrf.tokenFromCookie(foreign.cookieValue())).isEmpty();
    }

    @Test
    void aForgedCookieWhoseHashDoesNotMatchItsTokenIsRefused() {
        String other = "aa".repeat(32);
        String forged = other + "|" + sha256Hex(TOKEN + SECRET);
        assertThat(csrf.verify(forged, other)).isFalse();
        assertThat(csrf.verify(TOKEN + "|" + sha256Hex(TOKEN + SECRET).toUpperCase(java.util.Locale.ROOT), TOKEN)).isFalse();
        assertThat(csrf.verify(TOKEN + "|" + sha256Hex(TOKEN + SECRET) + "0", TOKEN)).isFalse();
        assertThat(csrf.verify(TOKEN + "|", TOKEN)).isFalse();
    }

    @Test
    void aPercentEncodedBarIsAccepted() {
        String hash = sha256Hex(TOKEN + SECRET);
        assertThat(csrf.verify(TOKEN + "%7C" + hash, TOKEN)).isTrue();
        assertThat(csrf.verify(TOKEN + "%7c" + hash, TOKEN)).isTrue();
        assertThat(csrf.tokenFromCookie(TOKEN + "%7C" + hash)).contains(TOKEN);
    }

    @Test
    void missingPiecesAreRefused() {
        CsrfTokens.Issued issued = csrf.issue();
        String hash = sha256Hex(TOKEN + SECRET);
        assertThat(csrf.verify(TOKEN + hash, TOKEN)).isFalse();           // no bar
        assertThat(csrf.verify("|" + hash, "")).isFalse();                 // no token
        assertThat(csrf.verify("|" + hash, TOKEN)).isFalse();
        assertThat(csrf.verify(null, TOKEN)).isFalse();
        assertThat(csrf.verify("", TOKEN)).isFalse();
        assertThat(csrf.verify(issued.cookieValue(), null)).isFalse();
        assertThat(csrf.verify(issued.cookieValue(), "")).isFalse();
        assertThat(csrf.verify(null, null)).isFalse();
        assertThat(csrf.tokenFromCookie(null)).isEmpty();
        assertThat(csrf.tokenFromCookie("")).isEmpty();
        assertThat(csrf.tokenFromCookie("no-bar-at-all")).isEmpty();
    }

    @Test
    void anAbsurdlyLongTokenIsRefusedBeforeHashing() {
        String token = "a".repeat(300);
        assertThat(csrf.verify(token + "|" + sha256Hex(token + SECRET), token)).isFalse();
    }

    @Test
    void aSecretIsRequired() {
        assertThatThrownBy(() -> new CsrfTokens("", COUNTING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsrfTokens(null, COUNTING)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issuedRedactsItself() {
        assertThat(csrf.issue().toString()).doesNotContain(TOKEN);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

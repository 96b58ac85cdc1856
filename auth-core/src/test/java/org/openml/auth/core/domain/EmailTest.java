package org.openml.auth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

    @Test
    void surroundingWhitespaceIsTrimmed() {
        assertThat(new Email("  Jane.Doe@Example.org \n").value()).isEqualTo("Jane.Doe@Example.org");
        assertThat(Email.parse("\tjane@example.org\r\n")).map(Email::value).contains("jane@example.org");
    }

    @Test
    void addressesThatDifferOnlyInCaseAreTheSame() {
        Email typed = new Email("Jane.Doe@Example.ORG");
        Email stored = new Email("jane.doe@example.org");
        assertThat(typed.sameAddressAs(stored)).isTrue();
        assertThat(stored.sameAddressAs(typed)).isTrue();
        assertThat(typed.canonical()).isEqualTo("jane.doe@example.org");
        assertThat(typed.value()).isEqualTo("Jane.Doe@Example.ORG"); // kept as typed
        assertThat(typed.sameAddressAs(new Email("jane.doe@example.com"))).isFalse();
    }

    @Test
    void canonicalFormIgnoresTheDefaultLocale() {
        // Turkish dotless i must not break look-ups of "I" addresses.
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertThat(new Email("IAN@EXAMPLE.ORG").canonical()).isEqualTo("ian@example.org");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void maskedShowsOnlyTheFirstCharacterAndTheDomain() {
        Email email = new Email("jane.doe@example.org");
        assertThat(email.masked()).isEqualTo("j…@example.org");
        assertThat(email.toString()).isEqualTo("j…@example.org").doesNotContain("jane.doe");
    }

    @Test
    void localPartIsBeforeTheLastAt() {
        assertThat(new Email("jane.doe@example.org").localPart()).isEqualTo("jane.doe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "jane", "jane@", "@example.org", "jane@example", "jane@@example.org",
            "jane doe@example.org", "jane@exa mple.org", "jane@example.", "jane@.org", "jane@example.org\u0000",
            "ja\u0007ne@example.org", "jane@example.org@evil.org", "jane@example.org\njane@evil.org"})
    void invalidShapesAreRefused(String text) {
        assertThatThrownBy(() -> new Email(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Email.parse(text)).isEmpty();
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> new Email(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Email.parse(null)).isEmpty();
    }

    @Test
    void atMost254CharactersAfterTrimming() {
        String domain = "@example.org";
        String longest = "a".repeat(Email.MAX_LENGTH - domain.length()) + domain;
        assertThat(longest).hasSize(254);
        assertThat(new Email(longest).value()).isEqualTo(longest);
        assertThat(new Email("  " + longest + "  ").value()).isEqualTo(longest);
        assertThatThrownBy(() -> new Email("a" + longest)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Email.parse("a".repeat(10_000) + domain)).isEmpty();
    }

    @Test
    void internationalAddressesAreAllowed() {
        assertThat(Email.parse("zoë@exämple.org")).isPresent();
    }

    @Test
    void addressesThatMailSoftwareReadsAsAnotherAreNotPlain() {
        for (String tricky : java.util.List.of("<ada@example.org>", "(x)ada@example.org", "ada(x)@example.org", "x:ada@example.org;",
                "Ada<ada@example.org>", "\"ada\"@example.org", "ada@[127.0.0.1]", "ada@example.org,x", "a\\da@example.org")) {
            assertThat(Email.parse(tricky)).as(tricky).get().extracting(Email::isPlain).isEqualTo(false);
        }
        assertThat(new Email("o'brien+tag@example.org").isPlain()).isTrue();
        assertThat(new Email("zoë@exämple.org").isPlain()).isTrue();
    }

    /** The regular expression the shape check replaced; the two must agree on every string. */
    private static final Pattern FORMER_SHAPE = Pattern.compile("^[^\\s@\\p{Cntrl}]+@[^\\s@\\p{Cntrl}]+\\.[^\\s@\\p{Cntrl}]+$");

    @Property(tries = 3000)
    void theShapeCheckAgreesWithTheFormerRegularExpression(@ForAll("addressLike") String text) {
        assertThat(Email.hasShape(text)).as(text).isEqualTo(FORMER_SHAPE.matcher(text).matches());
    }

    @Test
    void theShapeCheckAgreesOnTheEdges() {
        for (String text : new String[] {"a@b.c", "@b.c", "a@.c", "a@b.", "a@.b.c", "a@b..", "a@b.c.", "a@@b.c", "a@b@c.d",
                "a b@c.d", "a@b.c\n", "a\u007f@b.c", "a\u0085@b.c", "a\u00a0@b.c", "ä@ö.ü", "a.b@c", "a@b", ".@..", "a@..b"}) {
            assertThat(Email.hasShape(text)).as(text).isEqualTo(FORMER_SHAPE.matcher(text).matches());
        }
    }

    @Provide
    Arbitrary<String> addressLike() {
        // Mostly the characters that matter to the shape, so that both answers come up often.
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("a@.@. \t\n\u007f\u0085\u00a0\u2028é").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(12));
    }
}

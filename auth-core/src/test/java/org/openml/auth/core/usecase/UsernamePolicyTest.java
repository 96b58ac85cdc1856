package org.openml.auth.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Username;

/** OpenML's username rules, one policy for the three sign-up paths (shared/reference/openml-current-system.md). */
class UsernamePolicyTest {
    static final Instant NOW = Instant.ofEpochMilli(1_764_892_800_123L);

    static String at(UsernamePolicy.Candidates c, int attempt) {
        return c.get(attempt).value();
    }

    @Test
    void anEmailSignUpTakesTheLocalPartThenNumbersIt() {
        UsernamePolicy.Candidates c = UsernamePolicy.ofEmail(new Email("jdoe@example.org"));
        assertThat(at(c, 0)).isEqualTo("jdoe");
        assertThat(at(c, 1)).isEqualTo("jdoe1");
        assertThat(at(c, 2)).isEqualTo("jdoe2");
        assertThat(at(UsernamePolicy.ofEmail(new Email("o'brien+ml@example.org")), 0)).isEqualTo("obrienml");
        assertThat(at(UsernamePolicy.ofEmail(new Email("'+@example.org")), 0)).isEqualTo("user");
    }

    @Test
    void aNamedSignUpTriesInitialAndLastNameThenTheFullNameThenNumbers() {
        UsernamePolicy.Candidates c = UsernamePolicy.ofNames("John", "Doe", new Email("x@example.org"), NOW);
        assertThat(at(c, 0)).isEqualTo("jdoe");
        assertThat(at(c, 1)).isEqualTo("johndoe");
        assertThat(at(c, 2)).isEqualTo("jdoe1");
        assertThat(at(c, 10_000)).isEqualTo("jdoe9999");
        assertThatThrownBy(() -> c.get(10_001)).isInstanceOf(IllegalStateException.class);
        assertThat(at(UsernamePolicy.ofNames("Zoë", "", new Email("x@example.org"), NOW), 0)).isEqualTo("zo");
        assertThat(at(UsernamePolicy.ofNames("A", "A", new Email("x@example.org"), NOW), 1))
                .as("a full name equal to the first candidate is not tried twice").isEqualTo("aa1");
    }

    @Test
    void withoutNamesTheEmailThenUserAndTheTimeAsOpenMlDoes() {
        assertThat(at(UsernamePolicy.ofNames("", "李", new Email("ada.l@example.org"), NOW), 0)).isEqualTo("adal");
        assertThat(at(UsernamePolicy.ofNames("", "", new Email("李@example.org"), NOW), 0)).isEqualTo("user1764892800123");
    }

    @Test
    void everyCandidateFitsTheColumnWithItsNumber() {
        String longName = "a".repeat(300);
        UsernamePolicy.Candidates named = UsernamePolicy.ofNames(longName, longName, new Email("x@example.org"), NOW);
        UsernamePolicy.Candidates mailed = UsernamePolicy.ofEmail(new Email("b".repeat(200) + "@example.org"));
        for (int attempt : new int[] {0, 1, 2, 9_999}) {
            assertThat(named.get(attempt).value().length()).isLessThanOrEqualTo(Username.MAX_LENGTH);
        }
        assertThat(mailed.get(9_999).value()).endsWith("9999").hasSizeLessThanOrEqualTo(Username.MAX_LENGTH);
    }
}

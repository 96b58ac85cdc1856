package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * Password guessing and mail bombing against the standalone server with its default limits on
 * (the rest of the attacker suite turns them off to test one control at a time).
 */
class BruteForceTest {
    @TempDir
    Path dir;

    private AttackTarget target;

    @AfterEach
    void stop() {
        if (target != null) target.close();
    }

    @Test
    void guessingOnePasswordPausesItsAccountAndEvenTheRightPasswordWaitsTillThePauseEnds() throws Exception {
        target = AttackTarget.start(dir, Map.of("AUTH_RATE_LIMITS", "on"));
        target.confirmedAccount("victim@example.org");
        AuthHttpClient attacker = target.browser();

        Map<Integer, Integer> statuses = new TreeMap<>();
        String retryAfter = null;
        for (int guess = 0; guess < 12; guess++) {
            Response r = attacker.signIn("victim@example.org", "guess-number-" + guess);
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() == 429) retryAfter = r.header("Retry-After").orElseThrow();
        }
        // Five guesses are checked; after that the account pauses and nothing more is hashed.
        assertThat(statuses).containsExactly(Map.entry(401, 5), Map.entry(429, 7));
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 30L);

        // The owner, with the right password, waits too: a guess that happens to be right learns nothing.
        Response owner = target.browser().signIn("victim@example.org", AttackTarget.PASSWORD);
        assertThat(owner.status()).isEqualTo(429);
        assertThat(owner.json()).containsEntry("code", "sign_in_locked");

        // The pause ends by itself.
        target.clock.advance(Duration.ofSeconds(31));
        assertThat(target.browser().signIn("victim@example.org", AttackTarget.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void unknownAddressesPauseExactlyLikeKnownOnes() throws Exception {
        target = AttackTarget.start(dir, Map.of("AUTH_RATE_LIMITS", "on"));
        target.confirmedAccount("known@example.org");
        for (String login : new String[] {"known@example.org", "nobody@example.org"}) {
            StringBuilder seen = new StringBuilder();
            for (int guess = 0; guess < 7; guess++) seen.append(target.browser().signIn(login, "wrong-" + guess).status()).append(' ');
            assertThat(seen.toString()).as(login).isEqualTo("401 401 401 401 401 429 429 ");
        }
    }

    @Test
    void oneInboxCannotBeFloodedWithResetMails() throws Exception {
        target = AttackTarget.start(dir, Map.of("AUTH_RATE_LIMITS", "on"));
        target.confirmedAccount("victim@example.org");
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            seen.append(target.browser().postJson("/api/auth/forgot-password", Map.of("email", "victim@example.org")).status())
                    .append(' ');
        }
        assertThat(seen.toString()).isEqualTo("200 200 200 429 429 ");
    }
}

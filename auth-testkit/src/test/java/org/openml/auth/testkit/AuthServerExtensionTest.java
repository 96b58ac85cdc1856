package org.openml.auth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.User;

class AuthServerExtensionTest {
    @RegisterExtension
    final AuthServerExtension auth = new AuthServerExtension();

    @Test
    void aSignedInClientInOneLine() {
        AuthHttpClient ada = auth.signedInClient("ada@example.org");

        assertThat(ada.get("/api/auth/session").json()).containsKey("user");
        assertThat(auth.newClient().get("/api/user/whoami?api_key=" + auth.apiKeyOf("ada@example.org")).status()).isEqualTo(200);
    }

    @Test
    void theClockExpiresSessionsAndTheInboxHoldsTheLinks(MutableClock clock, RecordingMailer inbox) {
        AuthHttpClient bob = auth.signedInClient("bob@example.org", "another fine passphrase");
        assertThat(auth.lastLinkTo("bob@example.org").getPath()).isEqualTo("/auth/confirm-email");
        assertThat(inbox.sent()).hasSize(1);

        clock.advance(Duration.ofHours(3));

        assertThat(bob.get("/api/auth/session").body()).isEqualTo("{}");
    }

    @Test
    void eachTestGetsAFreshServer(TestAuthServer server) {
        assertThat(server.stores().users().size()).isZero();
        User carol = auth.confirmedUser("carol@example.org");
        assertThat(carol.active()).isTrue();
        assertThat(server.stores().users().size()).isEqualTo(1);
    }
}

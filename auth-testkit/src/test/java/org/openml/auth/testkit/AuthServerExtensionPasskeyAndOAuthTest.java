package org.openml.auth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.port.in.Administration;
import org.openml.auth.testkit.webauthn.SoftwareAuthenticator;

class AuthServerExtensionPasskeyAndOAuthTest {
    @RegisterExtension
    final AuthServerExtension auth = AuthServerExtension.withFakeOAuth();

    @Test
    void aPasskeyAccountInOneLineAndSignInWithTheSameDevice() {
        SoftwareAuthenticator laptop = auth.newAuthenticator();
        AuthHttpClient ada = auth.passkeySignedInClient("ada@example.org", laptop);
        assertThat(ada.get("/api/auth/session").json()).containsKey("user");

        AuthHttpClient again = auth.passkeySignIn(laptop);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) again.get("/api/auth/session").json().get("user");
        assertThat(user).containsEntry("email", "ada@example.org");
    }

    @Test
    void aGitHubSignInThroughTheWholeRedirectFlow() {
        AuthHttpClient bob = auth.oauthSignedInClient("github",
                FakeOAuthProvider.profile("github", "4242", "bob@example.org", true, "Bob", "Builder"));

        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) bob.get("/api/auth/session").json().get("user");
        assertThat(user).containsEntry("email", "bob@example.org").containsEntry("username", "bbuilder");
        assertThat(auth.newClient().get("/api/auth/providers").json()).containsKeys("credentials", "github", "google");
    }

    @Test
    void aLockedAccountCannotSignInWithGitHubUntilUnlocked() {
        var profile = FakeOAuthProvider.profile("github", "4242", "bob@example.org", true, "Bob", "Builder");
        auth.oauthSignedInClient("github", profile);
        var bob = auth.services().administration().find("bob@example.org", 1).get(0).id();
        auth.services().administration().lock(Administration.Actor.operator(), bob);

        assertThatThrownBy(() -> auth.oauthSignedInClient("github", profile))
                .hasMessageContaining("/auth/error").hasMessageContaining("account_disabled");

        auth.services().administration().unlock(Administration.Actor.operator(), bob);
        assertThat(auth.oauthSignedInClient("github", profile).get("/api/auth/session").json()).containsKey("user");
    }
}

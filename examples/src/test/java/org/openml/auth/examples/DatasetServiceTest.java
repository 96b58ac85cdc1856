package org.openml.auth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.Group;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthServerExtension;

/** The example service, tested with nothing but the testkit. */
class DatasetServiceTest {
    @RegisterExtension
    final AuthServerExtension auth = new AuthServerExtension();

    Javalin app;
    String base;

    @BeforeEach
    void start() {
        app = DatasetService.create(auth.services(), auth.clock()).start("127.0.0.1", 0);
        base = "http://localhost:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void theAuthRoutesLiveUnderThePrefixAndItsSessionProtectsMe() {
        auth.confirmedUser("ada@example.org");
        AuthHttpClient browser = new AuthHttpClient(URI.create(base + "/auth"));
        assertThat(browser.get(base + "/me").status()).isEqualTo(401);

        assertThat(browser.signIn("ada@example.org", AuthServerExtension.DEFAULT_PASSWORD).status()).isEqualTo(200);

        assertThat(browser.get(base + "/me").json()).containsEntry("email", "ada@example.org");
        auth.clock().advance(Duration.ofHours(3));
        assertThat(browser.get(base + "/me").status()).as("the session expired").isEqualTo(401);
    }

    @Test
    void apiKeysProtectTheDatasets() {
        auth.confirmedUser("ada@example.org");
        String key = auth.apiKeyOf("ada@example.org");
        AuthHttpClient client = new AuthHttpClient(URI.create(base));

        assertThat(client.get("/datasets?api_key=" + key).json()).containsEntry("owner", "ada").containsEntry("datasets", "listed");
        assertThat(client.get("/datasets").status()).isEqualTo(401);
        assertThat(client.get("/datasets?api_key=" + "0".repeat(32)).status()).isEqualTo(401);
        assertThat(client.postJson("/datasets", Map.of(), "Authorization", "Bearer " + key).json()).containsEntry("datasets", "created");
    }

    @Test
    void aRegeneratedKeyIsRefusedAtOnceAndReadOnlyKeysCannotWrite() {
        AuthHttpClient ada = auth.signedInClient("ada@example.org");
        String old = auth.apiKeyOf("ada@example.org");
        AuthHttpClient client = new AuthHttpClient(URI.create(base));
        assertThat(client.get("/datasets?api_key=" + old).status()).isEqualTo(200);

        ada.postJson("/api/user/api-key/regenerate", Map.of(), "X-CSRF-Token", ada.csrfToken());

        assertThat(client.get("/datasets?api_key=" + old).status()).isEqualTo(401);
        String fresh = auth.apiKeyOf("ada@example.org");
        assertThat(client.get("/datasets?api_key=" + fresh).status()).isEqualTo(200);

        auth.confirmedUser("reader@example.org");
        var reader = auth.server().stores().users().findByEmail(new org.openml.auth.core.domain.Email("reader@example.org")).orElseThrow();
        // A read-only account: only in group 3.
        auth.server().stores().users().addToGroup(reader.id(), Group.READONLY);
        auth.server().stores().users().removeFromGroup(reader.id(), Group.MEMBERS);
        String readerKey = auth.apiKeyOf("reader@example.org");
        assertThat(client.get("/datasets?api_key=" + readerKey).status()).isEqualTo(200);
        assertThat(client.postJson("/datasets", Map.of(), "Authorization", "Bearer " + readerKey).status()).isEqualTo(403);
    }
}

package org.openml.auth.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.AuditEvent;
import org.openml.auth.core.domain.Email;
import org.openml.auth.core.domain.Group;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.domain.UserId;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;
import org.openml.auth.testkit.TestAuthServer;

/** {@code /api/admin/users}: the operator's commands for members of OpenML's admin group. */
class AdminRoutesTest {
    TestAuthServer server;
    AuthHttpClient admin;
    AuthHttpClient member;

    @BeforeEach
    void start() {
        server = TestAuthServer.start();
        admin = ApiKeyRoutesTest.signedIn(server, "root@example.org");
        server.stores().users().addToGroup(user("root@example.org").id(), Group.ADMIN);
        member = ApiKeyRoutesTest.signedIn(server, "ada@example.org");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    User user(String email) {
        return server.stores().users().findByEmail(new Email(email)).orElseThrow();
    }

    String[] csrf(AuthHttpClient client) {
        return new String[] {"X-CSRF-Token", client.csrfToken()};
    }

    Response act(AuthHttpClient client, UserId target, String action) {
        return client.postJson("/api/admin/users/" + target.value() + "/" + action, Map.of(), csrf(client));
    }

    List<String> adminRows(UserId id) {
        return server.services().accountActivity().recent(id, 20).stream()
                .filter(e -> e.type() == AuditEvent.Type.ADMIN_ACTION).map(e -> e.detail().orElse("")).toList();
    }

    @Test
    void anAdminFindsAccountsWithoutTheirSecretsAndTheSearchIsAudited() {
        Response found = admin.get("/api/admin/users?q=ADA@");

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> users = (List<Map<String, Object>>) found.json().get("users");
        assertThat(users).singleElement().satisfies(u -> assertThat(u)
                .containsEntry("email", "ada@example.org").containsEntry("active", true)
                .containsKeys("id", "username", "firstName", "lastName").doesNotContainKeys("apikey", "password"));
        assertThat(found.body()).doesNotContain(user("ada@example.org").apiKey().orElseThrow().value());
        UserId root = user("root@example.org").id();
        assertThat(adminRows(root)).containsExactly("find by admin " + root.value() + " (1 found)");
        assertThat(admin.get("/api/admin/users?q=").json()).containsEntry("users", List.of());
        assertThat(admin.get("/api/admin/users?q=" + "a".repeat(300)).json()).containsEntry("users", List.of());
    }

    @Test
    void everyActionWorksAndIsAuditedWithTheAdminsId() {
        UserId ada = user("ada@example.org").id();
        long root = user("root@example.org").id().value();

        // The test clock stands still, and a session made at the very instant of a cut-off outlives it.
        server.clock().advance(Duration.ofSeconds(1));
        Response locked = act(admin, ada, "lock");
        assertThat(locked.status()).as(locked.body()).isEqualTo(200);
        assertThat(locked.json()).containsEntry("success", true);
        assertThat(member.get("/api/auth/session").json()).doesNotContainKey("user");
        assertThat(server.newClient().signIn("ada@example.org", ApiKeyRoutesTest.PASSWORD).status()).isEqualTo(401);

        assertThat(act(admin, ada, "unlock").status()).isEqualTo(200);
        assertThat(server.newClient().signIn("ada@example.org", ApiKeyRoutesTest.PASSWORD).status()).isEqualTo(200);

        AuthHttpClient again = server.newClient();
        again.signIn("ada@example.org", ApiKeyRoutesTest.PASSWORD);
        server.clock().advance(Duration.ofSeconds(1));
        assertThat(act(admin, ada, "revoke-sessions").status()).isEqualTo(200);
        assertThat(again.get("/api/auth/session").json()).doesNotContainKey("user");

        assertThat(act(admin, ada, "send-reset").status()).isEqualTo(200);
        assertThat(server.mailer().lastTo("ada@example.org", Mail.PasswordReset.class)).isPresent();

        Response confirm = act(admin, ada, "confirm");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.json()).containsEntry("result", "already confirmed");

        assertThat(adminRows(ada)).contains("lock by admin " + root, "unlock by admin " + root,
                "revoke-sessions by admin " + root, "send-reset by admin " + root);
    }

    @Test
    void everyoneElseGets403AndNothingChanges() {
        UserId root = user("root@example.org").id();
        UserId ada = user("ada@example.org").id();

        Response search = member.get("/api/admin/users?q=root");
        assertThat(search.status()).isEqualTo(403);
        assertThat(search.json()).containsEntry("code", "admin_required");
        assertThat(act(member, root, "lock").status()).isEqualTo(403);
        assertThat(admin.get("/api/auth/session").json()).containsKey("user");
        assertThat(adminRows(root)).isEmpty();
        assertThat(adminRows(ada)).isEmpty();

        assertThat(server.newClient().get("/api/admin/users?q=root").status()).isEqualTo(401);
        assertThat(server.newClient().postJson("/api/admin/users/" + root.value() + "/lock", Map.of()).status())
                .isIn(401, 403);

        // Taken out of the group, the admin's next call is refused: membership is read on every call.
        server.stores().users().removeFromGroup(root, Group.ADMIN);
        assertThat(admin.get("/api/admin/users?q=ada").status()).isEqualTo(403);
    }

    @Test
    void actionsNeedTheCsrfTokenAndAKnownAccountAndAction() {
        UserId ada = user("ada@example.org").id();

        Response noToken = admin.postJson("/api/admin/users/" + ada.value() + "/lock", Map.of());
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.json()).containsEntry("code", "csrf_failed");
        assertThat(member.get("/api/auth/session").json()).containsKey("user");

        assertThat(act(admin, new UserId(ada.value() + 1000), "lock").json()).containsEntry("code", "user_not_found");
        Response notAnId = admin.postJson("/api/admin/users/abc/lock", Map.of(), csrf(admin));
        assertThat(notAnId.status()).isEqualTo(404);
        assertThat(notAnId.json()).containsEntry("code", "user_not_found");
        Response unknownAction = act(admin, ada, "delete");
        assertThat(unknownAction.status()).isEqualTo(404);
        assertThat(unknownAction.json()).containsEntry("code", "not_found");
        assertThat(member.get("/api/auth/session").json()).containsKey("user");
    }

    @Test
    void aLockedAdminIsNoAdmin() {
        UserId root = user("root@example.org").id();
        server.services().administration().lock(org.openml.auth.core.port.in.Administration.Actor.operator(), root);
        AuthHttpClient fresh = server.newClient();
        fresh.signIn("root@example.org", ApiKeyRoutesTest.PASSWORD);

        assertThat(server.services().administration().admin(root, "127.0.0.1")).isEmpty();
        assertThat(fresh.get("/api/admin/users?q=ada").status()).isEqualTo(401);
    }
}

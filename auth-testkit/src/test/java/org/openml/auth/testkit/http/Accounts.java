package org.openml.auth.testkit.http;

import java.util.Map;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** Creates accounts through the public routes, as a user would. */
final class Accounts {
    private Accounts() {}

    static void registerUnconfirmed(TestAuthServer server, String email, String password) {
        AuthHttpClient c = server.newClient();
        int status = c.postJson("/api/auth/register",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email, "password", password)).status();
        if (status != 201) throw new IllegalStateException("registration failed with " + status);
    }

    static void registerConfirmed(TestAuthServer server, String email, String password) {
        registerUnconfirmed(server, email, password);
        String token = RecordingMailer.tokenOf(server.mailer().lastTo(email, Mail.Confirmation.class).orElseThrow().link());
        int status = server.newClient().get("/api/auth/confirm-email?token=" + token).status();
        if (status != 200) throw new IllegalStateException("confirmation failed with " + status);
    }
}

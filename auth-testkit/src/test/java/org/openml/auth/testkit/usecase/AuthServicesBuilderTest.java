package org.openml.auth.testkit.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.domain.Mail;
import org.openml.auth.core.password.Argon2PasswordHasher;
import org.openml.auth.core.port.in.PasswordSignIn.SignInResult;
import org.openml.auth.core.port.in.PasswordSignIn.SignInCommand;
import org.openml.auth.core.port.in.Registration.RegisterCommand;
import org.openml.auth.core.port.in.Registration.RegistrationResult;
import org.openml.auth.core.usecase.AuthServices;
import org.openml.auth.testkit.InMemoryStores;
import org.openml.auth.testkit.RecordingMailer;
import org.openml.auth.testkit.TestAuthServer;

/** Assembling the use cases by hand, as an embedding service does. */
class AuthServicesBuilderTest {

    @Test
    void oneStoresCallWiresEveryStoreOfAnAdapter() {
        RecordingMailer mailer = new RecordingMailer();
        InMemoryStores stores = InMemoryStores.create();
        AuthServices auth = AuthServices.builder()
                .stores(stores)
                .passwordHasher(new Argon2PasswordHasher(TestAuthServer.FAST_ARGON2, List.of()))
                .mailer(mailer)
                .publicUrl(URI.create("https://www.openml.org"))
                .sessionSecret(TestAuthServer.SECRET)
                .build();

        RegistrationResult result = auth.registration().register(
                new RegisterCommand("Ada", "Lovelace", "ada@example.org", "correct horse battery staple", "192.0.2.1"));
        assertThat(result).isInstanceOf(RegistrationResult.Registered.class);
        String link = mailer.lastTo("ada@example.org", Mail.Confirmation.class).orElseThrow().link().toString();
        assertThat(link).startsWith("https://www.openml.org/auth/confirm-email?token=");
        auth.registration().confirmEmail(RecordingMailer.tokenOf(URI.create(link)), "192.0.2.10");

        assertThat(auth.passwordSignIn().signIn(new SignInCommand("ada", "correct horse battery staple", "192.0.2.10"))).isInstanceOf(SignInResult.SignedIn.class);
        String key = stores.users().findById(((RegistrationResult.Registered) result).user().id()).orElseThrow().apiKey().orElseThrow().value();
        assertThat(auth.apiKeys().authenticate(key)).isPresent();
        assertThat(auth.passkeys()).isEmpty();
    }

    @Test
    void aMissingPortIsNamed() {
        assertThatThrownBy(() -> AuthServices.builder().stores(InMemoryStores.create()).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("passwordHasher");
    }
}

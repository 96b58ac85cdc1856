package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openml.auth.server.AuthServerConfig.ConfigException;

class AuthServerConfigTest {

    @Test
    void defaultsGiveADevelopmentServerOnSqlite() {
        AuthServerConfig config = AuthServerConfig.fromEnv(Map.of());

        assertThat(config.port()).isEqualTo(3050);
        assertThat(config.publicUrl()).isEqualTo(URI.create("http://localhost:3050"));
        assertThat(config.linkBaseUrl()).isEqualTo(config.publicUrl());
        assertThat(config.production()).isFalse();
        assertThat(config.sessionSecretGenerated()).isTrue();
        assertThat(config.sessionSecret()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(config.sqlitePath()).isEqualTo(Path.of("data/openml-auth.db"));
        assertThat(config.smtp()).isEmpty();
        assertThat(config.warnings()).anyMatch(w -> w.contains("NEXTAUTH_SECRET is not set"))
                .anyMatch(w -> w.contains("SMTP_HOST is not set"));
    }

    @Test
    void theSeedsVariablesAreRead() {
        AuthServerConfig config = AuthServerConfig.fromEnv(Map.of(
                "PORT", "8080", "NEXTAUTH_URL", "https://www.openml.org/", "NEXT_PUBLIC_URL", "https://openml.org",
                "NEXTAUTH_SECRET", "s".repeat(40), "SQLITE_PATH", "/tmp/x.db",
                "SMTP_HOST", "smtp.example.org", "SMTP_SECURE", "true", "SMTP_USER", "u", "SMTP_PASS", "hunter2hunter2",
                "SMTP_FROM", "OpenML <a@openml.org>"));

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.publicUrl()).isEqualTo(URI.create("https://www.openml.org"));
        assertThat(config.linkBaseUrl()).isEqualTo(URI.create("https://openml.org"));
        assertThat(config.production()).isTrue();
        org.openml.auth.mail.SmtpConfig smtp = config.smtp().orElseThrow();
        assertThat(smtp.port()).as("SMTPS default port").isEqualTo(465);
        assertThat(smtp.secure()).isTrue();
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("s".repeat(40));
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of(
                "PORT", "70000", "NEXTAUTH_URL", "www.openml.org", "SMTP_HOST", "smtp.example.org", "SMTP_USER", "u",
                "SMTP_SECURE", "maybe", "AUTH_HASH_THREADS", "lots")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(5)
                        .anyMatch(p -> p.startsWith("PORT must be between 1 and 65535"))
                        .anyMatch(p -> p.startsWith("NEXTAUTH_URL must start with http:// or https://"))
                        .anyMatch(p -> p.equals("SMTP_USER and SMTP_PASS must be set together"))
                        .anyMatch(p -> p.startsWith("SMTP_SECURE must be true or false"))
                        .anyMatch(p -> p.startsWith("AUTH_HASH_THREADS must be a whole number")));
    }

    @Test
    void aBadSenderAddressIsAConfigurationProblem() {
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("SMTP_HOST", "smtp.example.org", "SMTP_FROM", "not an address <")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SMTP settings");
    }

    @Test
    void productionNeedsARealSecret() {
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("NODE_ENV", "production")))
                .hasMessageContaining("NEXTAUTH_SECRET is required in production");
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("NEXTAUTH_URL", "https://www.openml.org", "NEXTAUTH_SECRET", "short")))
                .hasMessageContaining("NEXTAUTH_SECRET is too short");
    }

    @Test
    void nextAuthUrlMayCarryNextAuthsBasePathButNothingElse() {
        assertThat(AuthServerConfig.fromEnv(Map.of("NEXTAUTH_URL", "http://localhost:3050/api/auth")).publicUrl())
                .isEqualTo(URI.create("http://localhost:3050"));
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("NEXTAUTH_URL", "http://localhost:3050/app")))
                .hasMessageContaining("must be an origin without a path");
    }

    @Test
    void mysqlSettingsAreRefusedUntilTheMysqlStoreExists() {
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("DATABASE_URL", "mysql://u:p@localhost:3306/openml")))
                .hasMessageContaining("MySQL/MariaDB store");
    }

    @Test
    void previousSecretsAreAListAndTheHashingPoolIsBounded() {
        AuthServerConfig config = AuthServerConfig.fromEnv(Map.of("NEXTAUTH_SECRET_PREVIOUS", "old-one, older-one",
                "AUTH_HASH_THREADS", "3"));
        assertThat(config.previousSessionSecrets()).containsExactly("old-one", "older-one");
        assertThat(config.hashThreads()).isEqualTo(3);
        assertThat(config.hashQueue()).isEqualTo(48);
    }
}

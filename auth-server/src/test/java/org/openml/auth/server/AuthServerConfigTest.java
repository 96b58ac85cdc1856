package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openml.auth.jdbc.MysqlConfig;
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
    void logSettingsThatLogbackWouldIgnoreAreNamed() {
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("LOG_FORMAT", "xml", "LOG_LEVEL", "verbose")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "LOG_FORMAT must be text or json, got 'xml'",
                        "LOG_LEVEL must be TRACE, DEBUG, INFO, WARN, ERROR or OFF, got 'verbose'"));
        assertThat(AuthServerConfig.fromEnv(Map.of("LOG_LEVEL", "debug"))).isNotNull();
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
    void databaseUrlSelectsMysqlWithDecodedCredentialsAndDefaults() {
        AuthServerConfig config = AuthServerConfig.fromEnv(Map.of(
                "DATABASE_URL", "mysql://openml%40app:p%40ss%2Fw+rd%C3%A9@db.example.org/openml", "SQLITE_PATH", "/tmp/x.db"));

        MysqlConfig mysql = config.mysql().orElseThrow();
        assertThat(mysql.host()).isEqualTo("db.example.org");
        assertThat(mysql.port()).isEqualTo(3306);
        assertThat(mysql.database()).isEqualTo("openml");
        assertThat(mysql.user()).isEqualTo("openml@app");
        assertThat(mysql.password()).contains("p@ss/w+rdé");
        assertThat(mysql.poolSize()).isEqualTo(10);
        assertThat(mysql.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(mysql.socketTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(mysql.sslMode()).isEqualTo(MysqlConfig.SslMode.PREFERRED);
        assertThat(config.warnings()).anyMatch(w -> w.startsWith("SQLITE_PATH is ignored"));
        assertThat(config.toString()).contains("db.example.org").doesNotContain("p@ss").doesNotContain("p%40ss");
    }

    @Test
    void mysqlHostSelectsMysqlWithItsSiblingsAndTheTuningKnobs() {
        AuthServerConfig config = AuthServerConfig.fromEnv(Map.of("MYSQL_HOST", "10.0.0.5", "MYSQL_PORT", "3307",
                "MYSQL_USER", "auth", "MYSQL_PASSWORD", " secret with spaces ", "MYSQL_DATABASE", "openml",
                "MYSQL_POOL_SIZE", "25", "MYSQL_CONNECT_TIMEOUT", "PT0.5S", "MYSQL_SOCKET_TIMEOUT", "12",
                "MYSQL_SSL_MODE", "verify_identity"));

        MysqlConfig mysql = config.mysql().orElseThrow();
        assertThat(mysql.endpoint()).isEqualTo("10.0.0.5:3307/openml");
        assertThat(mysql.user()).isEqualTo("auth");
        assertThat(mysql.password()).contains(" secret with spaces ");
        assertThat(mysql.poolSize()).isEqualTo(25);
        assertThat(mysql.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(mysql.socketTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(mysql.sslMode()).isEqualTo(MysqlConfig.SslMode.VERIFY_IDENTITY);
        assertThat(config.toString()).doesNotContain("secret with spaces");
    }

    @Test
    void mysqlUserDefaultsToRootAndTheDatabaseIsRequired() {
        assertThat(AuthServerConfig.fromEnv(Map.of("MYSQL_HOST", "db", "MYSQL_DATABASE", "openml")).mysql()
                .map(MysqlConfig::user)).contains("root");
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("MYSQL_HOST", "db")))
                .hasMessageContaining("MYSQL_DATABASE is required with MYSQL_HOST");
    }

    @Test
    void withoutDatabaseUrlOrMysqlHostTheServerUsesSqliteAndSaysWhatItIgnores() {
        AuthServerConfig config = AuthServerConfig.fromEnv(Map.of("MYSQL_DATABASE", "openml", "MYSQL_PASSWORD", "x"));

        assertThat(config.mysql()).isEmpty();
        assertThat(config.warnings()).anyMatch(w -> w.startsWith("MYSQL_DATABASE is set but neither DATABASE_URL nor MYSQL_HOST"))
                .anyMatch(w -> w.startsWith("MYSQL_PASSWORD is set but"));
    }

    @Test
    void databaseUrlWinsOverMysqlHost() {
        AuthServerConfig config = AuthServerConfig.fromEnv(Map.of("DATABASE_URL", "mysql://u:p@a:1234/one",
                "MYSQL_HOST", "b", "MYSQL_DATABASE", "two"));

        assertThat(config.mysql().map(MysqlConfig::endpoint)).contains("a:1234/one");
        assertThat(config.warnings()).anyMatch(w -> w.contains("MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD and"
                + " MYSQL_DATABASE are ignored"));
    }

    @Test
    void badMysqlSettingsAreAllListedWithoutThePassword() {
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("DATABASE_URL", "postgres://u:hunter2@db/openml",
                "MYSQL_POOL_SIZE", "0", "MYSQL_CONNECT_TIMEOUT", "soon", "MYSQL_SSL_MODE", "sometimes")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(4)
                        .anyMatch(p -> p.contains("got the scheme 'postgres'"))
                        .anyMatch(p -> p.startsWith("MYSQL_POOL_SIZE must be between 1 and 1000"))
                        .anyMatch(p -> p.startsWith("MYSQL_CONNECT_TIMEOUT must be an ISO-8601 duration"))
                        .anyMatch(p -> p.startsWith("MYSQL_SSL_MODE must be one of DISABLED, PREFERRED"))
                        .noneMatch(p -> p.contains("hunter2")));
    }

    /** Issue 18: the query options mysql2, Prisma and JDBC users put in DATABASE_URL are mapped, not refused. */
    @Test
    void databaseUrlOptionsAreMapped() {
        MysqlConfig jdbcStyle = AuthServerConfig.fromEnv(Map.of("DATABASE_URL",
                "mysql://u:p@db/openml?ssl-mode=REQUIRED&charset=utf8mb4&connectTimeout=2500&socketTimeout=60000"
                        + "&connectionLimit=25&timezone=Z")).mysql().orElseThrow();
        assertThat(jdbcStyle.sslMode()).isEqualTo(MysqlConfig.SslMode.REQUIRED);
        assertThat(jdbcStyle.connectTimeout()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(jdbcStyle.socketTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(jdbcStyle.poolSize()).isEqualTo(25);

        MysqlConfig prismaStyle = AuthServerConfig.fromEnv(Map.of("DATABASE_URL",
                "mysql://u:p@db/openml?sslaccept=strict&connect_timeout=7&socket_timeout=9&connection_limit=4")).mysql().orElseThrow();
        assertThat(prismaStyle.sslMode()).isEqualTo(MysqlConfig.SslMode.VERIFY_IDENTITY);
        assertThat(prismaStyle.connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(7));
        assertThat(prismaStyle.socketTimeout()).isEqualTo(java.time.Duration.ofSeconds(9));
        assertThat(prismaStyle.poolSize()).isEqualTo(4);

        assertThat(AuthServerConfig.fromEnv(Map.of("DATABASE_URL", "mysql://u:p@db/openml?sslmode=verify-ca")).mysql()
                .orElseThrow().sslMode()).isEqualTo(MysqlConfig.SslMode.VERIFY_CA);
        assertThat(AuthServerConfig.fromEnv(Map.of("DATABASE_URL", "mysql://u:p@db/openml?ssl=false")).mysql()
                .orElseThrow().sslMode()).isEqualTo(MysqlConfig.SslMode.DISABLED);
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("DATABASE_URL", "mysql://u:p@db/openml?ssl-mode=REQUIRED",
                "MYSQL_SSL_MODE", "DISABLED"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("MYSQL_SSL_MODE and an option of DATABASE_URL set the same thing; keep one of them");
    }

    @Test
    void databaseUrlIsParsedStrictly() {
        for (String[] bad : new String[][] {
                {"mysql://u:p@db:3306", "database name after the host is required"},
                {"mysql://u:p@db:3306/", "database name after the host is required"},
                {"mysql://u:p@db/openml?ssl=maybe", "DATABASE_URL option ssl must be true or false"},
                {"mysql://u:p@db/openml?sslmode=require&pgbouncer=true", "DATABASE_URL has the option 'pgbouncer', which this"
                        + " server does not know; it knows ssl-mode, sslmode"},
                {"mysql://u:p@db/openml?charset=latin1", "option charset must be utf8mb4"},
                {"mysql://u:p@db/openml?connect_timeout=-3", "option connect_timeout must be a whole number of seconds"},
                {"mysql://u:p@db/openml#x", "without a #fragment"},
                {"mysql://u:p@ss@db/openml", "URL-encode special characters of the password, e.g. @ as %40"},
                {"db.example.org/openml", "got the scheme '(none)'"}}) {
            assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("DATABASE_URL", bad[0])))
                    .as(bad[0]).isInstanceOf(ConfigException.class).hasMessageContaining(bad[1]);
        }
    }

    @Test
    void previousSecretsAreAListAndTheHashingPoolIsBounded() {
        AuthServerConfig config = AuthServerConfig.fromEnv(Map.of("NEXTAUTH_SECRET_PREVIOUS", "old-one, older-one",
                "AUTH_HASH_THREADS", "3"));
        assertThat(config.previousSessionSecrets()).containsExactly("old-one", "older-one");
        assertThat(config.hashThreads()).isEqualTo(3);
        assertThat(config.hashQueue()).isEqualTo(48);
    }

    @Test
    void enumerationProtectionIsOffByDefaultAndValidated() {
        assertThat(AuthServerConfig.fromEnv(Map.of()).enumerationProtection()).isFalse();
        assertThat(AuthServerConfig.fromEnv(Map.of("AUTH_ENUMERATION_PROTECTION", "true")).enumerationProtection()).isTrue();
        assertThat(AuthServerConfig.fromEnv(Map.of("AUTH_ENUMERATION_PROTECTION", "false")).enumerationProtection()).isFalse();
        assertThat(AuthServerConfig.fromEnv(Map.of("AUTH_ENUMERATION_PROTECTION", "true")).toString())
                .contains("enumerationProtection=true");
        assertThatThrownBy(() -> AuthServerConfig.fromEnv(Map.of("AUTH_ENUMERATION_PROTECTION", "strict")))
                .hasMessageContaining("AUTH_ENUMERATION_PROTECTION must be true or false, got 'strict'");
    }
}

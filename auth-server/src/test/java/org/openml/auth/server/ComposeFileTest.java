package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openml.auth.jdbc.MysqlConfig;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.local.yml cannot be started here (no Docker), so it is read as data: valid YAML,
 * the three services, the legacy schema mounted from files that exist, and an environment for
 * the server that this server's own configuration accepts and that points at the other two.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.local.yml")));
        services = (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    /** A service's environment as a map, from either of Compose's two forms (map or KEY=value list). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        } else {
            for (String entry : (List<String>) env) {
                int eq = entry.indexOf('=');
                result.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(String service, String key) {
        return ((List<Object>) service(service).get(key)).stream().map(String::valueOf).toList();
    }

    @Test
    void theThreeServicesAreThere() {
        assertThat(services).containsOnlyKeys("mysql", "mailpit", "auth");
        assertThat((String) service("mysql").get("image")).startsWith("mysql:8");
        assertThat((String) service("mailpit").get("image")).startsWith("axllent/mailpit:");
        assertThat(list("mailpit", "ports")).anyMatch(p -> p.startsWith("8025:8025")).anyMatch(p -> p.startsWith("1025:1025"));
    }

    @Test
    void mysqlLoadsTheShippedLegacySchemaIntoItsDatabase() {
        List<String> volumes = list("mysql", "volumes");
        List<String> initScripts = volumes.stream().filter(v -> v.contains("/docker-entrypoint-initdb.d/")).toList();

        assertThat(initScripts).hasSize(2);
        for (String mount : initScripts) {
            Path host = ROOT.resolve(mount.substring(0, mount.indexOf(':'))).normalize();
            assertThat(host).as(mount).exists().isRegularFile();
            // The entrypoint runs init scripts in MYSQL_DATABASE: a CREATE DATABASE/USE would send them elsewhere.
            assertThat(readQuietly(host)).doesNotContainPattern("(?m)^\\s*(USE|CREATE DATABASE)\\b");
        }
        assertThat(initScripts.get(0)).contains("openml-legacy.sql").endsWith("01-openml-legacy.sql:ro");
        assertThat(initScripts.get(1)).contains("openml-legacy-groups.sql");
        assertThat(environment("mysql")).containsKeys("MYSQL_ROOT_PASSWORD", "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD");
        assertThat(service("mysql")).containsKey("healthcheck");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServerIsBuiltFromTheRepositoryAndWaitsForAHealthyDatabase() throws IOException {
        Map<String, Object> build = (Map<String, Object>) service("auth").get("build");
        Path dockerfile = ROOT.resolve(String.valueOf(build.get("context"))).resolve(String.valueOf(build.get("dockerfile")));
        assertThat(dockerfile).exists();
        assertThat(Files.readString(dockerfile)).contains("eclipse-temurin-17").contains("auth-server/target/openml-auth-server.jar");
        Map<String, Object> dependsOn = (Map<String, Object>) service("auth").get("depends_on");
        assertThat((Map<String, Object>) dependsOn.get("mysql")).containsEntry("condition", "service_healthy");
        assertThat(dependsOn).containsKey("mailpit");
    }

    @Test
    void theServersEnvironmentIsValidAndPointsAtTheOtherServices() {
        Map<String, String> env = environment("auth");
        Map<String, String> mysql = environment("mysql");

        assertThat(env).containsOnlyKeys("PORT", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "MYSQL_HOST", "MYSQL_PORT", "MYSQL_USER",
                "MYSQL_PASSWORD", "MYSQL_DATABASE", "MYSQL_SSL_MODE", "MYSQL_POOL_SIZE", "SMTP_HOST", "SMTP_PORT", "SMTP_FROM");
        AuthServerConfig config = AuthServerConfig.fromEnv(env);
        MysqlConfig db = config.mysql().orElseThrow();
        assertThat(services).containsKey(db.host());
        assertThat(db.database()).isEqualTo(mysql.get("MYSQL_DATABASE"));
        assertThat(db.user()).isEqualTo(mysql.get("MYSQL_USER"));
        assertThat(db.password()).contains(mysql.get("MYSQL_PASSWORD"));
        assertThat(db.sslMode()).as("MySQL 8's caching_sha2_password needs TLS").isNotEqualTo(MysqlConfig.SslMode.DISABLED);
        assertThat(config.smtp().orElseThrow().host()).isEqualTo("mailpit");
        assertThat(list("mailpit", "ports")).anyMatch(p -> p.endsWith(":" + config.smtp().orElseThrow().port()));
        assertThat(list("auth", "ports")).contains(config.port() + ":" + config.port());
        assertThat(config.publicUrl().toString()).isEqualTo("http://localhost:" + config.port());
    }
}

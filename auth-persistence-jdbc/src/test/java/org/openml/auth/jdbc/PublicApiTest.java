package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's entry point is {@link JdbcStores} (with its settings and report values), and the
 * operators' {@link JdbcSchemaTools}; the rest may change freely.
 */
class PublicApiTest {

    @Test
    void onlyTheEntryPointsArePublic() throws Exception {
        Path classes = Path.of(JdbcStores.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/openml/auth/jdbc");
        List<String> publicTypes;
        try (Stream<Path> files = Files.list(classes)) {
            publicTypes = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> "org.openml.auth.jdbc." + name.substring(0, name.length() - ".class".length()))
                    .filter(PublicApiTest::isPublic)
                    .toList();
        }
        // The entry point and the values it takes and gives; the stores themselves stay package-private.
        assertThat(publicTypes).containsExactlyInAnyOrder(JdbcStores.class.getName(), JdbcSchemaTools.class.getName(),
                MysqlConfig.class.getName(),
                MysqlConfig.Builder.class.getName(), MysqlConfig.SslMode.class.getName(), SchemaReport.class.getName());
    }

    @Test
    void jdbcStoresOffersTheStoresAndTheirLifecycle() {
        List<String> methods = Arrays.stream(JdbcStores.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName)
                .sorted()
                .toList();

        assertThat(methods).containsExactly("accountLocks", "accountRemoval", "apiKeys", "attempts", "auditEvents", "bindPoolMetrics", "challenges", "close", "confirmationTokens",
                "create", "deviceSessions", "emailChanges", "externalIdentities", "isReady", "mailOutbox", "mysql", "mysqlInBackground", "passkeys",
                "ping", "resetTokens", "schemaReport", "sessionRevocations", "sqlite", "takeOverNextjsLinks", "toString", "unprovenEmails",
                "uploads", "users");
    }

    private static boolean isPublic(String className) {
        try {
            return Modifier.isPublic(Class.forName(className).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.openml.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.RecordingMailer;

/** X-Forwarded-For decides the client only behind a trusted proxy (AUTH_TRUSTED_PROXIES); spoofing it elsewhere gains nothing. */
class ClientAddressEndToEndTest {
    @TempDir
    Path dir;

    private AuthServer server(String trustedProxies) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEXTAUTH_URL", "http://localhost:" + port);
        env.put("NEXTAUTH_SECRET", "client-address-test-secret-0123456789abcdef");
        env.put("SQLITE_PATH", dir.resolve(port + ".db").toString());
        env.put("AUTH_LIMIT_CHECK_EMAIL", "2/PT1H");
        if (trustedProxies != null) env.put("AUTH_TRUSTED_PROXIES", trustedProxies);
        return AuthServer.create(AuthServerConfig.fromEnv(env), Clock.systemUTC(), new RecordingMailer()).start();
    }

    private static int checkEmail(AuthHttpClient client, String forwardedFor) {
        return client.get("/api/auth/check-email?email=a@example.org", "X-Forwarded-For", forwardedFor).status();
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget() throws Exception {
        try (AuthServer s = server("127.0.0.1, ::1")) {
            AuthHttpClient client = new AuthHttpClient(URI.create("http://localhost:" + s.port()));
            assertThat(checkEmail(client, "198.51.100.1")).isEqualTo(200);
            assertThat(checkEmail(client, "6.6.6.6, 198.51.100.1")).as("a forged left part changes nothing").isEqualTo(200);
            assertThat(checkEmail(client, "7.7.7.7, 198.51.100.1")).isEqualTo(429);
            assertThat(checkEmail(client, "198.51.100.2")).as("another client behind the proxy").isEqualTo(200);
        }
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() throws Exception {
        try (AuthServer s = server(null)) {
            AuthHttpClient client = new AuthHttpClient(URI.create("http://localhost:" + s.port()));
            assertThat(checkEmail(client, "198.51.100.1")).isEqualTo(200);
            assertThat(checkEmail(client, "198.51.100.2")).isEqualTo(200);
            assertThat(checkEmail(client, "198.51.100.3")).as("every spoofed address is the same socket peer").isEqualTo(429);
        }
    }

    @Test
    void badTrustedProxiesStopTheServerWithAClearMessage() {
        AuthServerConfig.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(AuthServerConfig.ConfigException.class,
                () -> AuthServerConfig.fromEnv(Map.of("AUTH_TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal",
                        "AUTH_RATE_LIMITS", "maybe", "AUTH_LIMIT_SIGN_IN", "30 per minute", "AUTH_LOCK_FIRST", "PT10M",
                        "AUTH_LOCK_MAX", "PT1M")));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("AUTH_TRUSTED_PROXIES").contains("proxy.internal"))
                .anySatisfy(p -> assertThat(p).contains("AUTH_RATE_LIMITS must be on or off"))
                .anySatisfy(p -> assertThat(p).startsWith("AUTH_LIMIT_SIGN_IN").contains("30/PT1M"))
                .anySatisfy(p -> assertThat(p).contains("AUTH_LOCK_MAX"));
    }

    @Test
    void limitsAreOnByDefaultAndCanBeTurnedOff() {
        AuthServerConfig defaults = AuthServerConfig.fromEnv(Map.of());
        assertThat(defaults.rateLimits()).isEqualTo(org.openml.auth.core.usecase.RateLimitPolicy.DEFAULTS);
        assertThat(defaults.trustedProxies()).isEmpty();
        AuthServerConfig off = AuthServerConfig.fromEnv(Map.of("AUTH_RATE_LIMITS", "off", "AUTH_LIMIT_PASSKEY", "5/PT10S"));
        assertThat(off.rateLimits().enabled()).isFalse();
        assertThat(off.rateLimits().passkeyPerIp().toString()).isEqualTo("5/PT10S");
    }
}

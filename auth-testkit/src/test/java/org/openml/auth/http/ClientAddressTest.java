package org.openml.auth.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who the client is: X-Forwarded-For only from trusted proxies, right-most untrusted hop, never DNS. */
class ClientAddressTest {
    final ClientAddress behindProxies = ClientAddress.trusting(List.of("10.0.0.0/8", "192.168.1.5", "fd00::/8", "::1"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(ClientAddress.direct().resolve("203.0.113.9", List.of("1.2.3.4"))).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.trusting(List.of()).resolve("203.0.113.9", List.of("1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        assertThat(behindProxies.resolve("203.0.113.9", List.of("10.0.0.1, 1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void fromATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        // The client forged "6.6.6.6" in front; the proxy appended the address it really saw.
        assertThat(behindProxies.resolve("10.1.2.3", List.of("6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
        // Two trusted proxies in a row, and header lines split over several headers.
        assertThat(behindProxies.resolve("192.168.1.5", List.of("6.6.6.6", "198.51.100.7, 10.9.9.9"))).isEqualTo("198.51.100.7");
        assertThat(behindProxies.resolve("::1", List.of("2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(behindProxies.resolve("10.0.0.2", List.of())).as("no header: the proxy itself").isEqualTo("10.0.0.2");
        assertThat(behindProxies.resolve("10.0.0.2", List.of("10.0.0.3"))).as("only proxies: the left-most").isEqualTo("10.0.0.3");
    }

    @Test
    void garbageInTheHeaderStopsAtTheLastTrustedHop() {
        assertThat(behindProxies.resolve("10.0.0.2", List.of("198.51.100.7, evil.example.com"))).isEqualTo("10.0.0.2");
        assertThat(behindProxies.resolve("10.0.0.2", List.of("198.51.100.7, 10.0.0.4, 1.2.3"))).isEqualTo("10.0.0.2");
        assertThat(behindProxies.resolve("10.0.0.2", List.of("unknown"))).isEqualTo("10.0.0.2");
    }

    @Test
    void addressesAreParsedAsLiteralsOnly() {
        assertThat(ClientAddress.literal("localhost")).isEmpty();
        assertThat(ClientAddress.literal("1.2.3.4.nip.io")).isEmpty();
        assertThat(ClientAddress.literal("g::1")).isEmpty();
        assertThat(ClientAddress.literal("256.1.1.1")).isEmpty();
        assertThat(ClientAddress.literal("1.2.3.4:8080")).get().extracting(a -> a.getHostAddress()).isEqualTo("1.2.3.4");
        assertThat(ClientAddress.literal("[2001:db8::1]:443")).get().extracting(a -> a.getHostAddress())
                .isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(ClientAddress.literal("::ffff:192.0.2.1")).get().extracting(a -> a.getHostAddress()).isEqualTo("192.0.2.1");
    }

    @Test
    void cidrBlocksMatchByPrefix() {
        ClientAddress narrow = ClientAddress.trusting(List.of("172.16.0.0/12", "2001:db8:abcd::/48"));
        assertThat(narrow.resolve("172.31.255.255", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(narrow.resolve("172.32.0.1", List.of("198.51.100.7"))).isEqualTo("172.32.0.1");
        assertThat(narrow.resolve("2001:db8:abcd:1::9", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(narrow.resolve("2001:db8:abce::9", List.of("198.51.100.7"))).isEqualTo("2001:db8:abce:0:0:0:0:9");
    }

    @Test
    void badProxyEntriesAreRefusedWithTheirText() {
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("proxy.internal"))).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("::1/129"))).hasMessageContaining("::1/129");
    }
}

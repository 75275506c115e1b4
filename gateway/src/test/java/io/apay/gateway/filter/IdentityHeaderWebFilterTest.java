package io.apay.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which address is the client's, given the TCP peer and an X-Forwarded-For chain. */
class IdentityHeaderWebFilterTest {

    // the ingress pods live in 10.0.0.0/8 and fd00::/8; the load balancer in front of them is 192.0.2.10
    final IdentityHeaderWebFilter filter = new IdentityHeaderWebFilter(List.of("10.0.0.0/8", "192.0.2.10", "fd00::/8"));

    String clientIp(String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> b = MockServerHttpRequest.get("/health/user")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        for (String value : forwardedFor) {
            b.header("X-Forwarded-For", value);
        }
        return filter.clientIp(b.build());
    }

    @Test
    void anUntrustedPeersForwardedForIsIgnored() {
        assertThat(clientIp("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(clientIp("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void behindTheIngressTheRightMostUntrustedHopIsTheClient() {
        // the client wrote "6.6.6.6" itself; the ingress appended the address it saw
        assertThat(clientIp("10.1.2.3", "6.6.6.6, 198.51.100.1")).isEqualTo("198.51.100.1");
        // two trusted proxies on the way (the load balancer, then the ingress pod)
        assertThat(clientIp("10.1.2.3", "6.6.6.6, 198.51.100.1, 192.0.2.10, 10.4.5.6")).isEqualTo("198.51.100.1");
        // the chain split over two header lines counts as one list, in order
        assertThat(clientIp("10.1.2.3", "6.6.6.6", "198.51.100.1, 10.4.5.6")).isEqualTo("198.51.100.1");
    }

    @Test
    void ipv6HopsAndPeersAreMatchedAgainstCidrBlocks() {
        assertThat(clientIp("fd00::1", "2001:db8::1, fd00::2")).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(clientIp("fd00::1", "[2001:db8::7]:5555")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(clientIp("fd00::1", "198.51.100.1:5555")).isEqualTo("198.51.100.1");
        assertThat(clientIp("2001:db8::9", "198.51.100.1")).isEqualTo("2001:db8:0:0:0:0:0:9");
    }

    @Test
    void aChainOfOnlyTrustedHopsOrGarbageStopsAtTheLastAddressWeCanTrust() {
        assertThat(clientIp("10.1.2.3", "10.9.9.9")).isEqualTo("10.9.9.9");
        assertThat(clientIp("10.1.2.3")).isEqualTo("10.1.2.3");
        // a hop that is not an IP literal was not written by a proxy of ours: nothing left of it is believed
        assertThat(clientIp("10.1.2.3", "198.51.100.1, evil.example, 10.4.5.6")).isEqualTo("10.4.5.6");
        assertThat(clientIp("10.1.2.3", "unknown")).isEqualTo("10.1.2.3");
    }
}

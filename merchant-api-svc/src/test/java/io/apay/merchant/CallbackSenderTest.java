package io.apay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.merchant.service.callback.CallbackProperties;
import io.apay.merchant.service.callback.CallbackSender;
import io.apay.merchant.service.callback.HostResolver;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A merchant's notify URL can't make the platform call into its own network (production: private targets off). */
class CallbackSenderTest {

    final CallbackSender sender = new CallbackSender(new CallbackProperties(), HostResolver.SYSTEM);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8103/rpc-api/ledger/transfers", "http://localhost/", "http://10.0.0.5/notify",
            "http://172.16.3.4/", "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
            "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://100.64.0.7/", "http://0.0.0.0:8080/", "http://224.0.0.1/"})
    void internalAddressesAreRefusedWithoutAConnection(String notifyUrl) {
        CallbackSender.Outcome outcome = sender.send(notifyUrl, "{}", "sig", "fp");
        assertThat(outcome.acknowledged()).isFalse();
        assertThat(outcome.httpStatus()).isNull();
        assertThat(outcome.error()).isEqualTo("notify URL points at a private address");
    }

    @Test
    void aPublicAddressIsTried() {
        // 203.0.113.0/24 is public (a documentation range): the attempt goes out; whatever answers (nothing, or this
        // machine's egress filter), it is not refused as private
        CallbackSender.Outcome outcome = sender.send("http://203.0.113.9:9/notify", "{}", "sig", "fp");
        assertThat(outcome.acknowledged()).isFalse();
        assertThat(outcome.httpStatus() != null || outcome.error() != null).isTrue();
        assertThat(outcome.error()).isNotEqualTo("notify URL points at a private address");
    }

    /**
     * A DNS rebinding: the name answers a public address when it is checked and loopback when it is looked up again
     * for the connection. The attempt must go to the address that was checked, so nothing on loopback is reached.
     */
    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckDoesNotReachLoopback() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer loopback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        loopback.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] out = "success".getBytes();
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        loopback.start();
        try {
            AtomicInteger lookups = new AtomicInteger();
            HostResolver rebinding = host -> new InetAddress[] {lookups.incrementAndGet() == 1
                    ? InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 9})
                    : InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            CallbackProperties props = new CallbackProperties();
            props.setConnectTimeout(Duration.ofMillis(500));
            props.setRequestTimeout(Duration.ofSeconds(2));
            // "localhost": if the connection looks the name up again (here or in the JDK), it gets loopback
            CallbackSender.Outcome outcome = new CallbackSender(props, rebinding)
                    .send("http://localhost:" + loopback.getAddress().getPort() + "/notify", "{}", "sig", "fp");
            assertThat(hits.get()).as("requests that reached loopback").isZero();
            assertThat(outcome.acknowledged()).isFalse();
            assertThat(lookups.get()).as("the name is resolved once, for the check and the connection").isEqualTo(1);
        } finally {
            loopback.stop(0);
        }
    }
}

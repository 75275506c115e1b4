package io.apay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.merchant.service.callback.CallbackProperties;
import io.apay.merchant.service.callback.CallbackSender;
import io.apay.merchant.service.callback.HostResolver;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.io.TempDir;
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
            "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://100.64.0.7/", "http://0.0.0.0:8080/", "http://224.0.0.1/",
            // benchmarking, IETF protocol assignments, reserved and broadcast
            "http://198.18.0.1/", "http://198.19.255.254/", "http://192.0.0.8/", "http://240.0.0.1/", "http://255.255.255.255/",
            // IPv6 forms that carry an internal IPv4 address: NAT64 (of 10.0.0.1 and 127.0.0.1), 6to4 (of 10.0.0.1,
            // 127.0.0.1, 169.254.169.254), IPv4-compatible (of 10.0.0.1, and the whole deprecated ::/96)
            "http://[64:ff9b::a00:1]/", "http://[64:ff9b::127.0.0.1]/", "http://[2002:a00:1::1]/", "http://[2002:7f00:1::]/",
            "http://[2002:a9fe:a9fe::1]/", "http://[::a00:1]/", "http://[::8.8.8.8]/",
            // local-use NAT64 and Teredo: never a merchant's endpoint
            "http://[64:ff9b:1::a00:1]/", "http://[64:ff9b:1:ffff::8.8.8.8]/", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/"})
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

    /** NAT64 and 6to4 of a public IPv4 address are public: the attempt goes out (and fails here, not as private). */
    @ParameterizedTest
    @ValueSource(strings = {"http://[64:ff9b::cb00:7109]:9/notify", "http://[2002:cb00:7109::1]:9/notify"})
    void anIpv6FormOfAPublicIpv4AddressIsTried(String notifyUrl) {
        CallbackProperties props = new CallbackProperties();
        props.setConnectTimeout(Duration.ofMillis(500));
        props.setRequestTimeout(Duration.ofSeconds(2));
        CallbackSender.Outcome outcome = new CallbackSender(props, HostResolver.SYSTEM).send(notifyUrl, "{}", "sig", "fp");
        assertThat(outcome.acknowledged()).isFalse();
        assertThat(outcome.error()).isNotEqualTo("notify URL points at a private address");
    }

    /** A name with several addresses: one that refuses the connection does not end the attempt, the next is tried. */
    @Test
    void whenTheFirstAddressRefusesTheConnectionTheNextCheckedAddressIsTried() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] out = "success".getBytes();
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        receiver.start();
        try {
            CallbackProperties props = new CallbackProperties();
            props.setAllowPrivateTargets(true); // a local mesh: loopback stands in for public addresses
            props.setConnectTimeout(Duration.ofMillis(500));
            props.setRequestTimeout(Duration.ofSeconds(3));
            // 127.0.0.2 is loopback too, but nothing listens there on this port: the connection is refused
            HostResolver twoAddresses = host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 2}),
                    InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            CallbackSender.Outcome outcome = new CallbackSender(props, twoAddresses)
                    .send("http://merchant.example:" + receiver.getAddress().getPort() + "/notify", "{}", "sig", "fp");
            assertThat(outcome.acknowledged()).as(String.valueOf(outcome)).isTrue();
            assertThat(hits.get()).isEqualTo(1);
        } finally {
            receiver.stop(0);
        }
    }

    /** A name server that never answers cannot hold an attempt (and a callback thread) past its deadline. */
    @Test
    void aHangingDnsLookupEndsTheAttemptWithinItsDeadline() {
        CallbackProperties props = new CallbackProperties();
        props.setConnectTimeout(Duration.ofMillis(300));
        props.setRequestTimeout(Duration.ofSeconds(1));
        HostResolver hanging = host -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 9})};
        };
        long start = System.nanoTime();
        CallbackSender.Outcome outcome = new CallbackSender(props, hanging).send("http://slow-dns.example/notify", "{}", "sig", "fp");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).as("attempt time, ms").isLessThan(1_500);
        assertThat(outcome.acknowledged()).isFalse();
        assertThat(outcome.error()).isEqualTo("DNS lookup timeout");
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

    /**
     * An https notify URL on an IPv6 literal: the certificate is checked against the address without its URL
     * brackets (with them no certificate could ever match), and the callback is delivered.
     */
    @Test
    void anHttpsNotifyUrlOnAnIpv6LiteralIsVerifiedAgainstTheBareAddress(@TempDir Path dir) throws Exception {
        // a certificate for the address ::1, made as an operator would, trusted by the platform for this test
        Path store = dir.resolve("ipv6.p12");
        Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=receiver",
                "-ext", "SAN=ip:::1", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);

        AtomicInteger hits = new AtomicInteger();
        HttpsServer receiver = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        receiver.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] out = "success".getBytes();
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        receiver.start();
        SSLContext platformDefault = SSLContext.getDefault();
        SSLContext.setDefault(trusting);
        try {
            CallbackProperties props = new CallbackProperties();
            props.setAllowPrivateTargets(true); // ::1 stands in for a merchant's public IPv6 address
            props.setRequestTimeout(Duration.ofSeconds(5));
            CallbackSender.Outcome outcome = new CallbackSender(props, HostResolver.SYSTEM)
                    .send("https://[::1]:" + receiver.getAddress().getPort() + "/notify", "{}", "sig", "fp");
            assertThat(outcome.error()).isNull();
            assertThat(outcome.acknowledged()).isTrue();
            assertThat(hits.get()).isEqualTo(1);
        } finally {
            SSLContext.setDefault(platformDefault);
            receiver.stop(0);
        }
    }
}

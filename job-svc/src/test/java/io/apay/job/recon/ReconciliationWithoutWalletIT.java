package io.apay.job.recon;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.apay.common.test.ApayIntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An older mesh without wallet-svc, chain-bridge-svc and wealth-svc (listed by discovery, as the local profile lists every
 * service, but nothing listens there; otc-svc, the ledger and merchant-api-svc stood in, empty): with wallet-checks
 * AUTO the run still reconciles otc-svc and says what it left out; with ON the missing services fail the run; with
 * OFF it says the checks are off.
 */
@ApayIntegrationTest
class ReconciliationWithoutWalletIT {

    static final HttpServer services = start();
    static final int CLOSED_PORT = closedPort();

    /** A loopback port nothing listens on. */
    static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every read of an empty otc-svc and ledger answers an empty page. */
    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", x -> {
                byte[] body = "{\"code\":0,\"message\":\"ok\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "application/json");
                x.sendResponseHeaders(200, body.length);
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void addresses(DynamicPropertyRegistry registry) {
        for (String service : List.of("otc-svc", "ledger-svc", "merchant-api-svc")) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri",
                    () -> "http://127.0.0.1:" + services.getAddress().getPort());
        }
        for (String service : List.of("wallet-svc", "chain-bridge-svc", "wealth-svc")) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
        }
    }

    @AfterAll
    static void stop() {
        services.stop(0);
    }

    @Autowired ReconciliationService reconciliation;
    @Autowired ReconProperties props;
    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void auto() {
        props.setWalletChecks(ReconProperties.WalletChecks.AUTO);
        props.setWealthChecks(ReconProperties.WalletChecks.AUTO);
    }

    static final String WEALTH_LEFT_OUT = "; WEALTH and wealth-svc's STUCK_INTENT: wealth-svc not reachable (no instance, or none accepts a"
            + " connection; wealth-checks AUTO)";

    @Test
    void withWalletChecksAutoTheRunChecksOtcAndSaysWhatItLeftOut() {
        ReconRun run = reconciliation.run(ReconciliationService.SCHEDULE, null);
        assertThat(run.error()).isNull();
        assertThat(run.ok()).isTrue();
        assertThat(run.notChecked()).isEqualTo("DEPOSIT, WITHDRAWAL and the wallet's STUCK_INTENT: wallet-svc and chain-bridge-svc"
                + " not reachable (no instance, or none accepts a connection; wallet-checks AUTO)" + WEALTH_LEFT_OUT);
        assertThat(run.depositsChecked()).isZero();
        assertThat(run.productsChecked()).isZero();
        assertThat(jdbc.queryForObject("SELECT not_checked FROM recon_run WHERE id = ?", String.class, run.runId()))
                .startsWith("DEPOSIT, WITHDRAWAL and the wallet's STUCK_INTENT: wallet-svc and chain-bridge-svc not reachable");
    }

    @Test
    void withWalletChecksOnAMissingWalletFailsTheRun() {
        props.setWalletChecks(ReconProperties.WalletChecks.ON);
        ReconRun run = reconciliation.run(ReconciliationService.SCHEDULE, null);
        assertThat(run.ok()).isFalse();
        assertThat(run.error()).startsWith("reading wallet-svc deposits failed: ");
        assertThat(run.notChecked()).isNull();
    }

    @Test
    void withWalletChecksOffTheRunSaysSo() {
        props.setWalletChecks(ReconProperties.WalletChecks.OFF);
        ReconRun run = reconciliation.run(ReconciliationService.SCHEDULE, null);
        assertThat(run.ok()).isTrue();
        assertThat(run.notChecked()).isEqualTo("DEPOSIT, WITHDRAWAL and the wallet's STUCK_INTENT: wallet-checks is OFF" + WEALTH_LEFT_OUT);
    }

    @Test
    void withWealthChecksOnAMissingWealthSvcFailsTheRunAndOffSaysSo() {
        props.setWalletChecks(ReconProperties.WalletChecks.OFF);
        props.setWealthChecks(ReconProperties.WalletChecks.ON);
        ReconRun failed = reconciliation.run(ReconciliationService.SCHEDULE, null);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.error()).startsWith("reading wealth-svc products failed: ");
        props.setWealthChecks(ReconProperties.WalletChecks.OFF);
        ReconRun off = reconciliation.run(ReconciliationService.SCHEDULE, null);
        assertThat(off.ok()).isTrue();
        assertThat(off.notChecked()).isEqualTo("DEPOSIT, WITHDRAWAL and the wallet's STUCK_INTENT: wallet-checks is OFF;"
                + " WEALTH and wealth-svc's STUCK_INTENT: wealth-checks is OFF");
    }
}

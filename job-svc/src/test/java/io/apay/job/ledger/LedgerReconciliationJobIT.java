package io.apay.job.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.ledger.api.dto.ReconciliationReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reconciliation job against a stand-in for ledger-svc on a loopback port that answers the ledger's contract
 * (the real ledger's endpoint is tested in ledger-server's ReconciliationIT): the job calls it through the
 * {@code LedgerApi} Feign client, reports the result as a gauge, and runs once per tick across replicas.
 */
@ApayIntegrationTest(properties = "apay.job.ledger-reconciliation.initial-delay=PT1H")
class LedgerReconciliationJobIT {

    static final List<String> calls = new CopyOnWriteArrayList<>();
    static volatile String answer;
    static final HttpServer ledger = start();

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/rpc-api/ledger/reconciliation", exchange -> {
                calls.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
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
    static void ledgerAddress(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.ledger-svc[0].uri",
                () -> "http://127.0.0.1:" + ledger.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        ledger.stop(0);
    }

    @Autowired
    LedgerReconciliationJob job;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void reset() {
        calls.clear();
    }

    static String report(boolean ok, int differences) {
        String list = differences == 0 ? "[]"
                : "[{\"check\":\"BALANCE_EQUALS_POSTINGS\",\"subject\":\"account 5\",\"expected\":\"1\",\"actual\":\"2\"}]";
        return "{\"code\":0,\"message\":\"ok\",\"data\":{\"runId\":7,\"trigger\":\"job-svc\",\"ok\":" + ok
                + ",\"startedAt\":\"2026-01-01T00:00:00Z\",\"finishedAt\":\"2026-01-01T00:00:01Z\",\"accountsChecked\":10,"
                + "\"postingsChecked\":20,\"holdsChecked\":1,\"differenceCount\":" + differences + ",\"differences\":" + list + "}}";
    }

    @Test
    void aRunWithDifferencesIsReportedAsAGauge() {
        answer = report(false, 2);
        ReconciliationReport report = job.reconcile();
        assertThat(report.ok()).isFalse();
        assertThat(report.differences()).extracting(ReconciliationReport.Difference::check).containsExactly("BALANCE_EQUALS_POSTINGS");
        assertThat(calls).containsExactly("POST {\"trigger\":\"job-svc\"}");
        assertThat(meters.get("apay.ledger.reconciliation.differences").gauge().value()).isEqualTo(2.0);

        answer = report(true, 0);
        job.reconcile();
        assertThat(meters.get("apay.ledger.reconciliation.differences").gauge().value()).isZero();
        assertThat(meters.get("apay.ledger.reconciliation.last.success").gauge().value()).isEqualTo(1767225601.0);
    }

    @Test
    void ticksOfManyReplicasRunItOncePerInterval() throws Exception {
        answer = report(true, 0);
        for (int i = 0; i < 4; i++) {
            job.onTick(); // on the async job pool, like the scheduler's calls
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (calls.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // give a wrong second run the chance to show up
        assertThat(calls).hasSize(1);
    }
}

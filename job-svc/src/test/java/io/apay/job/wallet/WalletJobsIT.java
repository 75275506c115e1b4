package io.apay.job.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.apay.common.test.ApayIntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The wallet recovery job calls wallet-svc's recovery (a stand-in on a loopback port) through WalletJobsApi. */
@ApayIntegrationTest(properties = "apay.job.wallet-recover-every=1h")
class WalletJobsIT {

    static final List<String> calls = new CopyOnWriteArrayList<>();
    static final HttpServer wallet = start();

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/rpc-api/wallet/jobs/recover", exchange -> {
                calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getQuery());
                byte[] body = "{\"code\":0,\"message\":\"ok\",\"data\":3}".getBytes(StandardCharsets.UTF_8);
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
    static void walletAddress(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.wallet-svc[0].uri",
                () -> "http://127.0.0.1:" + wallet.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        wallet.stop(0);
    }

    @Autowired
    WalletJobs jobs;

    @Test
    void aTickCallsTheWalletsRecoveryOnce() throws Exception {
        jobs.recover(); // @Async: runs on the job pool
        for (int i = 0; i < 100 && !calls.contains("POST limit=100"); i++) {
            Thread.sleep(50);
        }
        assertThat(calls).contains("POST limit=100");
        int before = calls.size();
        jobs.recover(); // the same tick (the schedule is an hour here): claimed already, not run again
        Thread.sleep(300);
        assertThat(calls).hasSize(before);
    }
}

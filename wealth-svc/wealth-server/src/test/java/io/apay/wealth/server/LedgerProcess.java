package io.apay.wealth.server;

import io.apay.common.test.LocalInfra;
import io.apay.common.test.MeshCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real ledger-svc for wealth-svc's tests: its runnable jar (built by the reactor before this module) started once
 * per test JVM as a process with its own schema, Redis and queue prefixes and the JVM's test mesh key, stopped (and
 * its schema dropped) when the JVM ends. Money code is tested against the ledger itself, not a stand-in.
 */
final class LedgerProcess {

    private static LedgerProcess shared;

    final int port;
    final String schema;
    private final Process process;

    private LedgerProcess() throws Exception {
        Path module = root().resolve("ledger-svc/ledger-server");
        Path jar;
        try (var files = Files.list(module.resolve("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no ledger-server exec jar: build the reactor (./mvnw package)"));
        }
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
        schema = "t_ledger_w" + suffix;
        LocalInfra.createSchema(schema);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path log = Path.of("target", "ledger-process.log");
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC",
                "-jar", jar.toString(), "--spring.profiles.active=local", "--server.port=" + port,
                "--apay.db.schema=" + schema, "--apay.redis.key-prefix=t:" + suffix + ":", "--apay.mq.prefix=t." + suffix + ".",
                "--apay.crypto.secret-key=" + Base64.getEncoder().encodeToString(key), "--apay.mesh.key=" + MeshCredentials.testKey()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        awaitReady();
    }

    static synchronized LedgerProcess shared() {
        if (shared == null) {
            try {
                shared = new LedgerProcess();
            } catch (Exception e) {
                throw new IllegalStateException("ledger-svc did not start; see target/ledger-process.log", e);
            }
        }
        return shared;
    }

    String uri() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ledger-svc exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("ledger-svc not ready within 180 s");
    }

    private void stop() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LocalInfra.dropSchema(schema);
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/apay"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found");
        }
        return dir;
    }
}

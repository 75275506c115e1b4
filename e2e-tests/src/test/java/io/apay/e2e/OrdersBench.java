package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The create-order benchmark (docs/benchmarks/orders.md): not part of the test suite (the name matches neither
 * {@code *Test} nor {@code *IT}); run it on its own:
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B verify -pl e2e-tests -Dtest=OrdersBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.rate=300 -Dbench.seconds=60] [-Dapay.e2e.jvm-opts="..."]
 * </pre>
 * The services run with bin/apay's {@code JAVA_OPTS_DEFAULT} unless {@code -Dapay.e2e.jvm-opts} is given ({@link BenchJvm}).
 * It starts the real mesh (gateway, user, sms, ledger, otc, push, merchant-api, job) as processes, onboards
 * acceptors with large ads and online monitors, then places orders through the gateway at a fixed rate (an open
 * model: each request has its intended start time and its latency counts from then, so a slow server is not
 * hidden by a waiting load generator). Each request is signed by the merchant's RSA key ahead of its phase. The CPU
 * the server processes use while a phase's requests are sent and answered ({@link ProcessCpu}) is reported per
 * process and per order created.
 */
class OrdersBench {

    static final int RATE = Integer.getInteger("bench.rate", 300);
    static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 40);
    static final int ACCEPTORS = Integer.getInteger("bench.acceptors", 4);
    /** Above 0: after the measured phase, an overload phase at this many times {@code bench.rate} (docs/benchmarks/orders.md). */
    static final int OVERLOAD_FACTOR = Integer.getInteger("bench.overload-factor", 0);
    static final int OVERLOAD_SECONDS = Integer.getInteger("bench.overload-seconds", 60);
    static final int BUSY = 10503;
    static final int OUTCOME_UNKNOWN = 10504;

    static {
        BenchJvm.useShippedOptionsUnlessGiven();
    }

    @Test
    void createOrdersAtAFixedRate() throws Exception {
        long setupStart = System.nanoTime();
        MoneyFixture.up();
        for (int i = 0; i < ACCEPTORS; i++) {
            MoneyFixture.onboardAcceptor("10000000", "9000000", "10", "5000");
        }
        System.out.printf("mesh and %d acceptors ready in %d s (services run with %s)%n", ACCEPTORS,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - setupStart), Mesh.JVM_OPTS);

        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).connectTimeout(Duration.ofSeconds(5)).build();
        Phase warmup = run(http, "warm-up", Math.max(50, RATE / 3), WARMUP_SECONDS);
        Phase measured = run(http, "measured", RATE, SECONDS);
        Phase overload = OVERLOAD_FACTOR > 0 ? run(http, "overload", RATE * OVERLOAD_FACTOR, OVERLOAD_SECONDS) : null;

        System.out.println(warmup.summary());
        System.out.println(measured.summary());
        System.out.printf("CPU of the server processes in the measured phase (%d ms), per order created (code 0):%n%s",
                measured.cpuWallMillis(), ProcessCpu.table(measured.cpuMs(), measured.cpuWallMillis(), measured.ok(), "order"));
        System.out.print(ProcessCpu.jitLine(measured.jitMs(), measured.ok(), "order"));
        String result = String.format(Locale.ROOT, "RESULT rate_rps=%d p99_ms=%d errors=%d cpu_ms_per_order=%.1f", Math.round(measured.achievedRate()),
                measured.percentile(99), measured.errors(), ProcessCpu.perUnit(ProcessCpu.total(measured.cpuMs()), measured.ok()));
        if (overload != null) {
            // goodput against the rate the measured phase sustained; the excess should be refused fast, not queued
            double goodputPct = 100 * overload.achievedRate() / RATE;
            System.out.println(overload.summary());
            System.out.printf(Locale.ROOT, "overload  %dx %d/s: goodput %.1f/s = %.0f%% of %d/s; admitted (code 0) p99 %d ms; refused busy (%d) %d, p99 %d ms;"
                            + " outcome unknown (%d) %d%n", OVERLOAD_FACTOR, RATE, overload.achievedRate(), goodputPct, RATE,
                    overload.percentile(99, 0), BUSY, overload.codes().getOrDefault(BUSY, 0), overload.percentile(99, BUSY), OUTCOME_UNKNOWN,
                    overload.codes().getOrDefault(OUTCOME_UNKNOWN, 0));
            result += String.format(Locale.ROOT, " overload_goodput_pct=%.0f overload_shed_p99_ms=%d", goodputPct, overload.percentile(99, BUSY));
        }
        System.out.println(result);
        MoneyFixture.assertLedgerReconciles();
        MoneyFixture.assertCrossServiceReconciles();
        assertThat(measured.completed()).isEqualTo(measured.sent());
    }

    /**
     * {@code cpuMs}: CPU ms per server process from the first request sent to the last answer ({@code cpuWallMillis});
     * {@code jitMs}: how much of the JVMs' part their JIT compilers used.
     */
    record Phase(String name, int rate, int seconds, long[] latenciesMicros, int[] answerCodes, int sent, int completed,
                 Map<Integer, Integer> codes, double wallSeconds, Map<String, Long> cpuMs, long cpuWallMillis, long jitMs) {

        long percentile(double p) {
            return percentile(Arrays.copyOf(latenciesMicros, completed), p);
        }

        /** The percentile of the requests answered with this code only. */
        long percentile(double p, int code) {
            return percentile(java.util.stream.IntStream.range(0, completed).filter(i -> answerCodes[i] == code)
                    .mapToLong(i -> latenciesMicros[i]).toArray(), p);
        }

        static long percentile(long[] sorted, double p) {
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return -1;
            }
            int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return Math.round(sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1000.0);
        }

        int ok() {
            return codes.getOrDefault(0, 0);
        }

        int errors() {
            return codes.entrySet().stream().filter(e -> e.getKey() != 0).mapToInt(Map.Entry::getValue).sum();
        }

        double achievedRate() {
            return (completed - errors()) / wallSeconds;
        }

        String summary() {
            return String.format("%-9s target %d/s for %d s: sent %d, completed %d, ok %.1f/s, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms, "
                            + "answers by code %s", name, rate, seconds, sent, completed, achievedRate(), percentile(50), percentile(90),
                    percentile(99), percentile(100), new TreeMap<>(codes));
        }
    }

    /** Signs {@code rate × seconds} orders, then sends them on schedule and waits for every answer. */
    static Phase run(HttpClient http, String name, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<HttpRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // amounts spread over the ads' range: payable amounts rarely meet, as in real traffic
            BigDecimal fiat = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1_000, 400_000), 2).setScale(2, RoundingMode.UNNECESSARY);
            Map<String, Object> order = MoneyFixture.order("B-" + batch + "-" + i, fiat.toPlainString());
            requests.add(MoneyFixture.merchant.signed("POST", "/merchant-api/orders", Map.of(), AppClient.MAPPER.writeValueAsString(order)));
        }
        long[] latencies = new long[n];
        int[] answerCodes = new int[n];
        Map<Integer, Integer> codes = new ConcurrentHashMap<>();
        AtomicInteger completed = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(n);
        long interval = 1_000_000_000L / rate;
        ProcessCpu.Snapshot cpuBefore = ProcessCpu.servers(MoneyFixture.mesh.pids());
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = i;
            inFlight.add(http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.ofString()).handle((r, error) -> {
                latencies[slot] = (System.nanoTime() - intended) / 1000;
                int code = error != null ? -1 : r.statusCode() == 200 && r.body().startsWith("{\"code\":0") ? 0 : codeOf(r);
                answerCodes[slot] = code;
                codes.merge(code, 1, Integer::sum);
                completed.incrementAndGet();
                return null;
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        double wall = (System.nanoTime() - start) / 1e9;
        ProcessCpu.Snapshot cpuAfter = ProcessCpu.servers(MoneyFixture.mesh.pids());
        return new Phase(name, rate, seconds, latencies, answerCodes, n, completed.get(), codes, wall, cpuAfter.diff(cpuBefore), cpuAfter.wallMillis(cpuBefore),
                cpuAfter.jitMillis(cpuBefore));
    }

    static int codeOf(HttpResponse<String> r) {
        try {
            int code = AppClient.MAPPER.readTree(r.body()).path("code").asInt(-r.statusCode());
            return code == 0 ? -r.statusCode() : code;
        } catch (Exception e) {
            return -r.statusCode();
        }
    }
}

package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.apay.push.simulator.MonitorClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The paid-order benchmark (docs/benchmarks/paid-orders.md): not part of the test suite (the name matches neither
 * {@code *Test} nor {@code *IT}); run it on its own:
 * <pre>
 * ./mvnw -B -o verify -pl e2e-tests -am -Dtest=PaidOrdersBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.rate=60 -Dbench.seconds=60 -Dbench.warmup-seconds=300 -Dbench.acceptors=4] [-Dapay.e2e.jvm-opts="..."]
 * </pre>
 * The whole life of an order through the real mesh: the merchant creates it through the gateway at a fixed rate (an
 * open model, as {@link OrdersBench}); the acceptor's monitor reports the buyer's payment of the payable amount as
 * soon as the {@code order.assigned} frame arrives (as {@code MoneyPathIT} does); otc-svc matches it, the ledger
 * settles it, and merchant-api-svc calls the merchant's endpoint back, which acknowledges ({@code success}). Each
 * order's time counts from the intended start of its create request to the arrival of its {@code ORDER_COMPLETED}
 * callback. The CPU the server processes use from the first request of a phase to its last callback
 * ({@link ProcessCpu}) is reported per process and per completed order.
 */
class PaidOrdersBench {

    static final int RATE = Integer.getInteger("bench.rate", 60);
    static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    /**
     * Long enough for the JIT: a code path an order runs once is compiled by C2 after some thousands of orders, and
     * until then the JVMs' compilers use about as much CPU as the work itself (the JIT line of the output says how
     * much is left in the measured phase).
     */
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 300);
    /** A round's requests are signed before it starts, and the gateway takes a timestamp up to 300 s old. */
    static final int WARMUP_ROUND_SECONDS = 120;
    static final int ACCEPTORS = Integer.getInteger("bench.acceptors", 4);
    /** How long after its last create request a phase waits for the callbacks still missing. */
    static final Duration GRACE = Duration.ofSeconds(60);

    static {
        BenchJvm.useShippedOptionsUnlessGiven();
    }

    /** The running phases by batch id (part of every merchant order number): the callback endpoint records into them. */
    static final Map<String, Phase> PHASES = new ConcurrentHashMap<>();
    /** Callbacks other than an ORDER_COMPLETED of a running phase, by event type (none expected). */
    static final Map<String, Integer> OTHER_CALLBACKS = new ConcurrentHashMap<>();
    /** The monitors' payment reports, by the server's answer (ack status, or error code). */
    static final Map<String, Integer> PAYMENT_ANSWERS = new ConcurrentHashMap<>();

    @Test
    void ordersArePaidSettledAndCalledBackAtAFixedRate() throws Exception {
        long setupStart = System.nanoTime();
        MoneyFixture.up();
        for (int i = 0; i < ACCEPTORS; i++) {
            MoneyFixture.Acceptor acceptor = MoneyFixture.onboardAcceptor("10000000", "9000000", "10", "5000");
            payAsSoonAsAssigned(acceptor.monitor());
        }
        ExecutorService callbackThreads = Executors.newFixedThreadPool(4);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        endpoint.createContext("/notify", PaidOrdersBench::callback);
        endpoint.setExecutor(callbackThreads);
        endpoint.start();
        String notifyUrl = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify";
        System.out.printf("mesh and %d acceptors ready in %d s (services run with %s)%n", ACCEPTORS,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - setupStart), Mesh.JVM_OPTS);

        try {
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).connectTimeout(Duration.ofSeconds(5)).build();
            // the warm-up (JIT, connection pools) at half the rate, in rounds that each end when their orders are called back
            List<Phase> warmup = new ArrayList<>();
            for (int left = WARMUP_SECONDS; left > 0; left -= WARMUP_ROUND_SECONDS) {
                warmup.add(run(http, notifyUrl, "warm-up", Math.max(5, RATE / 2), Math.min(left, WARMUP_ROUND_SECONDS)));
            }
            Phase measured = run(http, notifyUrl, "measured", RATE, SECONDS);

            warmup.forEach(round -> System.out.println(round.summary()));
            System.out.println(measured.summary());
            System.out.printf("payment reports answered %s; other callbacks %s%n", new TreeMap<>(PAYMENT_ANSWERS), new TreeMap<>(OTHER_CALLBACKS));
            System.out.printf("CPU of the server processes in the measured phase (%d ms, first create to last callback), per completed order:%n%s",
                    measured.cpuWallMillis, ProcessCpu.table(measured.cpuMs, measured.cpuWallMillis, measured.completed(), "completed order"));
            System.out.print(ProcessCpu.jitLine(measured.jitMs, measured.completed(), "completed order"));
            System.out.printf(Locale.ROOT, "RESULT completed_rps=%d p99_ms=%d lost=%d cpu_ms_per_completed_order=%.1f jit_ms_per_completed_order=%.1f%n",
                    Math.round(measured.completedRate()), measured.percentile(99), measured.lost(),
                    ProcessCpu.perUnit(ProcessCpu.total(measured.cpuMs), measured.completed()),
                    ProcessCpu.perUnit(measured.jitMs, measured.completed()));
            MoneyFixture.assertLedgerReconciles();
            MoneyFixture.assertCrossServiceReconciles();
            assertThat(measured.lost()).as("orders created but not called back within " + GRACE).isZero();
            assertThat(warmup).as("warm-up rounds with orders created but not called back").allMatch(round -> round.lost() == 0);
        } finally {
            endpoint.stop(0);
            callbackThreads.shutdownNow();
        }
    }

    /**
     * The acceptor's phone: on each {@code order.assigned} it reports the buyer's payment of the payable amount at
     * once (on the monitor's reader thread: only signing and queueing the frame). The notification id comes from the
     * order, so a frame sent again (after a reconnect) is answered {@code duplicate} and pays nothing twice.
     */
    static void payAsSoonAsAssigned(MonitorClient monitor) {
        monitor.onFrame(f -> {
            if (!"order.assigned".equals(f.path("type").asText())) {
                return;
            }
            monitor.reportPayment("bench-" + f.path("orderId").asText(), f.path("channel").asText(), f.path("payableAmount").asText(),
                            f.path("currency").asText(), "bench buyer", Instant.now())
                    .whenComplete((answer, error) -> PAYMENT_ANSWERS.merge(error != null ? "failed"
                            : "ack".equals(answer.path("type").asText()) ? answer.path("status").asText()
                            : "error " + answer.path("code").asText(), 1, Integer::sum));
        });
    }

    /**
     * The merchant's endpoint: records when each order's ORDER_COMPLETED callback first arrived (an array slot per
     * order, found from the merchant order number: {@code PB-<batch>-<index>}) and acknowledges every callback.
     */
    static void callback(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try {
            JsonNode body = AppClient.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            String[] no = body.path("merchantOrderNo").asText().split("-");
            Phase phase = no.length == 3 && no[0].equals("PB") ? PHASES.get(no[1]) : null;
            if (phase != null && "ORDER_COMPLETED".equals(body.path("eventType").asText())) {
                phase.calledBack(Integer.parseInt(no[2]), arrived);
            } else {
                OTHER_CALLBACKS.merge(body.path("eventType").asText(), 1, Integer::sum);
            }
            byte[] ok = "success".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        } finally {
            exchange.close();
        }
    }

    /** One phase's orders: when each was meant to be sent, its create answer, and when its callback arrived. */
    static final class Phase {
        final String name;
        final int rate;
        final int seconds;
        final int n;
        final long start;
        final long interval;
        /** per order: the create answer's code (0 created; -1 no answer; else the error code) */
        final AtomicIntegerArray createCodes;
        /** per order: System.nanoTime() its ORDER_COMPLETED callback first arrived, 0 until then */
        final AtomicLongArray calledBackAt;
        final AtomicInteger completed = new AtomicInteger();
        Map<String, Long> cpuMs = Map.of();
        long cpuWallMillis;
        long jitMs;

        Phase(String name, int rate, int seconds, long start) {
            this.name = name;
            this.rate = rate;
            this.seconds = seconds;
            this.n = rate * seconds;
            this.start = start;
            this.interval = 1_000_000_000L / rate;
            this.createCodes = new AtomicIntegerArray(n);
            this.calledBackAt = new AtomicLongArray(n);
            for (int i = 0; i < n; i++) {
                createCodes.set(i, -1);
            }
        }

        long intended(int i) {
            return start + i * interval;
        }

        void calledBack(int i, long at) {
            if (i >= 0 && i < n && calledBackAt.compareAndSet(i, 0, at)) {
                completed.incrementAndGet();
            }
        }

        int completed() {
            return completed.get();
        }

        /** Orders created (code 0) but not called back (yet). */
        int lost() {
            int lost = 0;
            for (int i = 0; i < n; i++) {
                if (createCodes.get(i) == 0 && calledBackAt.get(i) == 0) {
                    lost++;
                }
            }
            return lost;
        }

        Map<Integer, Integer> createCodes() {
            Map<Integer, Integer> codes = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                codes.merge(createCodes.get(i), 1, Integer::sum);
            }
            return codes;
        }

        /** create (intended start) -> callback, in microseconds, of the completed orders, sorted */
        long[] latenciesMicros() {
            long[] l = new long[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                long at = calledBackAt.get(i);
                if (at != 0) {
                    l[k++] = (at - intended(i)) / 1000;
                }
            }
            long[] sorted = Arrays.copyOf(l, k);
            Arrays.sort(sorted);
            return sorted;
        }

        long percentile(double p) {
            long[] sorted = latenciesMicros();
            if (sorted.length == 0) {
                return -1;
            }
            int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return Math.round(sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1000.0);
        }

        /** Completed orders per second, from the phase's first create request to its last callback. */
        double completedRate() {
            long last = start;
            for (int i = 0; i < n; i++) {
                last = Math.max(last, calledBackAt.get(i));
            }
            return last == start ? 0 : completed() / ((last - start) / 1e9);
        }

        String summary() {
            return String.format("%-9s target %d/s for %d s: sent %d, create answers by code %s, called back %d (%.1f/s), lost %d, "
                            + "create->callback p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", name, rate, seconds, n, createCodes(),
                    completed(), completedRate(), lost(), percentile(50), percentile(90), percentile(99), percentile(100));
        }
    }

    /**
     * Signs {@code rate × seconds} orders, sends them on schedule, waits for every create answer and then for the
     * callbacks of the orders created (at most {@link #GRACE} after the last request was sent).
     */
    static Phase run(HttpClient http, String notifyUrl, String name, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<HttpRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // amounts spread over the ads' range, as in OrdersBench
            BigDecimal fiat = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1_000, 400_000), 2);
            Map<String, Object> order = MoneyFixture.order("PB-" + batch + "-" + i, fiat.toPlainString(), notifyUrl);
            requests.add(MoneyFixture.merchant.signed("POST", "/merchant-api/orders", Map.of(), AppClient.MAPPER.writeValueAsString(order)));
        }
        Map<String, Long> pids = MoneyFixture.mesh.pids();
        ProcessCpu.Snapshot cpuBefore = ProcessCpu.servers(pids);
        Phase phase = new Phase(name, rate, seconds, System.nanoTime());
        PHASES.put(batch, phase);
        List<CompletableFuture<?>> inFlight = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long wait = phase.intended(i) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = i;
            inFlight.add(http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.ofString()).handle((r, error) -> {
                phase.createCodes.set(slot, error != null ? -1 : r.statusCode() == 200 && r.body().startsWith("{\"code\":0") ? 0 : OrdersBench.codeOf(r));
                return null;
            }));
        }
        long sendingEnded = System.nanoTime();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

        // the CPU window ends with the last callback: a snapshot whenever more have arrived since the last look
        ProcessCpu.Snapshot cpuAfter = ProcessCpu.servers(pids);
        int seen = -1;
        long deadline = sendingEnded + GRACE.toNanos();
        while (phase.lost() > 0 && System.nanoTime() < deadline) {
            if (phase.completed() != seen) {
                seen = phase.completed();
                cpuAfter = ProcessCpu.servers(pids);
            }
            Thread.sleep(200);
        }
        if (phase.completed() != seen) {
            cpuAfter = ProcessCpu.servers(pids);
        }
        phase.cpuMs = cpuAfter.diff(cpuBefore);
        phase.cpuWallMillis = cpuAfter.wallMillis(cpuBefore);
        phase.jitMs = cpuAfter.jitMillis(cpuBefore);
        return phase;
    }
}

package io.apay.e2e;

import static io.apay.e2e.MoneyFixture.CALLBACKS;
import static io.apay.e2e.MoneyFixture.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.LocalInfra;
import io.apay.common.test.MeshCredentials;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The race and fault matrix's driver (docs/race-matrix.md): two actions started together on two threads after a
 * random 0-30 ms delay each, and the reads that judge the outcome where it is recorded - the ledger's own answers
 * (on its port, past the fault proxy), otc-svc's jobs (called on its port, as job-svc would), the payment reports
 * operators see and the callbacks the merchant received. Iterations: {@code -Dapay.matrix.iterations} (100); the
 * random delays come from {@code -Dapay.matrix.seed} (printed, so a failing run can be repeated).
 */
final class Matrix {

    static final int ITERATIONS = Integer.getInteger("apay.matrix.iterations", 100);
    static final long SEED = Long.getLong("apay.matrix.seed", System.nanoTime());
    static final Random RANDOM = new Random(SEED);
    static final Set<String> TERMINAL_EVENTS = Set.of("ORDER_COMPLETED", "ORDER_EXPIRED", "ORDER_CANCELLED");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ExecutorService SIDES = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "matrix-side");
        t.setDaemon(true);
        return t;
    });

    /** What each side of a race answered. */
    record Race<A, B>(A first, B second) {
    }

    interface Step {
        void run() throws Exception;
    }

    private Matrix() {
    }

    /**
     * Sleeps 0 to {@code maxMs} ms (random): the head start one side of a race gives the other when that other's
     * request travels a longer way (through the gateway and another service, or a queue), so both ways of the race
     * come up.
     */
    static void headStart(int maxMs) throws InterruptedException {
        Thread.sleep(RANDOM.nextInt(maxMs + 1));
    }

    /** Runs both actions at once: each waits for the start, sleeps 0-30 ms (random), then goes. */
    static <A, B> Race<A, B> race(Callable<A> first, Callable<B> second) throws Exception {
        int delayA = RANDOM.nextInt(31);
        int delayB = RANDOM.nextInt(31);
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<A> a = SIDES.submit(() -> side(ready, go, delayA, first));
        Future<B> b = SIDES.submit(() -> side(ready, go, delayB, second));
        ready.await();
        go.countDown();
        return new Race<>(result(a), result(b));
    }

    private static <T> T side(CountDownLatch ready, CountDownLatch go, int delayMs, Callable<T> action) throws Exception {
        ready.countDown();
        go.await();
        Thread.sleep(delayMs);
        return action.call();
    }

    private static <T> T result(Future<T> f) throws Exception {
        try {
            return f.get(90, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Times one pair and prints its figures (docs/race-matrix.md collects them). */
    static void pair(String name, Step body) throws Exception {
        long start = System.nanoTime();
        System.out.printf("MATRIX %s: %d iterations, seed %d%n", name, ITERATIONS, SEED);
        String how = "failed";
        try {
            body.run();
            how = "passed";
        } finally {
            System.out.printf("MATRIX %s: %s in %.1f s%n", name, how, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Prints how often each outcome came up (a race that always ends one way tests only that way). */
    static void outcomes(String name, Collection<String> outcomes) {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o, 1, Integer::sum));
        System.out.printf("MATRIX %s: outcomes %s%n", name, counts);
    }

    /** The fiat amount of iteration {@code i} in a pair whose ads take {@code base .. base + 899}: one per iteration. */
    static String fiat(int base, int i) {
        assertThat(i).as("at most 900 iterations per pair (each has its own fiat amount)").isLessThan(900);
        return (base + i) + ".00";
    }

    // ------------------------------------------------------------------ services, on their own ports

    static AppClient.Reply call(String service, String method, String pathAndQuery) throws Exception {
        // as another service calls it: with the mesh credential
        HttpRequest req = MeshCredentials.sign(HttpRequest.newBuilder(URI.create(mesh.url(service) + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody()).build(), mesh.meshKey());
        HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
        boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
        JsonNode body = r.body().length == 0 || !json ? AppClient.MAPPER.createObjectNode() : AppClient.MAPPER.readTree(r.body());
        return new AppClient.Reply(r.statusCode(), body, r);
    }

    /** How long a caller's circuit breaker stays open before it lets a call try again (common-rpc's rpc.yml). */
    static final Duration BREAKER_OPEN_WAIT = Duration.ofSeconds(10);

    /**
     * After a fault: if any service's circuit breaker towards {@code target} is open (read from its Prometheus
     * metrics), waits out the breaker's open time, so the next test meets the mesh as callers normally see it rather
     * than failing fast. (An open breaker only lets a call try again once that time has passed since it opened.)
     */
    static void waitOutOpenBreakers(String target) throws Exception {
        List<String> open = new java.util.ArrayList<>();
        for (String service : List.of("otc-svc", "job-svc", "merchant-api-svc", "user-svc", "push-svc")) {
            AppClient.Reply r = call(service, "GET", "/actuator/prometheus");
            for (String line : new String(r.raw().body(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("resilience4j_circuitbreaker_state{") && line.contains("name=\"" + target + "\"")
                        && (line.contains("state=\"open\"") || line.contains("state=\"forced_open\"")) && !line.endsWith(" 0.0")) {
                    open.add(service);
                }
            }
        }
        if (!open.isEmpty()) {
            System.out.printf("MATRIX circuit breakers towards %s open in %s: waiting %s%n", target, open, BREAKER_OPEN_WAIT);
            Thread.sleep(BREAKER_OPEN_WAIT.plusMillis(500).toMillis());
        }
    }

    /** One of otc-svc's jobs, called as job-svc calls it: {@code expire-orders?limit=100}, {@code recover?limit=100}. */
    static AppClient.Reply otcJob(String jobAndQuery) throws Exception {
        return call("otc-svc", "POST", "/rpc-api/otc/jobs/" + jobAndQuery);
    }

    /** Runs the intent recovery once (ignoring its answer: the callers check what it did). */
    static void recover() throws Exception {
        otcJob("recover?limit=100");
    }

    /**
     * The ledger's transaction under an idempotency key, or null if it has none or the key was voided (a VOID moves
     * no money: the intent behind the key was ended the other way).
     */
    static JsonNode ledgerTxn(String idempotencyKey) throws Exception {
        AppClient.Reply r = call("ledger-svc", "GET", "/rpc-api/ledger/transactions/by-key?idempotencyKey=" + enc(idempotencyKey));
        if (r.status() == 404) {
            return null;
        }
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return "VOID".equals(r.data().path("type").asText()) ? null : r.data();
    }

    /** The settlement of an order in the ledger (key {@code order:<orderNo>:settle}), or null. */
    static JsonNode settlement(String orderNo) throws Exception {
        return ledgerTxn("order:" + orderNo + ":settle");
    }

    /** How many SETTLE transactions the ledger holds for an order, under any key. */
    static long settlementsOf(String orderNo) throws Exception {
        AppClient.Reply r = call("ledger-svc", "GET", "/rpc-api/ledger/transactions?bizRef=" + enc("order:" + orderNo));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        long n = 0;
        for (JsonNode t : r.data()) {
            if ("SETTLE".equals(t.path("type").asText())) {
                n++;
            }
        }
        return n;
    }

    /** kind -> balance of one owner's USDT accounts, read on the ledger's own port (no gateway, no fault proxy). */
    static Map<String, BigDecimal> ledgerBalances(String ownerType, String ownerId) throws Exception {
        AppClient.Reply r = call("ledger-svc", "GET", "/rpc-api/ledger/balances?ownerType=" + ownerType + "&ownerId=" + enc(ownerId)
                + "&coin=USDT");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        Map<String, BigDecimal> byKind = new HashMap<>();
        for (JsonNode account : r.data()) {
            byKind.put(account.get("kind").asText(), new BigDecimal(account.get("balance").asText()));
        }
        return byKind;
    }

    static BigDecimal balance(String ownerType, String ownerId, String kind) throws Exception {
        return ledgerBalances(ownerType, ownerId).getOrDefault(kind, BigDecimal.ZERO);
    }

    /** Runs one statement on otc-svc's schema ({@code {otc}} stands for it); answers the rows changed. */
    static int otcSql(String sql, Object... args) throws Exception {
        try (Connection c = LocalInfra.rootConnection();
             PreparedStatement s = c.prepareStatement(sql.replace("{otc}", mesh.schema("otc-svc")))) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    // ------------------------------------------------------------------ orders, reports, callbacks

    /** How far back {@link #expireNow} moves an order's creation: longer than the clock skew, so its life is a span. */
    static final Duration AGED = SharedMesh.MATCH_CLOCK_SKEW.plusSeconds(2);

    /**
     * Lets an unpaid order's time run out: its life is moved back ({@code createdAt} {@link #AGED} earlier) and it
     * expired just over the clock skew ago, so the expiry job (which waits {@code expiresAt} + the skew) ends it on
     * its next run, and a payment made at its new {@code createdAt} + a moment is inside its life. Answers that new
     * {@code createdAt}.
     */
    static Instant expireNow(JsonNode order) throws Exception {
        String orderNo = order.get("orderNo").asText();
        long expiredMicros = SharedMesh.MATCH_CLOCK_SKEW.plusMillis(100).toNanos() / 1000;
        assertThat(otcSql("UPDATE {otc}.payment_order SET created_at = created_at - INTERVAL " + AGED.toNanos() / 1000 + " MICROSECOND,"
                + " expires_at = UTC_TIMESTAMP(3) - INTERVAL " + expiredMicros + " MICROSECOND WHERE order_no = ? AND status = 'CREATED'",
                orderNo)).as("order " + orderNo + " still CREATED, its time moved").isEqualTo(1);
        return Instant.parse(order.get("createdAt").asText()).minus(AGED);
    }

    /**
     * Waits until the order's status passes {@code done}; an order left PAID or under APPEAL for a while gets the
     * recovery job called now and then, as job-svc would.
     */
    static JsonNode awaitOrder(MerchantClient m, String orderNo, Predicate<String> done) throws Exception {
        long start = System.nanoTime();
        long nextPoke = start + Duration.ofMillis(2500).toNanos();
        String last = null;
        while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
            JsonNode o = m.get("/merchant-api/orders/" + orderNo, Map.of()).data();
            last = o.path("status").asText();
            if (done.test(last)) {
                return o;
            }
            if (System.nanoTime() > nextPoke) {
                recover();
                nextPoke = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
            Thread.sleep(40);
        }
        throw new AssertionError("order " + orderNo + " still " + last + " after 60 s");
    }

    static boolean isFinal(String status) {
        return Set.of("COMPLETED", "EXPIRED", "CANCELLED").contains(status);
    }

    /** The payment reports with these notification ids, as operators see them, once every one is recorded. */
    static Map<String, JsonNode> awaitReports(Collection<String> notificationIds) throws Exception {
        Set<String> wanted = new HashSet<>(notificationIds);
        Map<String, JsonNode> found = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            found.clear();
            for (int page = 1; ; page++) {
                JsonNode list = MoneyFixture.finance.get("/admin-api/otc/payment-reports?pageNo=" + page + "&pageSize=100").data().path("list");
                for (JsonNode r : list) {
                    if (wanted.contains(r.path("notificationId").asText())) {
                        found.put(r.path("notificationId").asText(), r);
                    }
                }
                if (list.size() < 100 || found.size() == wanted.size()) {
                    break;
                }
            }
            if (found.size() == wanted.size()) {
                return found;
            }
            Thread.sleep(300);
        }
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(found.keySet());
        throw new AssertionError("payment reports never recorded: " + missing);
    }

    /** orderNo -> the terminal callback event types it received (ORDER_COMPLETED, ORDER_EXPIRED, ORDER_CANCELLED). */
    static Map<String, List<String>> terminalCallbacks(Set<String> orderNos) {
        Map<String, List<String>> byOrder = new HashMap<>();
        for (MoneyFixture.Callback c : List.copyOf(CALLBACKS)) {
            JsonNode json = c.json();
            String orderNo = json.path("orderNo").asText();
            String type = json.path("eventType").asText();
            if (orderNos.contains(orderNo) && TERMINAL_EVENTS.contains(type)) {
                byOrder.computeIfAbsent(orderNo, k -> new java.util.ArrayList<>()).add(type);
            }
        }
        return byOrder;
    }

    /**
     * Every order got exactly one terminal callback, the one of its final status: waits until each has one, then a
     * while longer for any second one to show up.
     */
    static void assertOneTerminalCallbackEach(Map<String, String> finalStatusByOrder) throws Exception {
        MoneyFixture.await("a terminal callback of each of " + finalStatusByOrder.size() + " orders",
                () -> terminalCallbacks(finalStatusByOrder.keySet()).size() == finalStatusByOrder.size() ? true : null);
        Thread.sleep(1500);
        Map<String, List<String>> got = terminalCallbacks(finalStatusByOrder.keySet());
        for (Map.Entry<String, String> e : finalStatusByOrder.entrySet()) {
            assertThat(got.get(e.getKey())).as("terminal callbacks of " + e.getKey() + ", which ended " + e.getValue())
                    .containsExactly("ORDER_" + e.getValue());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apay.common.test.LocalChain;
import io.apay.common.test.LocalInfra;
import io.apay.common.test.MeshCredentials;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The chain benchmark (docs/benchmarks/chain.md): not part of the test suite (the name matches neither {@code *Test}
 * nor {@code *IT}); run it on its own:
 * <pre>
 * ./mvnw -B -q -DskipTests package
 * ./mvnw -B verify -pl e2e-tests -am -Dtest=ChainBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dapay.e2e.jvm-opts="-Xms256m -Xmx512m -XX:+UseParallelGC -Xss512k" [-Dbench.blocks=300 -Dbench.deposits=200]
 * </pre>
 * It starts ledger-svc, wallet-svc and chain-bridge-svc (whose LOCAL network runs on a local hardhat node) as
 * processes and derives {@code bench.addresses} deposit addresses through chain-bridge-svc's rpc API, then measures:
 * <ol>
 * <li>the scanner's catch-up: chain-bridge-svc is killed, {@code bench.blocks} blocks of
 * {@code bench.transfers-per-block} USDT transfers to watched addresses are mined, it is started again, and the
 * blocks per second from its first scanned block to the head are timed from its persisted cursor;</li>
 * <li>deposit-to-credit latency: deposits in blocks mined one {@code bench.block-interval-ms} apart, each timed from
 * the call that mines the block giving its last required confirmation to wallet-svc's rpc view showing it CREDITED
 * (it is CREDITED only once the ledger's transfer has committed), after {@code bench.latency-warmup} deposits not counted.</li>
 * </ol>
 * Every deposit must be credited exactly once with its amount, and the ledger must reconcile.
 */
class ChainBench {

    static final int ADDRESSES = Integer.getInteger("bench.addresses", 1000);
    static final int BLOCKS = Integer.getInteger("bench.blocks", 300);
    static final int TRANSFERS_PER_BLOCK = Integer.getInteger("bench.transfers-per-block", 10);
    static final int DEPOSITS = Integer.getInteger("bench.deposits", 200);
    static final int DEPOSITS_PER_BLOCK = Integer.getInteger("bench.deposits-per-block", 5);
    static final int BLOCK_INTERVAL_MS = Integer.getInteger("bench.block-interval-ms", 500);
    /** Deposits credited before the latency is measured (a path the catch-up did not warm, e.g. with empty blocks). */
    static final int LATENCY_WARMUP = Integer.getInteger("bench.latency-warmup", 10);

    static final String NETWORK = "LOCAL";
    /** The node's account that pays every deposit. */
    static final int PAYER = 2;
    /** Gas limit of one token transfer (about 35k used): the block gas limit (30M) counts the limits of its transactions. */
    static final String TRANSFER_GAS = "0x" + Integer.toHexString(100_000);
    static final Duration CREDIT_TIMEOUT = Duration.ofSeconds(60);

    Mesh mesh;
    LocalChain chain;
    HttpClient http;
    String payer;
    /** Every bench transfer's amount by its transaction hash (lowercase): what must be credited, once. */
    final Map<String, BigDecimal> sent = new HashMap<>();

    @Test
    void scanAndCredit() throws Exception {
        long setupStart = System.nanoTime();
        mesh = Mesh.start("ledger-svc", "wallet-svc", "chain-bridge-svc");
        try {
            chain = mesh.chain();
            http = MeshCredentials.signing(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), mesh::meshKey);
            payer = chain.account(PAYER);
            chain.mint(payer, new BigDecimal("100000000"));
            List<String> addresses = depositAddresses(ADDRESSES);
            System.out.printf("mesh up and %d deposit addresses in %d s%n", addresses.size(), seconds(setupStart));

            System.out.println("load average before the catch-up: " + loadAverage());
            CatchUp catchUp = catchUp(addresses);
            System.out.println(catchUp.summary());
            System.out.println("load average before the latency phase: " + loadAverage());
            Latency latency = latency(addresses);
            System.out.println(latency.summary());
            System.out.println("load average after it: " + loadAverage());

            assertEveryDepositCreditedOnce();
            assertLedgerReconciles();
            System.out.printf("RESULT scan_blocks_per_s=%d credit_p99_ms=%d%n", Math.round(catchUp.blocksPerSecond()), latency.percentile(99));
        } finally {
            mesh.close();
        }
    }

    // ------------------------------------------------------------------ 1. the scanner's catch-up

    record CatchUp(long blocks, long transfers, double buildSeconds, long stoppedAt, long head, long firstSeen, double scanSeconds,
                   double creditedAllAfterSeconds) {

        /** From the first block the restarted scanner recorded to the head (its JVM start is not in it). */
        double blocksPerSecond() {
            return (head - firstSeen) / scanSeconds;
        }

        String summary() {
            return String.format("catch-up  %d blocks with %d transfers to watched addresses (built in %.1f s); cursor %d -> %d: "
                            + "first block recorded at %d, head %.1f s later: %.1f blocks/s; every deposit credited %.1f s after the head",
                    blocks, transfers, buildSeconds, stoppedAt, head, firstSeen, scanSeconds, blocksPerSecond(), creditedAllAfterSeconds);
        }
    }

    CatchUp catchUp(List<String> addresses) throws Exception {
        awaitCursorAt(chain.blockNumber(), Duration.ofSeconds(120)); // the mint and everything before it scanned
        mesh.kill9("chain-bridge-svc");
        long stoppedAt = cursor();

        long buildStart = System.nanoTime();
        Instant creditedFrom = Instant.now();
        chain.setAutomine(false);
        int n = 0;
        for (int b = 0; b < BLOCKS; b++) {
            for (int k = 0; k < TRANSFERS_PER_BLOCK; k++, n++) {
                transfer(addresses.get(n % addresses.size()), amount(n));
            }
            chain.mine(1);
        }
        chain.mine(Mesh.LOCAL_CONFIRMATIONS - 1); // the last blocks' transfers get their confirmations too
        chain.setAutomine(true);
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        long head = chain.blockNumber();

        // the cursor is read every 50 ms from before the restart: the scan may be done before the restart returns
        AtomicLong firstSeen = new AtomicLong(-1);
        AtomicLong firstSeenAt = new AtomicLong();
        AtomicLong headAt = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService poller = Executors.newSingleThreadExecutor();
        Future<?> polling = poller.submit(() -> {
            try (Connection c = LocalInfra.rootConnection(); Statement s = c.createStatement()) {
                while (!stop.get()) {
                    long at = cursor(s);
                    long now = System.nanoTime();
                    if (at > stoppedAt && firstSeen.get() < 0) {
                        firstSeen.set(at);
                        firstSeenAt.set(now);
                    }
                    if (at >= head) {
                        headAt.set(now);
                        return null;
                    }
                    Thread.sleep(50);
                }
            }
            return null;
        });
        try {
            mesh.restart("chain-bridge-svc");
            polling.get(BLOCKS + 120L, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            poller.shutdownNow();
        }
        assertThat(headAt.get()).as("the scanner reached the head").isPositive();
        double scanSeconds = (headAt.get() - firstSeenAt.get()) / 1e9;
        assertThat(scanSeconds).as("the scan was seen under way (more blocks: -Dbench.blocks)").isPositive();

        // the wallet credits as the scanner confirms (events): how long after the head the last credit lands
        Set<String> expected = new HashSet<>(sent.keySet());
        long creditedAll = awaitCredited(expected, creditedFrom, CREDIT_TIMEOUT.plusSeconds(BLOCKS), null, 250);
        double creditedAfter = Math.max(0, (creditedAll - headAt.get()) / 1e9);
        return new CatchUp(head - stoppedAt, n, buildSeconds, stoppedAt, head, firstSeen.get(), scanSeconds, creditedAfter);
    }

    // ------------------------------------------------------------------ 2. deposit-to-credit latency

    record Latency(long[] millis, long meanMineMillis) {

        long percentile(double p) {
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
        }

        String summary() {
            return String.format("latency   %d deposits (after %d not counted), %d per block, blocks %d ms apart, %d confirmations: from "
                            + "mining the last confirmation to CREDITED p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (an evm_mine call took %d ms on average)",
                    millis.length, LATENCY_WARMUP, DEPOSITS_PER_BLOCK, BLOCK_INTERVAL_MS, Mesh.LOCAL_CONFIRMATIONS, percentile(50), percentile(95),
                    percentile(99), percentile(100), meanMineMillis);
        }
    }

    Latency latency(List<String> addresses) throws Exception {
        long[] millis = new long[DEPOSITS];
        int done = -LATENCY_WARMUP; // the first deposits only warm the path (JIT, pools): not counted
        long mineNanos = 0;
        int mines = 0;
        Instant from = Instant.now();
        chain.setAutomine(false);
        try {
            while (done < DEPOSITS) {
                int count = Math.min(DEPOSITS_PER_BLOCK, done < 0 ? -done : DEPOSITS - done);
                Set<String> txs = new HashSet<>();
                for (int i = 0; i < count; i++) {
                    String to = addresses.get(ThreadLocalRandom.current().nextInt(addresses.size()));
                    txs.add(transfer(to, amount(sent.size())));
                }
                long lastMine = 0;
                for (int c = 0; c < Mesh.LOCAL_CONFIRMATIONS; c++) { // the deposits' block, then one per confirmation
                    if (c > 0) {
                        Thread.sleep(BLOCK_INTERVAL_MS);
                    }
                    lastMine = System.nanoTime();
                    chain.mine(1);
                    mineNanos += System.nanoTime() - lastMine;
                    mines++;
                }
                long confirmedAt = lastMine;
                Map<String, Long> creditedAt = new HashMap<>();
                awaitCredited(txs, from, CREDIT_TIMEOUT, creditedAt, 20);
                for (String tx : txs) {
                    if (done >= 0) {
                        millis[done] = TimeUnit.NANOSECONDS.toMillis(creditedAt.get(tx) - confirmedAt);
                    }
                    done++;
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(300)); // the next block at another point of the scan interval
            }
        } finally {
            chain.setAutomine(true);
        }
        return new Latency(millis, TimeUnit.NANOSECONDS.toMillis(mineNanos / mines));
    }

    // ------------------------------------------------------------------ checks

    /** wallet-svc's view: every bench transfer CREDITED, exactly once, with its amount; nothing else. */
    void assertEveryDepositCreditedOnce() throws Exception {
        Map<String, BigDecimal> credited = new HashMap<>();
        for (JsonNode d : walletDeposits(Instant.EPOCH)) {
            assertThat(d.path("state").asText()).as(d.toString()).isEqualTo("CREDITED");
            BigDecimal before = credited.put(d.path("txHash").asText().toLowerCase(Locale.ROOT), new BigDecimal(d.path("amount").asText()));
            assertThat(before).as("credited twice: " + d).isNull();
        }
        assertThat(credited.keySet()).isEqualTo(sent.keySet());
        sent.forEach((tx, amount) -> assertThat(credited.get(tx)).as(tx).isEqualByComparingTo(amount));
    }

    void assertLedgerReconciles() throws Exception {
        JsonNode report = post(mesh.url("ledger-svc") + "/rpc-api/ledger/reconciliation", "{\"trigger\":\"chain-bench\"}");
        assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("differenceCount").asLong()).isZero();
        System.out.printf("ledger reconciliation: ok, %d postings checked, 0 differences%n", report.path("postingsChecked").asLong());
    }

    // ------------------------------------------------------------------ helpers

    /** {@code count} deposit addresses of owners USER:9000001.. (chain-bridge-svc derives them; 4 callers at once). */
    List<String> depositAddresses(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String owner = "USER:" + (9_000_001 + i);
                futures.add(pool.submit(() -> post(mesh.url("chain-bridge-svc") + "/rpc-api/chain/deposit-addresses",
                        "{\"network\":\"" + NETWORK + "\",\"ownerRef\":\"" + owner + "\"}").path("address").asText()));
            }
            List<String> addresses = new ArrayList<>();
            for (Future<String> f : futures) {
                addresses.add(f.get());
            }
            return addresses;
        } finally {
            pool.shutdown();
        }
    }

    /** Amounts differ per transfer (1.000001, 1.000002, ...) so a credit of the wrong one shows. */
    static BigDecimal amount(int n) {
        return BigDecimal.ONE.add(BigDecimal.valueOf(n + 1L, LocalChain.USDT_DECIMALS));
    }

    /** A USDT transfer from the payer with a modest gas limit (many fit a block); answers its hash, lowercase. */
    String transfer(String to, BigDecimal amount) {
        BigInteger units = amount.setScale(LocalChain.USDT_DECIMALS).unscaledValue();
        ObjectNode tx = AppClient.MAPPER.createObjectNode().put("from", payer).put("to", chain.usdtAddress()).put("gas", TRANSFER_GAS)
                .put("data", "0xa9059cbb" + word(to.substring(2).toLowerCase(Locale.ROOT)) + word(units.toString(16)));
        String hash = chain.call("eth_sendTransaction", tx).asText().toLowerCase(Locale.ROOT);
        sent.put(hash, amount);
        return hash;
    }

    static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex;
    }

    /**
     * Polls wallet-svc every {@code everyMillis} until each of {@code txs} is CREDITED; records when each was first seen
     * so in {@code seenAt} (if given); answers the time the last one was seen.
     */
    long awaitCredited(Set<String> txs, Instant from, Duration timeout, Map<String, Long> seenAt, int everyMillis) throws Exception {
        Set<String> pending = new HashSet<>(txs);
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = System.nanoTime();
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pending.size() + " deposit(s) not credited within " + timeout + ", e.g. " + pending.iterator().next());
            }
            List<JsonNode> page = walletDeposits(from);
            long now = System.nanoTime();
            for (JsonNode d : page) {
                String tx = d.path("txHash").asText().toLowerCase(Locale.ROOT);
                if ("CREDITED".equals(d.path("state").asText()) && pending.remove(tx)) {
                    last = now;
                    if (seenAt != null) {
                        seenAt.put(tx, now);
                    }
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(everyMillis);
            }
        }
        return last;
    }

    /** wallet-svc's deposits CREDITED since {@code from} and every one still CREDITING (its reconciliation view), all pages. */
    List<JsonNode> walletDeposits(Instant from) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        long afterId = 0;
        while (true) {
            JsonNode page = get(mesh.url("wallet-svc") + "/rpc-api/wallet/recon/deposits?from=" + from + "&to=" + Instant.now().plusSeconds(3600)
                    + "&afterId=" + afterId + "&limit=1000");
            page.forEach(all::add);
            if (page.size() < 1000) {
                return all;
            }
            afterId = page.get(page.size() - 1).path("id").asLong();
        }
    }

    long cursor() throws Exception {
        try (Connection c = LocalInfra.rootConnection(); Statement s = c.createStatement()) {
            return cursor(s);
        }
    }

    /** chain-bridge-svc's persisted scan cursor of the LOCAL network (its last recorded block). */
    long cursor(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT block_number FROM `" + mesh.schema("chain-bridge-svc")
                + "`.scan_cursor WHERE network = '" + NETWORK + "'")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    void awaitCursorAt(long block, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (cursor() < block) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the scanner did not reach block " + block + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    JsonNode get(String url) throws Exception {
        return data(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode post(String url, String json) throws Exception {
        return data(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    static JsonNode data(HttpResponse<String> r) throws Exception {
        JsonNode body = AppClient.MAPPER.readTree(r.body());
        if (r.statusCode() != 200 || body.path("code").asInt(-1) != 0) {
            throw new AssertionError(r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return body.path("data");
    }

    /** The machine's 1/5/15-minute load averages (other processes share the cores: the figures depend on them). */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}

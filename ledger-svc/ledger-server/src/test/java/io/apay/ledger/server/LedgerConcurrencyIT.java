package io.apay.ledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.error.ServiceException;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.CreditRequest;
import io.apay.ledger.api.dto.HoldRequest;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.ReconciliationReport;
import io.apay.ledger.api.dto.ReleaseHoldRequest;
import io.apay.ledger.api.dto.ReverseRequest;
import io.apay.ledger.api.dto.SettleHoldRequest;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.TransferLeg;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.server.service.LedgerCommandService;
import io.apay.ledger.server.service.ReconciliationService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 32 threads each issue 1,500 random transfers, multi-leg transfers, holds, settlements (with fees), releases,
 * reversals, retries of earlier requests, simultaneous twins and key reuses with another payload, across 100
 * users, 12 acceptors and 6 merchants, on the real MariaDB. Afterwards every invariant holds (checked here with
 * SQL of the test's own, and by the ledger's reconciliation), and each idempotency key had exactly one effect.
 */
@ApayIntegrationTest
class LedgerConcurrencyIT {

    static final int THREADS = 32;
    static final int OPS_PER_THREAD = 1_500;
    static final int USERS = 100;
    static final int ACCEPTORS = 12;
    static final int MERCHANTS = 6;
    static final String USDT = "USDT";
    /** Business rejections a random workload must expect; anything else is a failure. */
    static final Set<Integer> EXPECTED_REJECTIONS = Set.of(14001, 14011, 14012, 14021);

    @Autowired
    LedgerCommandService ledger;

    @Autowired
    ReconciliationService reconciliation;

    @Autowired
    JdbcTemplate jdbc;

    /** A request that can be sent again with the same key and payload. */
    record Request(String key, String op, Supplier<TransactionView> call) {
    }

    final Map<String, Long> succeeded = new ConcurrentHashMap<>();
    final List<Request> sent = Collections.synchronizedList(new ArrayList<>());
    final List<Long> holds = Collections.synchronizedList(new ArrayList<>());
    final List<Long> transfers = Collections.synchronizedList(new ArrayList<>());
    final Queue<String> problems = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicLong> applied = new ConcurrentHashMap<>();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong twins = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong rejections = new AtomicLong();
    final ExecutorService twinPool = Executors.newFixedThreadPool(8);

    @Test
    void randomConcurrentTrafficKeepsEveryInvariantAndEachKeyHasOneEffect() throws Exception {
        for (int i = 0; i < USERS; i++) {
            int u = i;
            send(new Request("c:fund:u" + u, "credit", () -> ledger.credit(new CreditRequest("c:fund:u" + u,
                    OwnerRef.of(OwnerType.USER, "u" + u), USDT, new BigDecimal("1000"), "fund", null))));
        }
        for (int i = 0; i < ACCEPTORS; i++) {
            int a = i;
            send(new Request("c:fund:a" + a, "credit", () -> ledger.credit(new CreditRequest("c:fund:a" + a,
                    OwnerRef.of(OwnerType.ACCEPTOR, "a" + a), USDT, new BigDecimal("100000"), "fund", null))));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                go.await();
                Random random = new Random(7919L * (thread + 1));
                for (int i = 0; i < OPS_PER_THREAD; i++) {
                    step(random, "c:" + thread + ":" + i);
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> w : workers) {
            w.get(5, TimeUnit.MINUTES);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        twinPool.shutdown();
        System.out.printf("concurrency run: %d operations in %d ms; applied %s; retries %d, twins %d, conflicts %d, rejections %d%n",
                THREADS * OPS_PER_THREAD, millis, applied, retries.get(), twins.get(), conflicts.get(), rejections.get());

        assertThat(problems).as("unexpected answers").isEmpty();
        // the workload really exercised every operation
        for (String op : List.of("transfer", "multi-leg", "hold", "settle", "release", "reverse")) {
            assertThat(applied.getOrDefault(op, new AtomicLong()).get()).as(op + " applied").isGreaterThan(100);
        }
        assertThat(retries.get()).isGreaterThan(4_000);
        assertThat(twins.get()).isGreaterThan(500);
        assertThat(conflicts.get()).isGreaterThan(500);

        eachKeyHadExactlyOneEffect();
        invariantsHold();
        ReconciliationReport report = reconciliation.run("test");
        assertThat(report.differences()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.accountsChecked()).isGreaterThanOrEqualTo(USERS + ACCEPTORS + MERCHANTS);
    }

    void step(Random random, String key) {
        double p = random.nextDouble();
        if (p < 0.30) {
            String from = user(random);
            String to = otherUser(random, from);
            BigDecimal amount = amount(random, 40);
            send(new Request(key, "transfer", () -> ledger.transfer(new TransferRequest(key, "pay", null,
                    List.of(leg(OwnerType.USER, from, OwnerType.USER, to, amount)), null, null))));
        } else if (p < 0.36) {
            String a = user(random);
            String b = otherUser(random, a);
            String m = merchant(random);
            BigDecimal x = amount(random, 30);
            BigDecimal y = amount(random, 30);
            String fee = random.nextBoolean() ? "OTC_PAYMENT" : null;
            send(new Request(key, "multi-leg", () -> ledger.transfer(new TransferRequest(key, "split", "two legs",
                    List.of(leg(OwnerType.USER, a, OwnerType.USER, b, x), leg(OwnerType.USER, b, OwnerType.MERCHANT, m, y)),
                    fee, null))));
        } else if (p < 0.50) {
            boolean acceptor = random.nextInt(4) > 0;
            OwnerRef owner = acceptor ? OwnerRef.of(OwnerType.ACCEPTOR, "a" + random.nextInt(ACCEPTORS)) : OwnerRef.of(OwnerType.USER, user(random));
            HoldPurpose purpose = acceptor && random.nextInt(10) == 0 ? HoldPurpose.MARGIN : HoldPurpose.FREEZE;
            BigDecimal amount = amount(random, acceptor ? 500 : 100);
            send(new Request(key, "hold", () -> ledger.hold(new HoldRequest(key, owner, USDT, amount, purpose, "order", null))));
        } else if (p < 0.64) {
            Long holdId = pick(random, holds);
            if (holdId != null) {
                BigDecimal amount = random.nextBoolean() ? null : amount(random, 60);
                boolean finalSettle = random.nextInt(3) > 0;
                OwnerRef payee = OwnerRef.of(OwnerType.MERCHANT, merchant(random));
                String fee = random.nextInt(10) < 7 ? "OTC_PAYMENT" : null;
                send(new Request(key, "settle", () -> ledger.settle(holdId, new SettleHoldRequest(key, amount, finalSettle,
                        payee, fee, null, "order", null))));
            }
        } else if (p < 0.72) {
            Long holdId = pick(random, holds);
            if (holdId != null) {
                send(new Request(key, "release", () -> ledger.release(holdId, new ReleaseHoldRequest(key, "expired", null))));
            }
        } else if (p < 0.77) {
            Long txnId = pick(random, transfers);
            if (txnId != null) {
                send(new Request(key, "reverse", () -> ledger.reverse(txnId, new ReverseRequest(key, "refund", null))));
            }
        } else if (p < 0.92) {
            Request earlier = pick(random, sent);
            if (earlier != null) {
                retries.incrementAndGet();
                send(earlier);
            }
        } else if (p < 0.96) {
            // the same new request twice at the same moment, as a caller retrying on a timeout might
            String from = user(random);
            String to = otherUser(random, from);
            BigDecimal amount = amount(random, 20);
            Request twin = new Request(key, "transfer", () -> ledger.transfer(new TransferRequest(key, "twin", null,
                    List.of(leg(OwnerType.USER, from, OwnerType.USER, to, amount)), null, null)));
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> send(twin), twinPool);
            send(twin);
            other.join();
            twins.incrementAndGet();
        } else {
            // a key that was applied, reused for another payload: a conflict with no effect
            Request earlier = pick(random, sent);
            if (earlier != null && succeeded.containsKey(earlier.key())) {
                conflicts.incrementAndGet();
                try {
                    ledger.transfer(new TransferRequest(earlier.key(), "other", null,
                            List.of(leg(OwnerType.USER, "u0", OwnerType.USER, "u1", new BigDecimal("0.000001"))), null, null));
                    problems.add("key " + earlier.key() + " reused with another payload was applied");
                } catch (ServiceException e) {
                    if (e.code() != 14030) {
                        problems.add("key reuse answered " + e.code());
                    }
                }
            }
        }
    }

    void send(Request request) {
        TransactionView view;
        try {
            view = request.call().get();
        } catch (ServiceException e) {
            if (!EXPECTED_REJECTIONS.contains(e.code())) {
                problems.add(request.op() + " " + request.key() + " answered " + e.code() + " " + e.clientMessage());
            }
            rejections.incrementAndGet();
            sent.add(request);
            return;
        }
        Long first = succeeded.putIfAbsent(request.key(), view.txnId());
        if (first == null) {
            applied.computeIfAbsent(request.op(), k -> new AtomicLong()).incrementAndGet();
            if (view.holdId() != null && request.op().equals("hold")) {
                holds.add(view.holdId());
            }
            if (request.op().equals("transfer") || request.op().equals("multi-leg")) {
                transfers.add(view.txnId());
            }
            sent.add(request);
        } else if (first != view.txnId()) {
            problems.add("key " + request.key() + " answered transaction " + view.txnId() + " after " + first);
        }
    }

    void eachKeyHadExactlyOneEffect() {
        Map<String, Long> journal = new HashMap<>();
        jdbc.query("SELECT idempotency_key, id FROM ledger_txn", rs -> {
            journal.put(rs.getString(1), rs.getLong(2));
        });
        // every applied key is in the journal once with the transaction its caller was told, and nothing else is
        assertThat(journal).isEqualTo(succeeded);
        Integer txnsWithoutPostings = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_txn t WHERE NOT EXISTS"
                + " (SELECT 1 FROM ledger_posting p WHERE p.txn_id = t.id)", Integer.class);
        assertThat(txnsWithoutPostings).isZero();
    }

    void invariantsHold() {
        assertThat(jdbc.queryForList("SELECT coin FROM ledger_posting GROUP BY coin HAVING SUM(amount) <> 0"))
                .as("postings sum to zero per coin").isEmpty();
        assertThat(jdbc.queryForList("SELECT txn_id FROM ledger_posting GROUP BY txn_id, coin HAVING SUM(amount) <> 0"))
                .as("each transaction sums to zero per coin").isEmpty();
        assertThat(jdbc.queryForList("SELECT a.id FROM ledger_account a LEFT JOIN ledger_posting p ON p.account_id = a.id"
                + " GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(p.amount), 0)"))
                .as("each balance equals the sum of its postings").isEmpty();
        assertThat(jdbc.queryForList("SELECT a.id FROM ledger_account a WHERE a.balance <> (SELECT p.balance_after FROM ledger_posting p"
                + " WHERE p.account_id = a.id ORDER BY p.id DESC LIMIT 1)"))
                .as("each account's last balance_after is its balance").isEmpty();
        assertThat(jdbc.queryForList("SELECT id FROM ledger_account WHERE balance < 0 AND kind NOT IN"
                + " ('FUNDING', 'DEPOSIT_CLEARING', 'WITHDRAWAL_CLEARING')"))
                .as("no negative balance where forbidden").isEmpty();
        assertThat(jdbc.queryForList("SELECT a.id FROM ledger_account a WHERE a.kind IN ('FROZEN', 'MARGIN') AND a.balance <>"
                + " (SELECT COALESCE(SUM(h.remaining), 0) FROM ledger_hold h WHERE h.held_account_id = a.id AND h.status = 'OPEN')"))
                .as("frozen equals the open holds").isEmpty();
        assertThat(jdbc.queryForList("SELECT id FROM ledger_hold WHERE amount <> remaining + settled + released"
                + " OR (status = 'OPEN' AND remaining <= 0) OR (status <> 'OPEN' AND remaining <> 0)"))
                .as("holds add up").isEmpty();
        assertThat(jdbc.queryForList("SELECT coin FROM ledger_account GROUP BY coin HAVING SUM(balance) <> 0"))
                .as("all balances of a coin sum to zero").isEmpty();
        assertThat(jdbc.queryForList("SELECT r.id FROM ledger_txn r JOIN ledger_txn t ON t.id = r.reverses_txn_id"
                + " WHERE t.reversed_by_txn_id IS NULL OR t.reversed_by_txn_id <> r.id"))
                .as("each reversal is recorded on its original").isEmpty();
        assertThat(jdbc.queryForList("SELECT r.id FROM ledger_txn r JOIN ledger_posting p ON p.txn_id IN (r.id, r.reverses_txn_id)"
                + " WHERE r.type = 'REVERSAL' GROUP BY r.id, p.account_id HAVING SUM(p.amount) <> 0"))
                .as("each reversal is the exact negation of its original").isEmpty();
    }

    static TransferLeg leg(OwnerType fromType, String from, OwnerType toType, String to, BigDecimal amount) {
        return new TransferLeg(AccountRef.of(fromType, from, USDT, AccountKind.AVAILABLE),
                AccountRef.of(toType, to, USDT, AccountKind.AVAILABLE), amount);
    }

    static String user(Random random) {
        return "u" + random.nextInt(USERS);
    }

    static String otherUser(Random random, String not) {
        String other = user(random);
        return other.equals(not) ? (not.equals("u0") ? "u1" : "u0") : other;
    }

    static String merchant(Random random) {
        return "m" + random.nextInt(MERCHANTS);
    }

    /** A random amount up to {@code max} with 0 to 6 decimals. */
    static BigDecimal amount(Random random, int max) {
        long micros = 1 + (long) (random.nextDouble() * max * 1_000_000L);
        return BigDecimal.valueOf(micros, 6).setScale(random.nextInt(7), RoundingMode.DOWN).max(new BigDecimal("0.000001"));
    }

    static <T> T pick(Random random, List<T> list) {
        synchronized (list) {
            return list.isEmpty() ? null : list.get(random.nextInt(list.size()));
        }
    }
}

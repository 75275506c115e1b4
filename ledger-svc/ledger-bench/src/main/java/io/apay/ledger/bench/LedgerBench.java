package io.apay.ledger.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ledger benchmark's tool (bench.sh drives it). Every measured phase also reports the CPU the server processes
 * spent per transfer ({@link ServerCpu}, {@code BENCH_SERVER_PIDS}):
 * <ul>
 *   <li>{@code schema <serverJdbcUrl> <name>}: drops and creates the bench schema;</li>
 *   <li>{@code seed <jdbcUrl> <users>}: gives u0..u(n-1) 1,000,000 USDT each with one balanced CREDIT transaction,
 *       and creates the hot merchant account, straight in the bench schema (the books stay reconcilable);</li>
 *   <li>{@code raw <jdbcUrl> <uniform|hot> <threads> <seconds> <users> <outFile>}: the raw-SQL limit: the very
 *       statements the ledger's writer issues for one transfer (key check, account locks in id order, journal row,
 *       two postings, compare-and-set balance update), one durable transaction per transfer, fired over JDBC by
 *       {@code threads} connections;</li>
 *   <li>{@code load <host:port> <uniform|hot> <threads> <seconds> <users> <outFile>}: the headline: the lean load
 *       generator ({@link HttpTransfers}) POSTs transfers to ledger-server from {@code threads} kept-alive
 *       connections with the mesh credential ({@code APAY_MESH_KEY});</li>
 *   <li>{@code ticks <outFile>}: the server processes' CPU so far (around a JMeter run);</li>
 *   <li>{@code reconcile <host:port> <outFile>}: runs the ledger's reconciliation; fails unless the books are clean;</li>
 *   <li>{@code jtl <jmeterCsv> <outFile> [<ticksBefore> <ticksAfter>]}: transfers/s, p50 and p99 of a JMeter run,
 *       and its CPU per transfer;</li>
 *   <li>{@code report <dir>}: the table, the ratios and the RESULT line from the files above.</li>
 * </ul>
 */
public final class LedgerBench {

    static final BigDecimal SEED_BALANCE = new BigDecimal("1000000");
    static final BigDecimal AMOUNT = new BigDecimal("0.01");

    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        switch (args.length == 0 ? "" : args[0]) {
            case "schema" -> schema(args[1], args[2]);
            case "seed" -> seed(args[1], Integer.parseInt(args[2]));
            case "raw" -> raw(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]), Path.of(args[6]));
            case "load" -> load(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]), Path.of(args[6]));
            case "ticks" -> ticks(Path.of(args[1]));
            case "reconcile" -> reconcile(args[1], Path.of(args[2]));
            case "jtl" -> jtl(Path.of(args[1]), Path.of(args[2]), args.length > 4 ? Path.of(args[3]) : null, args.length > 4 ? Path.of(args[4]) : null);
            case "report" -> report(Path.of(args[1]));
            default -> {
                System.err.println("usage: schema <serverJdbcUrl> <name> | seed <jdbcUrl> <users> | raw <jdbcUrl> <uniform|hot> <threads> <seconds> <users> <out>"
                        + " | load <host:port> <uniform|hot> <threads> <seconds> <users> <out> | ticks <out> | reconcile <host:port> <out> | jtl <csv> <out> [<ticksBefore> <ticksAfter>]"
                        + " | report <dir>");
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------- schema and seed

    /** Drops and creates the bench schema: every run starts from empty books. */
    static void schema(String serverUrl, String name) throws SQLException {
        if (!name.matches("[a-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("unsafe schema name " + name);
        }
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    static void seed(String url, int users) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            BigDecimal total = SEED_BALANCE.multiply(BigDecimal.valueOf(users));
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO ledger_account (owner_type, owner_id, coin, kind, allow_negative, balance, version, created_at, updated_at)"
                        + " VALUES ('PLATFORM', 'platform', 'USDT', 'FUNDING', 1, 0, 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)),"
                        + " ('MERCHANT', 'hot', 'USDT', 'AVAILABLE', 0, 0, 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
            }
            for (int from = 0; from < users; from += 1000) {
                StringBuilder sql = new StringBuilder("INSERT INTO ledger_account (owner_type, owner_id, coin, kind, allow_negative, balance, version, created_at, updated_at) VALUES ");
                for (int u = from; u < Math.min(users, from + 1000); u++) {
                    sql.append(u == from ? "" : ",").append("('USER', 'u").append(u).append("', 'USDT', 'AVAILABLE', 0, ")
                            .append(SEED_BALANCE.toPlainString()).append(", 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
                }
                try (Statement s = c.createStatement()) {
                    s.executeUpdate(sql.toString());
                }
            }
            long funding;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM ledger_account WHERE kind = 'FUNDING'")) {
                rs.next();
                funding = rs.getLong(1);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE ledger_account SET balance = ? WHERE id = ?")) {
                p.setBigDecimal(1, total.negate());
                p.setLong(2, funding);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ledger_txn (id, idempotency_key, request_hash, type, biz_ref, memo, created_at)"
                    + " VALUES (1, 'bench:seed', ?, 'CREDIT', 'bench', 'seed', ?)")) {
                p.setString(1, "0".repeat(64));
                p.setTimestamp(2, Timestamp.valueOf(now));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ledger_posting (txn_id, account_id, coin, amount, balance_after, created_at)"
                    + " VALUES (1, ?, 'USDT', ?, ?, ?)")) {
                p.setLong(1, funding);
                p.setBigDecimal(2, total.negate());
                p.setBigDecimal(3, total.negate());
                p.setTimestamp(4, Timestamp.valueOf(now));
                p.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO ledger_posting (txn_id, account_id, coin, amount, balance_after, created_at)"
                        + " SELECT 1, id, 'USDT', balance, balance, UTC_TIMESTAMP(3) FROM ledger_account WHERE owner_type = 'USER' ORDER BY id");
            }
            c.commit();
        }
        System.out.printf("seeded %d users with %s USDT each%n", users, SEED_BALANCE.toPlainString());
    }

    // ---------------------------------------------------------------- raw SQL limit

    static void raw(String url, String mode, int threads, int seconds, int users, Path out) throws Exception {
        long[] userIds = new long[users];
        long hot;
        long idBase;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT owner_id, id FROM ledger_account WHERE owner_type = 'USER' AND kind = 'AVAILABLE'")) {
                while (rs.next()) {
                    String owner = rs.getString(1);
                    if (owner.startsWith("u")) {
                        int u = Integer.parseInt(owner.substring(1));
                        if (u < users) {
                            userIds[u] = rs.getLong(2);
                        }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM ledger_account WHERE owner_type = 'MERCHANT' AND owner_id = 'hot'")) {
                rs.next();
                hot = rs.getLong(1);
            }
            // ids far above the service's hi/lo blocks
            try (ResultSet rs = s.executeQuery("SELECT GREATEST(COALESCE(MAX(id), 0) + 1, 1000000000000000) FROM ledger_txn")) {
                rs.next();
                idBase = rs.getLong(1);
            }
        }
        String label = Long.toString(System.currentTimeMillis(), 36);
        Properties p = ClosedLoop.run(threads, seconds, thread -> {
            Connection c = DriverManager.getConnection(url);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return new RawTransfer(c, thread, label, mode, userIds, hot, idBase);
        });
        p.setProperty("source", "raw-sql");
        p.setProperty("mode", mode);
        write(p, out);
        System.out.printf("raw SQL %s, %d connections: %s%n", mode, threads, ClosedLoop.summary(p));
    }

    /** The writer's statements for a batch of one transfer (see ledger-server's JournalJdbc and BatchProcessor). */
    static final class RawTransfer implements ClosedLoop.Worker {
        private final Connection c;
        private final int thread;
        private final String label;
        private final boolean hotMode;
        private final long[] userIds;
        private final long hot;
        private final long idBase;
        private final ThreadLocalRandom random = ThreadLocalRandom.current();
        private final PreparedStatement findKey;
        private final PreparedStatement lock;
        private final PreparedStatement insertTxn;
        private final PreparedStatement insertPostings;
        private final PreparedStatement updateBalances;

        RawTransfer(Connection c, int thread, String label, String mode, long[] userIds, long hot, long idBase) throws SQLException {
            this.c = c;
            this.thread = thread;
            this.label = label;
            this.hotMode = "hot".equals(mode);
            this.userIds = userIds;
            this.hot = hot;
            this.idBase = idBase;
            findKey = c.prepareStatement("SELECT idempotency_key, id, request_hash FROM ledger_txn WHERE idempotency_key IN (?)");
            lock = c.prepareStatement("SELECT id, balance FROM ledger_account WHERE id IN (?,?) ORDER BY id FOR UPDATE");
            insertTxn = c.prepareStatement("INSERT INTO ledger_txn (id, idempotency_key, request_hash, type, biz_ref, memo, hold_id, reverses_txn_id, created_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?)");
            insertPostings = c.prepareStatement("INSERT INTO ledger_posting (txn_id, account_id, coin, amount, balance_after, created_at)"
                    + " VALUES (?,?,?,?,?,?),(?,?,?,?,?,?)");
            updateBalances = c.prepareStatement("UPDATE ledger_account a JOIN (SELECT ? AS id, ? AS old_balance, ? AS new_balance"
                    + " UNION ALL SELECT ?, ?, ?) v ON a.id = v.id"
                    + " SET a.balance = v.new_balance, a.version = a.version + 1, a.updated_at = ? WHERE a.balance = v.old_balance");
        }

        @Override
        public boolean transfer(long n) throws SQLException {
            int users = userIds.length;
            long from = userIds[random.nextInt(users / 2)];
            long to = hotMode ? hot : userIds[users / 2 + random.nextInt(users - users / 2)];
            run(idBase + thread * 1_000_000_000L + n, "raw:" + label + ":" + thread + ":" + n, from, to);
            return true;
        }

        @Override
        public void recover() throws SQLException {
            c.rollback();
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }

        private void run(long txnId, String key, long from, long to) throws SQLException {
            findKey.setString(1, key);
            try (ResultSet rs = findKey.executeQuery()) {
                if (rs.next()) {
                    throw new SQLException("key exists: " + key);
                }
            }
            lock.setLong(1, Math.min(from, to));
            lock.setLong(2, Math.max(from, to));
            Map<Long, BigDecimal> balances = new HashMap<>(4);
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    balances.put(rs.getLong(1), rs.getBigDecimal(2));
                }
            }
            BigDecimal fromBefore = balances.get(from);
            BigDecimal toBefore = balances.get(to);
            BigDecimal fromAfter = fromBefore.subtract(AMOUNT);
            BigDecimal toAfter = toBefore.add(AMOUNT);
            if (fromAfter.signum() < 0) {
                throw new SQLException("insufficient balance");
            }
            Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
            insertTxn.setLong(1, txnId);
            insertTxn.setString(2, key);
            insertTxn.setString(3, "0".repeat(64));
            insertTxn.setString(4, "TRANSFER");
            insertTxn.setString(5, "bench");
            insertTxn.setString(6, null);
            insertTxn.setObject(7, null);
            insertTxn.setObject(8, null);
            insertTxn.setTimestamp(9, now);
            insertTxn.executeUpdate();
            Object[] postings = {txnId, from, "USDT", AMOUNT.negate(), fromAfter, now, txnId, to, "USDT", AMOUNT, toAfter, now};
            for (int i = 0; i < postings.length; i++) {
                insertPostings.setObject(i + 1, postings[i]);
            }
            insertPostings.executeUpdate();
            Object[] cas = {from, fromBefore, fromAfter, to, toBefore, toAfter, now};
            for (int i = 0; i < cas.length; i++) {
                updateBalances.setObject(i + 1, cas[i]);
            }
            if (updateBalances.executeUpdate() != 2) {
                throw new SQLException("balance changed under lock");
            }
            c.commit();
        }
    }

    // ---------------------------------------------------------------- lean HTTP load (the headline)

    static void load(String hostPort, String mode, int threads, int seconds, int users, Path out) throws Exception {
        String meshKey = meshKey();
        String host = host(hostPort);
        int port = port(hostPort);
        String label = Long.toString(System.currentTimeMillis(), 36);
        Properties p = ClosedLoop.run(threads, seconds, thread -> new HttpTransfers(host, port, label, mode, thread, users, meshKey));
        p.setProperty("source", "ledger-svc");
        p.setProperty("mode", mode);
        write(p, out);
        System.out.printf("ledger-svc %s, %d connections: %s%n", mode, threads, ClosedLoop.summary(p));
    }

    /** The ledger's own reconciliation of the bench books (an /rpc-api call, so with the mesh credential). */
    static void reconcile(String hostPort, Path out) throws Exception {
        try (HttpTransfers http = new HttpTransfers(host(hostPort), port(hostPort), meshKey())) {
            boolean ok = http.post("/rpc-api/ledger/reconciliation", "{\"trigger\":\"bench\"}");
            Files.writeString(out, http.answer());
            if (!ok || !http.answer().contains("\"ok\":true")) {
                System.out.println("reconciliation found differences (or failed): " + http.answer());
                System.exit(1);
            }
            System.out.println("ok: " + http.answer().replaceAll(".*\"accountsChecked\":(\\d+),\"postingsChecked\":(\\d+).*", "$1 accounts, $2 postings"));
        }
    }

    private static String meshKey() {
        String meshKey = System.getenv("APAY_MESH_KEY");
        if (meshKey == null || meshKey.isBlank()) {
            throw new IllegalStateException("APAY_MESH_KEY (the mesh key ledger-server runs with) is not set");
        }
        return meshKey;
    }

    private static String host(String hostPort) {
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    static void ticks(Path out) throws IOException {
        Properties p = new Properties();
        Map<String, Double> sample = ServerCpu.fromEnv().sample();
        sample.remove("client");
        sample.forEach((name, ms) -> p.setProperty(name, Double.toString(ms)));
        write(p, out);
    }

    // ---------------------------------------------------------------- JMeter results

    static void jtl(Path csv, Path out, Path ticksBefore, Path ticksAfter) throws IOException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long ok = 0;
        long failed = 0;
        long[] elapsed = new long[1 << 20];
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            String[] header = r.readLine().split(",");
            int ts = indexOf(header, "timeStamp");
            int el = indexOf(header, "elapsed");
            int success = indexOf(header, "success");
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                if (f.length <= Math.max(ts, Math.max(el, success))) {
                    continue;
                }
                long start = Long.parseLong(f[ts]);
                long took = Long.parseLong(f[el]);
                first = Math.min(first, start);
                last = Math.max(last, start + took);
                if ("true".equals(f[success])) {
                    ok++;
                    if (n == elapsed.length) {
                        elapsed = Arrays.copyOf(elapsed, n * 2);
                    }
                    elapsed[n++] = took;
                } else {
                    failed++;
                }
            }
        }
        Arrays.sort(elapsed, 0, n);
        double seconds = (last - first) / 1000.0;
        Properties p = new Properties();
        p.setProperty("source", "jmeter");
        p.setProperty("transfers", Long.toString(ok));
        p.setProperty("errors", Long.toString(failed));
        p.setProperty("seconds", String.format("%.1f", seconds));
        p.setProperty("tps", String.format("%.0f", ok / seconds));
        p.setProperty("p50_ms", Long.toString(percentile(elapsed, n, 0.50)));
        p.setProperty("p99_ms", Long.toString(percentile(elapsed, n, 0.99)));
        if (ticksBefore != null) {
            // the window also holds JMeter's start and stop (a few idle seconds of the servers): slightly high
            ServerCpu.perTransfer(msByName(read(ticksBefore)), msByName(read(ticksAfter)), ok, p);
        }
        write(p, out);
        System.out.printf("JMeter %s: %s%n", csv.getFileName(), ClosedLoop.summary(p));
    }

    private static Map<String, Double> msByName(Properties p) {
        Map<String, Double> ms = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(name -> ms.put(name, Double.parseDouble(p.getProperty(name))));
        return ms;
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("JMeter CSV has no column " + name);
    }

    // ---------------------------------------------------------------- report

    /**
     * The table and the RESULT line. The headline is the lean generator's run; JMeter's (the seed's tool) is shown
     * beside it when present. {@code raw_sql_ratio} is the smaller of the uniform and hot ratios, not capped.
     */
    static void report(Path dir) throws IOException {
        Properties su = read(dir.resolve("service-uniform.properties"));
        Properties sh = read(dir.resolve("service-hot.properties"));
        Properties ru = read(dir.resolve("raw-uniform.properties"));
        Properties rh = read(dir.resolve("raw-hot.properties"));
        Path jmeterUniform = dir.resolve("jmeter-uniform.properties");
        Path jmeterHot = dir.resolve("jmeter-hot.properties");
        double uniformRatio = num(su, "tps") / num(ru, "tps");
        double hotRatio = num(sh, "tps") / num(rh, "tps");
        System.out.println();
        System.out.println("| traffic | through | transfers/s | p50 ms | p99 ms | errors | server CPU ms per transfer | ratio to raw SQL |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        row("uniform", "ledger-svc (lean generator, HTTP)", su, String.format("%.2f", uniformRatio));
        row("uniform", "raw SQL (JDBC)", ru, "1");
        if (Files.exists(jmeterUniform)) {
            Properties ju = read(jmeterUniform);
            row("uniform", "ledger-svc (JMeter, HTTP)", ju, String.format("%.2f", num(ju, "tps") / num(ru, "tps")));
        }
        row("hot account", "ledger-svc (lean generator, HTTP)", sh, String.format("%.2f", hotRatio));
        row("hot account", "raw SQL (JDBC)", rh, "1");
        if (Files.exists(jmeterHot)) {
            Properties jh = read(jmeterHot);
            row("hot account", "ledger-svc (JMeter, HTTP)", jh, String.format("%.2f", num(jh, "tps") / num(rh, "tps")));
        }
        System.out.println();
        System.out.println("Server CPU = ledger-server + MariaDB (user + system, /proc), per completed transfer; the load generator's own is apart:");
        for (Properties p : List.of(su, ru, sh, rh)) {
            System.out.printf("  %s %s: %s%n", p.get("source"), p.get("mode"), ClosedLoop.summary(p));
        }
        System.out.println();
        long p99 = Math.round(Math.max(num(su, "p99_ms"), num(sh, "p99_ms")));
        double ratio = Math.min(uniformRatio, hotRatio);
        String result = String.format("RESULT uniform_tps=%s hot_tps=%s p99_ms=%d raw_sql_ratio=%.2f cpu_ms_per_transfer=%s raw_cpu_ms_per_transfer=%s",
                su.get("tps"), sh.get("tps"), p99, ratio, su.get("cpu_ms_per_transfer"), ru.get("cpu_ms_per_transfer"));
        System.out.println(result);
        Files.writeString(dir.resolve("RESULT"), result + "\n");
    }

    private static void row(String traffic, String through, Properties p, String ratio) {
        System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s |%n", traffic, through, p.get("tps"), p.get("p50_ms"),
                p.get("p99_ms"), p.get("errors"), p.getProperty("cpu_ms_per_transfer", "-"), ratio);
    }

    // ---------------------------------------------------------------- helpers

    static long percentile(long[] sorted, int n, double q) {
        if (n == 0) {
            return 0;
        }
        return sorted[Math.min(n - 1, (int) Math.ceil(q * n) - 1)];
    }

    private static double num(Properties p, String key) {
        return Double.parseDouble(p.getProperty(key));
    }

    private static void write(Properties p, Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            p.store(o, null);
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}

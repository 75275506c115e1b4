package io.apay.e2e;

import io.apay.common.test.LocalChain;
import io.apay.common.test.LocalInfra;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A piece of the real mesh for one test class: the named services started from their runnable jars as separate
 * processes (small heaps), each on a free port (on loopback), with this run's own schemas, Redis prefix, queue
 * prefix, data key and mesh key, wired to each other through simple discovery. {@link #close()} stops them and drops the schemas.
 */
public final class Mesh implements AutoCloseable {

    /** service id -> (module dir, schema base or null). */
    private static final Map<String, String[]> SERVICES = Map.ofEntries(
            Map.entry("gateway", new String[] {"gateway", null}),
            Map.entry("user-svc", new String[] {"user-svc/user-server", "user"}),
            Map.entry("sms-svc", new String[] {"sms-svc/sms-server", "sms"}),
            Map.entry("merchant-api-svc", new String[] {"merchant-api-svc", "merchant"}),
            Map.entry("ledger-svc", new String[] {"ledger-svc/ledger-server", "ledger"}),
            Map.entry("otc-svc", new String[] {"otc-svc/otc-server", "otc"}),
            Map.entry("push-svc", new String[] {"push-svc/push-server", "push"}),
            Map.entry("wallet-svc", new String[] {"wallet-svc/wallet-server", "wallet"}),
            Map.entry("chain-bridge-svc", new String[] {"chain-bridge-svc/chain-bridge-server", "chain_bridge"}),
            Map.entry("wealth-svc", new String[] {"wealth-svc/wealth-server", "wealth"}),
            Map.entry("job-svc", new String[] {"job-svc", "job"}));

    /**
     * Tests start fast and small (C1 only, 256 MB); a benchmark passes {@code -Dapay.e2e.jvm-opts=...} for the
     * settings a service runs with in production (full JIT, a larger heap).
     */
    static final String JVM_OPTS = System.getProperty("apay.e2e.jvm-opts",
            "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k");

    private final Path root = findRoot();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> schemas = new LinkedHashMap<>();
    private final Map<String, FaultProxy> proxies = new LinkedHashMap<>();
    private final Map<String, List<String>> commands = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    /** The local EVM chain chain-bridge-svc's LOCAL network runs on, if chain-bridge-svc is started. */
    private LocalChain chain;
    private String hotWallet;
    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    private final String redisPrefix = "e2e:" + suffix + ":";
    private final String secretKey = newKey();
    private final String meshKey = newKey();
    private final Path storage;

    private Mesh(List<String> services) throws IOException {
        LocalInfra.requireUp();
        LocalInfra.dropStaleTestSchemas();
        storage = Files.createTempDirectory("apay-e2e-files");
        for (String s : services) {
            if (!SERVICES.containsKey(s)) {
                throw new IllegalArgumentException("unknown service " + s);
            }
            ports.put(s, freePort());
        }
    }

    /** Starts the services and waits until each reports healthy. */
    public static Mesh start(String... services) throws Exception {
        return start(List.of(services), Map.of());
    }

    /** As {@link #start(String...)}, with extra command-line settings for some services. */
    public static Mesh start(List<String> services, Map<String, List<String>> extraArgs) throws Exception {
        return start(services, extraArgs, Set.of());
    }

    /**
     * As {@link #start(List, Map)}, with a {@link FaultProxy} in front of each service in {@code proxied}: every
     * other service finds it through the proxy (its discovery entry points there), while {@link #url} still names
     * the real one, so a test can inject faults between the services and yet read the truth.
     */
    public static Mesh start(List<String> services, Map<String, List<String>> extraArgs, Set<String> proxied) throws Exception {
        Mesh mesh = new Mesh(services);
        try {
            for (String s : proxied) {
                if (!mesh.ports.containsKey(s)) {
                    throw new IllegalArgumentException("cannot proxy " + s + ": not started");
                }
                mesh.proxies.put(s, new FaultProxy(mesh.ports.get(s)));
            }
            if (services.contains("chain-bridge-svc")) {
                mesh.startChain();
            }
            for (String s : services) {
                mesh.launch(s, extraArgs.getOrDefault(s, List.of()));
            }
            for (String s : services) {
                mesh.awaitHealthy(s, Duration.ofSeconds(240));
            }
            return mesh;
        } catch (Exception | Error e) {
            mesh.close();
            throw e;
        }
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** The fault proxy in front of a service (only for one named in {@code proxied} at start). */
    FaultProxy proxy(String service) {
        FaultProxy p = proxies.get(service);
        if (p == null) {
            throw new IllegalArgumentException(service + " has no fault proxy");
        }
        return p;
    }

    /** The local chain (only when chain-bridge-svc was started). */
    public LocalChain chain() {
        if (chain == null) {
            throw new IllegalStateException("no chain: chain-bridge-svc was not started");
        }
        return chain;
    }

    /** The address of chain-bridge-svc's LOCAL hot wallet (funded with ETH for gas and USDT). */
    public String hotWallet() {
        chain();
        return hotWallet;
    }

    /** Confirmations chain-bridge-svc's LOCAL network requires in a mesh. */
    public static final int LOCAL_CONFIRMATIONS = 3;

    /**
     * Starts the local chain and makes a LOCAL network for chain-bridge-svc as bin/apay does: fresh random keys from
     * localchain/local-keys.js (a hot wallet, funded here, and a deposit wallet's account-level xprv/xpub), kept in
     * the process environment (SPRING_APPLICATION_JSON), never on the command line.
     */
    private void startChain() throws IOException, InterruptedException {
        chain = LocalChain.start();
        Process p = new ProcessBuilder("node", root.resolve("localchain/local-keys.js").toString()).redirectErrorStream(true).start();
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                keys.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        if (p.waitFor() != 0 || !keys.containsKey("APAY_CHAIN_LOCAL_HOT_ADDRESS")) {
            throw new IllegalStateException("localchain/local-keys.js failed");
        }
        hotWallet = keys.get("APAY_CHAIN_LOCAL_HOT_ADDRESS");
        chain.sendEth(0, hotWallet, new java.math.BigInteger("100000000000000000000")); // 100 ETH for gas
        chain.mint(hotWallet, new java.math.BigDecimal("1000000"));
        String json = """
                {"apay":{"chain":{
                  "jobs":{"scan-interval":"300ms","send-interval":"300ms","sweep-interval":"2s"},
                  "signer":{"keystore-dir":"%s","imports":{"LOCAL-hot":"%s","LOCAL-deposits":"%s"}},
                  "networks":{"LOCAL":{"family":"EVM","chain-id":%d,"rpc-url":"%s","confirmations":%d,"start-block":0,
                    "xpub":"%s","deposit-key-id":"LOCAL-deposits","native-coin":"ETH","native-decimals":18,
                    "tokens":{"USDT":{"contract":"%s","decimals":6}},
                    "hot-wallet":{"key-id":"LOCAL-hot","address":"%s"},
                    "gas":{"replace-after":"20s"}}}}}}
                """.formatted(storage.resolve("chain-keystore"), keys.get("APAY_CHAIN_LOCAL_HOT_KEY"),
                keys.get("APAY_CHAIN_LOCAL_DEPOSIT_XPRV"), chain.chainId(), chain.rpcUrl(), LOCAL_CONFIRMATIONS,
                keys.get("APAY_CHAIN_LOCAL_DEPOSIT_XPUB"), chain.usdtAddress(), hotWallet);
        environments.put("chain-bridge-svc", Map.of("SPRING_APPLICATION_JSON", json));
    }

    public String gateway() {
        return url("gateway");
    }

    /** service id -> the process id of its JVM as started last (benchmarks read their CPU time: ProcessCpu). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        processes.forEach((service, p) -> pids.put(service, p.pid()));
        return pids;
    }

    /** A service's output (its log) in this run. */
    public Path log(String service) {
        return root.resolve("e2e-tests/target/e2e-logs/" + suffix + "-" + service + ".log");
    }

    public String redisPrefix() {
        return redisPrefix;
    }

    /** The schema this run gave a service (tests read it only where no API shows the state, or to let time pass). */
    public String schema(String service) {
        return schemas.get(service);
    }

    public String secretKey() {
        return secretKey;
    }

    /** The mesh key of this run: a test calling a service itself signs with it (MeshCredentials). */
    public String meshKey() {
        return meshKey;
    }

    private void launch(String service, List<String> extraArgs) throws IOException {
        String[] spec = SERVICES.get(service);
        Path jar;
        try (var files = Files.list(root.resolve(spec[0]).resolve("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + spec[0] + "/target: build first (./mvnw package)"));
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(List.of(JVM_OPTS.split(" ")));
        cmd.addAll(List.of("-Duser.timezone=UTC", "-jar", jar.toString(),
                "--spring.profiles.active=local",
                "--server.port=" + ports.get(service),
                "--apay.redis.key-prefix=" + redisPrefix,
                "--apay.mq.prefix=e2e." + suffix + ".",
                "--apay.crypto.secret-key=" + secretKey,
                "--apay.mesh.key=" + meshKey,
                "--apay.storage.local.root=" + storage,
                "--apay.storage.local.public-base-url=" + "http://127.0.0.1:" + ports.get("gateway") + "/files",
                "--apay.merchant.platform-key-file=" + storage.resolve("platform-key.pem"),
                "--apay.otc.cashier-base-url=" + "http://127.0.0.1:" + ports.get("gateway")));
        if (spec[1] != null) {
            String schema = "t_e2e_" + spec[1] + "_" + suffix;
            LocalInfra.createSchema(schema);
            schemas.put(service, schema);
            cmd.add("--apay.db.schema=" + schema);
        }
        for (Map.Entry<String, Integer> other : ports.entrySet()) {
            FaultProxy proxy = other.getKey().equals(service) ? null : proxies.get(other.getKey());
            int port = proxy != null ? proxy.port() : other.getValue();
            cmd.add("--spring.cloud.discovery.client.simple.instances." + other.getKey() + "[0].uri=http://127.0.0.1:" + port);
        }
        cmd.addAll(extraArgs);
        commands.put(service, cmd);
        start(service);
    }

    private void start(String service) throws IOException {
        Path log = log(service);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(commands.get(service)).directory(storage.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environments.getOrDefault(service, Map.of()));
        processes.put(service, pb.start());
    }

    /** Kills a service at once (SIGKILL: no shutdown hook, no graceful stop), as a crash or an OOM kill would. */
    public void kill9(String service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
    }

    /** Starts a service again with the same settings (after {@link #kill9}) and waits until it is healthy. */
    public void restart(String service) throws Exception {
        if (processes.get(service).isAlive()) {
            throw new IllegalStateException(service + " is still running");
        }
        start(service);
        awaitHealthy(service, Duration.ofSeconds(240));
    }

    private void awaitHealthy(String service, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = processes.get(service);
            if (!p.isAlive()) {
                throw new IllegalStateException(service + " exited with " + p.exitValue() + "; see e2e-tests/target/e2e-logs/");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service + " not healthy within " + timeout + "; see e2e-tests/target/e2e-logs/");
    }

    @Override
    public void close() {
        proxies.values().forEach(FaultProxy::close);
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        schemas.values().forEach(LocalInfra::dropSchema);
        if (chain != null) {
            chain.close();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A port to listen on, below the kernel's ephemeral range (32768 and up on Linux): the ports are chosen before the
     * services start, and a port the kernel hands out itself could meanwhile be taken by an outgoing connection of a
     * service already running (CI saw "Port ... was already in use"). Below that range only another listener can
     * take it, and the bind test rules out one that is there now.
     */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static Path findRoot() {
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

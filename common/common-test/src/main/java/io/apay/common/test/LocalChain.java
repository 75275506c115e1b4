package io.apay.common.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real local EVM chain for tests: a hardhat node started from {@code <repository>/localchain} on a free loopback
 * port (after {@code npm ci} there if its node_modules is missing), with apay's TestUSDT token (6 decimals) deployed
 * from account #0. The node's accounts come from the fixed public test {@link #MNEMONIC} and are unlocked, so this
 * class sends from them with {@code eth_sendTransaction} (test tooling only: the service always signs itself).
 * Addresses it answers are lowercase hex. {@link #close()} kills the node; use one per test class:
 * <pre>
 * static LocalChain chain = LocalChain.start();
 * &#64;AfterAll static void stop() { chain.close(); }
 * </pre>
 */
public final class LocalChain implements AutoCloseable {

    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    public static final long CHAIN_ID = 31337;
    public static final int USDT_DECIMALS = 6;

    private static final String TRANSFER = "a9059cbb";
    private static final String BALANCE_OF = "70a08231";
    private static final String MINT = "40c10f19";
    private static final String SET_BLOCKED = "000af2a1";
    private static final BigInteger GAS = BigInteger.valueOf(3_000_000);

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // node's HTTP server and an h2c upgrade do not mix
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong ids = new AtomicLong();
    private final Process process;
    private final String rpcUrl;
    private final Path log;
    private String usdt;

    private LocalChain(Process process, String rpcUrl, Path log) {
        this.process = process;
        this.rpcUrl = rpcUrl;
        this.log = log;
    }

    /** Starts a node on a free port, waits until it answers and deploys TestUSDT. */
    public static LocalChain start() {
        Path dir = localchainDir();
        ensureNodeModules(dir);
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between probing and binding
            int port = freePort();
            LocalChain chain = launch(dir, port);
            try {
                chain.awaitReady();
                chain.usdt = chain.deploy(readBytecode(dir));
                return chain;
            } catch (IllegalStateException e) {
                chain.close();
                last = e;
            }
        }
        throw last;
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public long chainId() {
        return CHAIN_ID;
    }

    public String usdtAddress() {
        return usdt;
    }

    public String mnemonic() {
        return MNEMONIC;
    }

    /** The address of the node's account {@code i} (m/44'/60'/0'/0/i of the mnemonic), lowercase. */
    public String account(int i) {
        return call("eth_accounts").get(i).asText().toLowerCase(Locale.ROOT);
    }

    public long blockNumber() {
        return quantity(call("eth_blockNumber")).longValueExact();
    }

    /** Mints TestUSDT (base units) to {@code to}, from the deployer (account #0). */
    public String mint(String to, BigInteger baseUnits) {
        return send(0, usdt, BigInteger.ZERO, MINT + word(to) + word(baseUnits));
    }

    public String mint(String to, BigDecimal amount) {
        return mint(to, usdtUnits(amount));
    }

    /** Token balance in base units. */
    public BigInteger balanceOf(String token, String address) {
        ObjectNode tx = mapper.createObjectNode().put("to", token).put("data", "0x" + BALANCE_OF + word(address));
        return quantity(call("eth_call", tx, "latest"));
    }

    /** TestUSDT balance in USDT (scale 6). */
    public BigDecimal usdtBalance(String address) {
        return new BigDecimal(balanceOf(usdt, address), USDT_DECIMALS);
    }

    /** Native balance in wei. */
    public BigInteger ethBalance(String address) {
        return quantity(call("eth_getBalance", address, "latest"));
    }

    /** Sends {@code amount} USDT from the node's account {@code fromAccountIndex}; answers the tx hash. */
    public String sendUsdt(int fromAccountIndex, String to, BigDecimal amount) {
        return send(fromAccountIndex, usdt, BigInteger.ZERO, TRANSFER + word(to) + word(usdtUnits(amount)));
    }

    /** Sends {@code wei} of the native coin from the node's account {@code fromAccountIndex}; answers the tx hash. */
    public String sendEth(int fromAccountIndex, String to, BigInteger wei) {
        return send(fromAccountIndex, to, wei, null);
    }

    /** Makes every TestUSDT transfer to or from {@code address} revert (or not any more). */
    public String setBlocked(String address, boolean blocked) {
        return send(0, usdt, BigInteger.ZERO, SET_BLOCKED + word(address) + word(blocked ? BigInteger.ONE : BigInteger.ZERO));
    }

    /** The receipt of a transaction, or a null node if it is not mined. */
    public JsonNode receipt(String txHash) {
        return call("eth_getTransactionReceipt", txHash);
    }

    /**
     * Mines {@code n} empty blocks, one {@code evm_mine} each. Not {@code hardhat_mine}: the blocks it reserves answer
     * a parent hash of zeros, which a scanner rightly takes for a reorg.
     */
    public void mine(int n) {
        for (int i = 0; i < n; i++) {
            call("evm_mine");
        }
    }

    /** A snapshot of the chain's state; {@link #revert} returns to it (once: a snapshot id works one time). */
    public String snapshot() {
        return call("evm_snapshot").asText();
    }

    public boolean revert(String snapshotId) {
        return call("evm_revert", snapshotId).asBoolean();
    }

    /** Off: sent transactions wait in the mempool until {@link #mine} (to test stuck and replaced transactions). */
    public void setAutomine(boolean on) {
        call("evm_setAutomine", on);
    }

    /**
     * Sends one call. A read is sent once more if the first try failed on the connection: the node (Node.js) closes an
     * idle keep-alive connection after 5 s, and a request the client wrote on it just then was never read. A write is
     * never repeated (it might have been applied).
     */
    private HttpResponse<String> send(String method, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            boolean read = method.startsWith("eth_get") || method.equals("eth_call") || method.equals("eth_accounts")
                    || method.equals("eth_blockNumber") || method.equals("eth_chainId");
            if (!read) {
                throw e;
            }
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Any JSON-RPC call; answers {@code result}, throws on an error answer. */
    public JsonNode call(String method, Object... params) {
        ObjectNode body = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
        ArrayNode array = body.putArray("params");
        for (Object p : params) {
            array.add(mapper.valueToTree(p));
        }
        try {
            HttpResponse<String> r = send(method, body.toString());
            JsonNode answer = mapper.readTree(r.body());
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException("the local chain did not answer " + method, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String send(int from, String to, BigInteger value, String data) {
        ObjectNode tx = mapper.createObjectNode().put("from", account(from)).put("to", to)
                .put("value", "0x" + value.toString(16)).put("gas", "0x" + GAS.toString(16));
        if (data != null) {
            tx.put("data", "0x" + data);
        }
        return call("eth_sendTransaction", tx).asText();
    }

    private String deploy(String bytecode) {
        ObjectNode tx = mapper.createObjectNode().put("from", account(0)).put("data", bytecode).put("gas", "0x" + GAS.toString(16));
        String hash = call("eth_sendTransaction", tx).asText();
        JsonNode receipt = receipt(hash); // hardhat mines each transaction as it comes (automine)
        if (receipt == null || receipt.isNull() || !"0x1".equals(receipt.path("status").asText())) {
            throw new IllegalStateException("TestUSDT was not deployed: " + receipt);
        }
        return receipt.get("contractAddress").asText().toLowerCase(Locale.ROOT);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hardhat node exited: " + tail());
            }
            try {
                if (quantity(call("eth_chainId")).longValue() == CHAIN_ID) {
                    return;
                }
            } catch (RuntimeException notYet) {
                last = notYet; // not listening yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the hardhat node did not answer within 60 s: " + tail(), last);
    }

    private String tail() {
        try {
            String all = Files.readString(log);
            return all.substring(Math.max(0, all.length() - 2000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static LocalChain launch(Path dir, int port) {
        try {
            Path log = Files.createTempFile("apay-localchain-" + port + "-", ".log");
            ProcessBuilder pb = new ProcessBuilder(dir.resolve("node_modules/.bin/hardhat").toString(), "node",
                    "--hostname", "127.0.0.1", "--port", Integer.toString(port))
                    .directory(dir.toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("CI", "true");
            pb.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
            Process process = pb.start();
            LocalChain chain = new LocalChain(process, "http://127.0.0.1:" + port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(chain::close)); // a test that forgets close()
            return chain;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the hardhat node in " + dir, e);
        }
    }

    /** {@code localchain/} of this repository: system property {@code apay.localchain.dir}, else found upwards. */
    static Path localchainDir() {
        String configured = System.getProperty("apay.localchain.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("localchain/hardhat.config.js"))) {
                return p.resolve("localchain");
            }
        }
        throw new IllegalStateException("localchain/ not found above " + Path.of("").toAbsolutePath()
                + "; set -Dapay.localchain.dir");
    }

    private static synchronized void ensureNodeModules(Path dir) {
        if (Files.isExecutable(dir.resolve("node_modules/.bin/hardhat"))) {
            return;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .inheritIO().redirectInput(new File("/dev/null"));
            pb.environment().put("CI", "true");
            int exit = pb.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed (exit " + exit + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("npm ci in " + dir + " could not run (is Node.js 20 installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readBytecode(Path dir) {
        try {
            JsonNode build = new ObjectMapper().readTree(dir.resolve("build/TestUSDT.json").toFile());
            return build.get("bytecode").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("localchain/build/TestUSDT.json missing: run `node compile.js` in localchain/", e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigInteger usdtUnits(BigDecimal amount) {
        return amount.setScale(USDT_DECIMALS, java.math.RoundingMode.UNNECESSARY).unscaledValue();
    }

    private static String word(String address) {
        String hex = address.startsWith("0x") ? address.substring(2) : address;
        return "0".repeat(64 - hex.length()) + hex.toLowerCase(Locale.ROOT);
    }

    private static String word(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static BigInteger quantity(JsonNode hex) {
        String s = hex.asText();
        return s.equals("0x") ? BigInteger.ZERO : new BigInteger(s.substring(2), 16);
    }
}

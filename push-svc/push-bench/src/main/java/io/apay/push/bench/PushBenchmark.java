package io.apay.push.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.apay.common.test.MeshCredentials;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N simulated monitors against ONE push-svc process on this machine (docs/benchmarks/push.md).
 * <pre>
 * java -jar push-svc/push-bench/target/push-bench-0.1.0-SNAPSHOT-exec.jar \
 *     [--monitors 19500] [--workers 2] [--duration 120s] [--silence-every-ms 2000] [--server-heap 1200m]
 *     [--push-jar push-svc/push-server/target/push-server-0.1.0-SNAPSHOT-exec.jar] [--port 18108]
 * </pre>
 * It creates schema {@code apay_push_bench}, starts push-server on {@code --port} with Redis prefix
 * {@code bench:push:} and RabbitMQ prefix {@code bench.}, registers one device per monitor through the REST API,
 * spreads the monitors over worker processes, listens to {@code acceptor.offline} events as otc-svc would, measures
 * for {@code --duration}, prints the figures and a RESULT line, then stops everything and removes what it created.
 */
public final class PushBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SCHEMA = "apay_push_bench";
    private static final String REDIS_PREFIX = "bench:push:";
    private static final String MQ_PREFIX = "bench.";
    /** This run's mesh key: push-server believes only calls signed with it (the gateway's, here the bench's). */
    private static final String MESH_KEY = MeshCredentials.testKey();

    record Offline(long acceptorId, long epoch, String reason, long receivedAt) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int monitors = Integer.parseInt(o.getOrDefault("monitors", "19500"));
        int workers = Integer.parseInt(o.getOrDefault("workers", "3"));
        Duration duration = Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration", "120s").replace("s", "")));
        long silenceEveryMs = Long.parseLong(o.getOrDefault("silence-every-ms", "2000"));
        int port = Integer.parseInt(o.getOrDefault("port", "18108"));
        String pushJar = o.getOrDefault("push-jar", "push-svc/push-server/target/push-server-0.1.0-SNAPSHOT-exec.jar");
        String heap = o.getOrDefault("server-heap", "1200m");
        Path work = Files.createDirectories(Path.of(o.getOrDefault("work-dir", "push-svc/push-bench/target/bench")));

        System.out.printf("push benchmark: %d monitors over %d workers, %s measured, a silence every %d ms per worker, server heap %s%n",
                monitors, workers, duration, silenceEveryMs, heap);
        resetInfra(true);
        Process server = startServer(pushJar, port, heap, work);
        List<Process> workerProcs = new ArrayList<>();
        try (Connection amqp = amqp()) {
            waitHealthy(port, server);
            Path devices = registerDevices(port, monitors, work.resolve("devices.tsv"));

            ConcurrentLinkedQueue<Offline> offlines = new ConcurrentLinkedQueue<>();
            Channel ch = amqp.createChannel();
            String q = ch.queueDeclare("", false, true, true, null).getQueue();
            ch.queueBind(q, MQ_PREFIX + "apay.push", "acceptor.offline");
            ch.basicConsume(q, true, (tag, d) -> {
                JsonNode e = MAPPER.readTree(d.getBody());
                offlines.add(new Offline(e.get("acceptorId").asLong(), e.get("epoch").asLong(), e.get("reason").asText(),
                        System.currentTimeMillis()));
            }, tag -> { });

            long rampStart = System.nanoTime();
            List<BufferedReader> outs = new ArrayList<>();
            int per = (monitors + workers - 1) / workers;
            for (int w = 0; w < workers; w++) {
                int from = w * per;
                int to = Math.min(monitors, from + per);
                List<String> cmd = new ArrayList<>(workerLaunch());
                cmd.addAll(List.of("ws://127.0.0.1:" + port + "/ws/monitor", devices.toString(),
                        Integer.toString(from), Integer.toString(to), Integer.toString(Math.max(50, 400 / workers)),
                        Long.toString(silenceEveryMs)));
                ProcessBuilder worker = new ProcessBuilder(cmd);
                worker.environment().put("APAY_MESH_KEY", MESH_KEY);
                Process p = worker
                        .redirectError(work.resolve("worker-" + w + ".err").toFile()).start();
                workerProcs.add(p);
                outs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            int connected = 0;
            for (BufferedReader r : outs) {
                String line = r.readLine();
                if (line == null || !line.startsWith("CONNECTED ")) {
                    throw new IllegalStateException("a worker failed to connect its monitors: " + line + " (see " + work + ")");
                }
                connected += Integer.parseInt(line.substring("CONNECTED ".length()));
            }
            long held = sessions(port);
            System.out.printf("connected: %d of %d monitors in %d s; the server holds %d sockets, RSS %d MB%n", connected, monitors,
                    (System.nanoTime() - rampStart) / 1_000_000_000L, held, rssMb(server.pid()));
            Thread.sleep(5000); // let the connect burst settle before measuring

            long heldAtStart = sessions(port);
            long offlinesBeforeWindow = offlines.size();
            long windowStart = System.currentTimeMillis();
            long until = windowStart + duration.toMillis();
            long cpuStart = cpuTicks(server.pid());
            for (Process p : workerProcs) {
                PrintWriter in = new PrintWriter(p.getOutputStream(), true);
                in.println("GO " + until);
            }
            long heldMin = Long.MAX_VALUE;
            long heldMax = 0;
            long rssMax = 0;
            while (System.currentTimeMillis() < until) {
                Thread.sleep(Math.min(5000, Math.max(1, until - System.currentTimeMillis())));
                long h = sessions(port);
                heldMin = Math.min(heldMin, h);
                heldMax = Math.max(heldMax, h);
                rssMax = Math.max(rssMax, rssMb(server.pid()));
            }
            long cpuEnd = cpuTicks(server.pid());
            double cpuPercent = 100.0 * (cpuEnd - cpuStart) / 100.0 / (duration.toMillis() / 1000.0);

            Histogram jitter = new Histogram();
            List<JsonNode> silences = new ArrayList<>();
            List<String> unexpected = new ArrayList<>();
            long pings = 0;
            for (BufferedReader r : outs) {
                String line;
                while ((line = r.readLine()) != null && !line.startsWith("RESULT ")) {
                    System.out.println("worker: " + line);
                }
                if (line == null) {
                    throw new IllegalStateException("a worker ended without a result (see " + work + ")");
                }
                JsonNode res = MAPPER.readTree(line.substring("RESULT ".length()));
                pings += res.get("pings").asLong();
                res.get("silences").forEach(silences::add);
                res.get("unexpectedCloses").forEach(u -> unexpected.add(u.asText()));
                long[] counts = new long[Histogram.MAX_MS + 1];
                res.get("jitter").fields().forEachRemaining(e -> counts[Integer.parseInt(e.getKey())] = e.getValue().asLong());
                jitter.add(counts);
            }
            Thread.sleep(2000); // the last offline events

            // detection: silence -> acceptor.offline received (what otc-svc would see)
            Map<String, Long> silencedAt = new HashMap<>();
            for (JsonNode s : silences) {
                silencedAt.put(s.get("acceptorId").asLong() + "/" + s.get("epoch").asLong(), s.get("at").asLong());
            }
            Histogram detect = new Histogram();
            Set<String> detected = new HashSet<>();
            List<String> falseOfflines = new ArrayList<>();
            for (Offline off : offlines) {
                if (off.receivedAt() > until) {
                    continue; // the workers closing at the end
                }
                String key = off.acceptorId() + "/" + off.epoch();
                Long at = silencedAt.get(key);
                if (at != null) {
                    detect.record(off.receivedAt() - at);
                    detected.add(key);
                } else if (off.receivedAt() >= windowStart) {
                    falseOfflines.add(key + " " + off.reason());
                }
            }
            int undetected = silencedAt.size() - detected.size();

            System.out.println();
            System.out.printf("connections held:        %d sockets at the start of the window (min %d, max %d during it; %d monitors simulated)%n",
                    heldAtStart, heldMin, heldMax, monitors);
            System.out.printf("offlines before window:  %d (during the connect ramp and the 5 s settle)%n", offlinesBeforeWindow);
            System.out.printf("pings received:          %d (%.0f/s)%n", pings, pings / (duration.toMillis() / 1000.0));
            System.out.printf("heartbeat jitter:        p50 %d ms, p99 %d ms, max %d ms (|interval - 2000 ms| per monitor, %d intervals)%n",
                    jitter.percentile(0.5), jitter.percentile(0.99), jitter.max(), jitter.count());
            System.out.printf("silent-drop detection:   p50 %.1f s, p99 %.1f s, max %.1f s over %d silences (%d undetected)%n",
                    detect.percentile(0.5) / 1000.0, detect.percentile(0.99) / 1000.0, detect.max() / 1000.0, detect.count(), undetected);
            System.out.printf("false offlines:          %d %s%n", falseOfflines.size(), falseOfflines.size() > 10 ? falseOfflines.subList(0, 10) : falseOfflines);
            System.out.printf("unexpected closes:       %d %s%n", unexpected.size(), unexpected.size() > 10 ? unexpected.subList(0, 10) : unexpected);
            System.out.printf("push-server CPU:         %.0f%% of one core (avg over the window); RSS max %d MB (heap -Xmx%s)%n", cpuPercent, rssMax, heap);
            System.out.printf("RESULT monitors=%d detect_p99_s=%.1f false_offlines=%d jitter_p99_ms=%d%n", heldMin,
                    detect.percentile(0.99) / 1000.0, falseOfflines.size(), jitter.percentile(0.99));
        } finally {
            for (Process p : workerProcs) {
                p.waitFor(10, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
            server.destroy(); // SIGTERM: graceful shutdown
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            resetInfra(false);
        }
    }

    private static Process startServer(String jar, int port, String heap, Path work) throws IOException {
        if (!new File(jar).isFile()) {
            throw new IllegalStateException(jar + " not found: build it first (see docs/benchmarks/push.md)");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ProcessBuilder(javaBin(), "-Xmx" + heap, "-XX:+UseParallelGC", "-Xlog:gc:file=" + work.resolve("push-server-gc.log"), "-jar", jar,
                "--spring.profiles.active=local", "--server.port=" + port, "--apay.db.schema=" + SCHEMA,
                "--apay.redis.key-prefix=" + REDIS_PREFIX, "--apay.mq.prefix=" + MQ_PREFIX, "--apay.push.node-id=bench",
                "--apay.crypto.secret-key=" + Base64.getEncoder().encodeToString(key),
                "--apay.mesh.key=" + MESH_KEY,
                "--logging.level.io.apay.push=WARN", "--logging.level.io.apay.push.server.service.heartbeat=INFO")
                .redirectErrorStream(true).redirectOutput(work.resolve("push-server.log").toFile()).start();
    }

    private static void waitHealthy(int port, Process server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("push-server exited: see its log");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("push-server not healthy within 180 s");
    }

    /** One device per monitor through the app API (as each acceptor's app would), 16 at a time. */
    private static Path registerDevices(int port, int monitors, Path file) throws Exception {
        HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient(), () -> MESH_KEY);
        String[] lines = new String[monitors];
        Semaphore inFlight = new Semaphore(16);
        CountDownLatch done = new CountDownLatch(monitors);
        long start = System.nanoTime();
        for (int i = 0; i < monitors; i++) {
            long acceptor = 10_000_000L + i;
            int index = i;
            inFlight.acquire();
            CompletableFuture<HttpResponse<String>> f = http.sendAsync(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/app-api/push/devices"))
                    .header("Content-Type", "application/json").header("X-Apay-User-Id", Long.toString(acceptor))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
            f.whenComplete((r, e) -> {
                try {
                    JsonNode data = MAPPER.readTree(r.body()).get("data");
                    lines[index] = acceptor + "\t" + data.get("deviceId").asText() + "\t" + data.get("deviceSecret").asText();
                } catch (Exception ex) {
                    lines[index] = null;
                } finally {
                    inFlight.release();
                    done.countDown();
                }
            });
        }
        done.await();
        for (String l : lines) {
            if (l == null) {
                throw new IllegalStateException("a device registration failed");
            }
        }
        Files.write(file, List.of(lines));
        System.out.printf("registered %d devices in %d s%n", monitors, (System.nanoTime() - start) / 1_000_000_000L);
        return file;
    }

    private static long sessions(int port) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^apay_push_sessions\\{[^}]*} ([0-9.E]+)").matcher(body);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime, in clock ticks (100 Hz)
    }

    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return -1;
    }

    private static Connection amqp() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        return f.newConnection("push-bench");
    }

    /** Removes the benchmark's schema, Redis keys and RabbitMQ queues and exchanges (before and after a run). */
    private static void resetInfra(boolean createSchema) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", ""); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + SCHEMA);
            if (createSchema) {
                s.execute("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
        }
        redisDeleteByPrefix(REDIS_PREFIX);
        try (Connection amqp = amqp()) {
            for (String queue : List.of("push.acceptor-messages", "push.acceptor-messages.dlq", "apay.unrouted", "push.node.bench")) {
                Channel ch = amqp.createChannel();
                ch.queueDelete(MQ_PREFIX + queue);
                ch.close();
            }
            for (String exchange : List.of("apay.push", "apay.push.node", "apay.dlx", "apay.unrouted")) {
                Channel ch = amqp.createChannel();
                ch.exchangeDelete(MQ_PREFIX + exchange);
                ch.close();
            }
        }
    }

    /** SCAN + DEL in one Lua script, over a plain RESP socket (no Redis client needed for this one call). */
    private static void redisDeleteByPrefix(String prefix) throws IOException {
        String script = "local c='0' local n=0 repeat local r=redis.call('SCAN',c,'MATCH',ARGV[1],'COUNT',1000) c=r[1] "
                + "for _,k in ipairs(r[2]) do redis.call('DEL',k) n=n+1 end until c=='0' return n";
        try (Socket s = new Socket("127.0.0.1", 6379)) {
            OutputStream out = s.getOutputStream();
            StringBuilder cmd = new StringBuilder("*4\r\n");
            for (String part : List.of("EVAL", script, "0", prefix + "*")) {
                cmd.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (reply == null || reply.startsWith("-")) {
                throw new IOException("redis cleanup failed: " + reply);
            }
        }
    }

    /** Workers run from the same classpath; inside the executable jar through Spring Boot's PropertiesLauncher. */
    private static List<String> workerLaunch() {
        String cp = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx1g", "-XX:+UseParallelGC"));
        if (cp.endsWith(".jar") && !cp.contains(File.pathSeparator)) {
            cmd.addAll(List.of("-Dloader.main=" + BenchWorker.class.getName(), "-cp", cp,
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            cmd.addAll(List.of("-cp", cp, BenchWorker.class.getName()));
        }
        return cmd;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}

package io.apay.push.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apay.common.test.MeshCredentials;
import io.apay.push.simulator.MonitorClient;
import io.apay.push.simulator.MonitorCredentials;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One benchmark worker process: holds a slice of the simulated monitors (one process cannot open more than 20,000
 * sockets here). Protocol with the coordinator on stdin/stdout: prints {@code CONNECTED n}, waits for
 * {@code GO <untilMillis>}, then measures until then and prints {@code RESULT <json>}.
 *
 * <p>Measured: the interval between consecutive pings each monitor receives (jitter = |interval - 2000 ms|);
 * silences it causes (one monitor stops reading and answering every {@code silenceEveryMs}, its wall time recorded;
 * 12 s later it is dropped and reconnected like an app would); and closes it did not cause (false drops).
 */
public final class BenchWorker {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long HEARTBEAT_MS = 2000;

    private final URI ws;
    private final List<MonitorCredentials> devices;
    private final HttpClient http;
    private final AtomicReferenceArray<MonitorClient> clients;
    private final AtomicLongArray lastPingNanos;
    private final AtomicLongArray silencedAt;
    private final Histogram jitter = new Histogram();
    private final AtomicLong pings = new AtomicLong();
    private final ConcurrentLinkedQueue<String> unexpectedCloses = new ConcurrentLinkedQueue<>();
    private final ArrayNode silences = MAPPER.createArrayNode();
    private final ExecutorService reconnector = Executors.newSingleThreadExecutor();
    private volatile boolean measuring;
    private volatile boolean stopping;

    private BenchWorker(URI ws, List<MonitorCredentials> devices) {
        this.ws = ws;
        this.devices = devices;
        // the upgrades go to push-server directly, as the gateway forwards them: with the mesh credential
        String meshKey = System.getenv("APAY_MESH_KEY");
        this.http = MeshCredentials.signing(HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build(), () -> meshKey);
        this.clients = new AtomicReferenceArray<>(devices.size());
        this.lastPingNanos = new AtomicLongArray(devices.size());
        this.silencedAt = new AtomicLongArray(devices.size());
    }

    public static void main(String[] args) throws Exception {
        URI ws = URI.create(args[0]);
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        int from = Integer.parseInt(args[2]);
        int to = Integer.parseInt(args[3]);
        int rampPerSec = Integer.parseInt(args[4]);
        long silenceEveryMs = Long.parseLong(args[5]);
        List<MonitorCredentials> devices = new ArrayList<>();
        for (String line : lines.subList(from, to)) {
            String[] p = line.split("\t");
            devices.add(MonitorCredentials.direct(Long.parseLong(p[0]), p[1], p[2]));
        }
        new BenchWorker(ws, devices).run(rampPerSec, silenceEveryMs);
    }

    private void run(int rampPerSec, long silenceEveryMs) throws Exception {
        connectAll(rampPerSec);
        System.out.println("CONNECTED " + connected());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String go = in.readLine();
        long until = Long.parseLong(go.split(" ")[1]);
        measuring = true;
        Random rnd = new Random();
        ScheduledExecutorService reconnects = Executors.newScheduledThreadPool(2);
        // silences stop 15 s before the end so that every one of them is detected inside the window
        while (System.currentTimeMillis() < until - 15_000) {
            Thread.sleep(silenceEveryMs);
            int i = rnd.nextInt(devices.size());
            MonitorClient c = clients.get(i);
            if (c == null || !c.isOpen() || silencedAt.get(i) != 0 || !c.isWelcomed()) {
                continue;
            }
            long at = System.currentTimeMillis();
            silencedAt.set(i, at);
            c.freeze();
            synchronized (silences) {
                ObjectNode s = silences.addObject();
                s.put("acceptorId", c.acceptorId());
                s.put("epoch", c.epoch());
                s.put("at", at);
            }
            reconnects.schedule(() -> reconnect(i), 12, TimeUnit.SECONDS);
        }
        Thread.sleep(Math.max(0, until - System.currentTimeMillis()));
        measuring = false;
        stopping = true;
        reconnects.shutdownNow();
        ObjectNode result = MAPPER.createObjectNode();
        result.put("monitors", devices.size());
        result.put("connectedAtEnd", connected());
        result.put("pings", pings.get());
        result.set("silences", silences);
        ArrayNode closes = result.putArray("unexpectedCloses");
        unexpectedCloses.forEach(closes::add);
        long[] j = jitter.snapshot();
        ObjectNode jn = result.putObject("jitter");
        for (int k = 0; k < j.length; k++) {
            if (j[k] != 0) {
                jn.put(Integer.toString(k), j[k]);
            }
        }
        System.out.println("RESULT " + result);
        System.out.flush();
        for (int i = 0; i < devices.size(); i++) {
            MonitorClient c = clients.get(i);
            if (c != null) {
                c.close();
            }
        }
        Thread.sleep(3000);
        System.exit(0);
    }

    /** 12 s after a silence: the app gives up on that socket and connects again. */
    private void reconnect(int i) {
        try {
            MonitorClient c = clients.get(i);
            if (c != null) {
                c.abort();
            }
            silencedAt.set(i, 0);
            open(i);
        } catch (RuntimeException e) {
            unexpectedCloses.add("reconnect of " + devices.get(i).acceptorId() + " failed: " + e.getMessage());
        }
    }

    private void connectAll(int rampPerSec) throws InterruptedException {
        Semaphore inFlight = new Semaphore(200);
        long start = System.nanoTime();
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < devices.size(); i++) {
            long due = start + (long) i * 1_000_000_000L / rampPerSec;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.acquire();
            int index = i;
            MonitorClient.startAsync(http, ws, devices.get(i), false).whenComplete((c, e) -> {
                inFlight.release();
                if (e != null) {
                    failures.incrementAndGet();
                } else {
                    attach(index, c);
                }
            });
        }
        inFlight.acquire(200);
        inFlight.release(200);
        // retry the few that failed (e.g. a full accept queue) until all are in
        for (int round = 0; round < 20 && connected() < devices.size(); round++) {
            Thread.sleep(1000);
            for (int i = 0; i < devices.size(); i++) {
                MonitorClient c = clients.get(i);
                if (c == null || !c.isOpen()) {
                    try {
                        open(i);
                    } catch (RuntimeException e) {
                        // next round
                    }
                }
            }
        }
        waitForWelcomes();
    }

    private void waitForWelcomes() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            int welcomed = 0;
            for (int i = 0; i < devices.size(); i++) {
                MonitorClient c = clients.get(i);
                if (c != null && c.isWelcomed()) {
                    welcomed++;
                }
            }
            if (welcomed == devices.size()) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private void open(int i) {
        attach(i, MonitorClient.start(http, ws, devices.get(i), false, Duration.ofSeconds(20)));
    }

    private void attach(int i, MonitorClient c) {
        lastPingNanos.set(i, 0);
        c.onPing(() -> onPing(i));
        c.closeCode().thenAccept(code -> {
            if (stopping || silencedAt.get(i) != 0 || clients.get(i) != c) {
                return; // ours: the end of the run, or a silence we caused
            }
            if (measuring) {
                unexpectedCloses.add(devices.get(i).acceptorId() + " closed " + code);
            }
            reconnector.execute(() -> { // like the app: reconnect at once
                try {
                    open(i);
                } catch (RuntimeException e) {
                    unexpectedCloses.add("reconnect of " + devices.get(i).acceptorId() + " failed: " + e.getMessage());
                }
            });
        });
        clients.set(i, c);
    }

    private void onPing(int i) {
        long now = System.nanoTime();
        long previous = lastPingNanos.getAndSet(i, now);
        if (measuring) {
            pings.incrementAndGet();
        }
        if (measuring && previous != 0) {
            jitter.record(Math.abs((now - previous) / 1_000_000 - HEARTBEAT_MS));
        }
    }

    private int connected() {
        int n = 0;
        for (int i = 0; i < devices.size(); i++) {
            MonitorClient c = clients.get(i);
            if (c != null && c.isOpen()) {
                n++;
            }
        }
        return n;
    }
}

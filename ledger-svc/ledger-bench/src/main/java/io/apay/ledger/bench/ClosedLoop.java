package io.apay.ledger.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@code threads} workers, each sending one transfer after the other (closed loop) for a number of seconds,
 * and measures transfers/s, latency percentiles, errors and the CPU the servers (and this generator) spent.
 */
final class ClosedLoop {

    /** One worker's connection: sends transfer number {@code n}; answers false (or throws) when it failed. */
    interface Worker extends AutoCloseable {
        boolean transfer(long n) throws Exception;

        /** Makes the connection usable again after a failed transfer. */
        default void recover() throws Exception {
        }

        @Override
        default void close() throws Exception {
        }
    }

    interface WorkerFactory {
        Worker open(int thread) throws Exception;
    }

    private ClosedLoop() {
    }

    /** The phase's figures: transfers, errors, tps, p50_ms, p99_ms and the CPU per transfer (see {@link ServerCpu}). */
    static Properties run(int threads, int seconds, WorkerFactory factory) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] latencies = new long[threads][];
        long[] counts = new long[threads];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        ServerCpu cpu = ServerCpu.fromEnv();
        Map<String, Double> cpuBefore = cpu.sample();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            long[] lat = new long[2_000_000 / threads + 50_000];
            latencies[t] = lat;
            Thread w = new Thread(() -> {
                long n = 0;
                try (Worker worker = factory.open(thread)) {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = worker.transfer(n);
                        } catch (Exception e) {
                            ok = false;
                        }
                        if (ok) {
                            if (n < lat.length) {
                                lat[(int) n] = System.nanoTime() - t0;
                            }
                            n++;
                        } else {
                            errors.incrementAndGet();
                            try {
                                worker.recover();
                            } catch (Exception e) {
                                // the next attempt opens what it needs again
                            }
                            Thread.sleep(20); // no tight loop against a server that refuses
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    counts[thread] = n;
                    done.countDown();
                }
            }, "load-" + t);
            w.start();
        }
        done.await();
        double secondsTaken = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpuAfter = cpu.sample();
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) Math.min(Integer.MAX_VALUE - 8, total)];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            int n = (int) Math.min(counts[t], latencies[t].length);
            System.arraycopy(latencies[t], 0, all, k, n);
            k += n;
        }
        Arrays.sort(all, 0, k);
        Properties p = new Properties();
        p.setProperty("threads", Integer.toString(threads));
        p.setProperty("transfers", Long.toString(total));
        p.setProperty("errors", Long.toString(errors.get()));
        p.setProperty("seconds", String.format("%.1f", secondsTaken));
        p.setProperty("tps", String.format("%.0f", total / secondsTaken));
        p.setProperty("p50_ms", String.format("%.2f", LedgerBench.percentile(all, k, 0.50) / 1e6));
        p.setProperty("p99_ms", String.format("%.2f", LedgerBench.percentile(all, k, 0.99) / 1e6));
        ServerCpu.perTransfer(cpuBefore, cpuAfter, total, p);
        return p;
    }

    static String summary(Properties p) {
        return String.format("%s transfers/s, p50 %s ms, p99 %s ms (%s transfers, %s errors), server CPU %s ms per transfer%s",
                p.get("tps"), p.get("p50_ms"), p.get("p99_ms"), p.get("transfers"), p.get("errors"), p.get("cpu_ms_per_transfer"),
                cpuParts(p));
    }

    private static String cpuParts(Properties p) {
        StringBuilder s = new StringBuilder();
        for (String name : List.copyOf(p.stringPropertyNames()).stream().sorted().toList()) {
            if (name.startsWith("cpu.")) {
                s.append(s.isEmpty() ? " (" : ", ").append(name, 4, name.length() - "_ms_per_transfer".length())
                        .append(' ').append(p.getProperty(name));
            }
        }
        if (p.getProperty("client_cpu_ms_per_transfer") != null) {
            s.append(s.isEmpty() ? " (" : "; ").append("load generator ").append(p.getProperty("client_cpu_ms_per_transfer"));
        }
        return s.isEmpty() ? "" : s.append(')').toString();
    }
}

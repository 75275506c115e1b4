package io.apay.ledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * CPU time of the server processes (ledger-server and MariaDB), read from {@code /proc/<pid>/stat} (user + system,
 * all threads), and of this load generator itself. The benchmark divides what a phase cost by the transfers it
 * completed: CPU per transfer is the figure that holds on any machine, where a rate on 2 shared cores does not.
 *
 * <p>The processes come from {@code BENCH_SERVER_PIDS} ({@code "ledger-server:123 mariadb:456"}); clock ticks per
 * second from {@code BENCH_CLK_TCK} (Linux: 100).
 */
final class ServerCpu {

    record Proc(String name, long pid) {
    }

    private final List<Proc> procs;
    private final double msPerTick;

    ServerCpu(List<Proc> procs, int ticksPerSecond) {
        this.procs = List.copyOf(procs);
        this.msPerTick = 1000.0 / ticksPerSecond;
    }

    static ServerCpu fromEnv() {
        List<Proc> procs = new ArrayList<>();
        String spec = System.getenv().getOrDefault("BENCH_SERVER_PIDS", "").trim();
        for (String entry : spec.isEmpty() ? new String[0] : spec.split("\\s+")) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("BENCH_SERVER_PIDS entry is not name:pid: " + entry);
            }
            procs.add(new Proc(entry.substring(0, colon), Long.parseLong(entry.substring(colon + 1))));
        }
        return new ServerCpu(procs, Integer.parseInt(System.getenv().getOrDefault("BENCH_CLK_TCK", "100")));
    }

    /** CPU ms so far of each server process, then of this process under the name "client". */
    Map<String, Double> sample() {
        Map<String, Double> ms = new LinkedHashMap<>();
        for (Proc p : procs) {
            ms.put(p.name(), ticks(Path.of("/proc", Long.toString(p.pid()), "stat")) * msPerTick);
        }
        ms.put("client", ticks(Path.of("/proc/self/stat")) * msPerTick);
        return ms;
    }

    /**
     * Puts into {@code p}: {@code cpu.<name>_ms} per transfer for each process, {@code cpu_ms_per_transfer} (the
     * servers' sum) and {@code client_cpu_ms_per_transfer} (this load generator).
     */
    static void perTransfer(Map<String, Double> before, Map<String, Double> after, long transfers, Properties p) {
        double servers = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double perTransfer = transfers == 0 ? 0 : (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / transfers;
            if ("client".equals(e.getKey())) {
                p.setProperty("client_cpu_ms_per_transfer", String.format("%.3f", perTransfer));
            } else {
                p.setProperty("cpu." + e.getKey() + "_ms_per_transfer", String.format("%.3f", perTransfer));
                servers += perTransfer;
            }
        }
        p.setProperty("cpu_ms_per_transfer", String.format("%.3f", servers));
    }

    /** utime + stime: fields 14 and 15 of the stat line, counted after the command name's closing parenthesis. */
    static long ticks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stat + " (is the process still running?)", e);
        }
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}

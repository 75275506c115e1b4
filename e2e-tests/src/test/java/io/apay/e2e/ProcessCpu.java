package io.apay.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time (user + system) the server processes of a benchmark used, read from {@code /proc/<pid>/stat}: the
 * mesh's service JVMs and the infrastructure they share (MariaDB, Redis, RabbitMQ with its helper processes), found
 * by name in {@code /proc/*}{@code /comm}. The load generator (this JVM) is not one of them. Linux only.
 */
final class ProcessCpu {

    /** comm (the kernel's process name) -> the name a snapshot reports it under. */
    private static final Map<String, String> INFRASTRUCTURE = Map.of(
            "mariadbd", "mariadb", "mysqld", "mariadb",
            "redis-server", "redis",
            "beam.smp", "rabbitmq", "epmd", "rabbitmq", "erl_child_setup", "rabbitmq");

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    /**
     * The CPU used so far by each process, in clock ticks, with the name it is reported under (several processes may
     * share a name: they are summed).
     */
    record Snapshot(Map<Long, String> names, Map<Long, Long> ticks, Map<String, Long> jitTicks, long nanoTime) {

        /**
         * name -> CPU milliseconds used between {@code earlier} and this snapshot. A process that started in between
         * counts from 0; one that ended in between is not counted (its last figures are gone with it).
         */
        Map<String, Long> diff(Snapshot earlier) {
            Map<String, Long> ms = new LinkedHashMap<>();
            names.forEach((pid, name) -> {
                long used = ticks.get(pid) - earlier.ticks.getOrDefault(pid, 0L);
                ms.merge(name, used * 1000 / TICKS_PER_SECOND, Long::sum);
            });
            return ms;
        }

        /**
         * CPU milliseconds the JVMs' JIT compiler threads used between {@code earlier} and this snapshot, all JVMs
         * together: what a JVM spends compiling while it warms up, not the work itself. Counted thread by thread: one
         * that started in between counts from 0, one that ended in between is not counted (HotSpot adds and retires
         * compiler threads as their queue grows and shrinks), so the figure may be low, never more than was used.
         */
        long jitMillis(Snapshot earlier) {
            long used = 0;
            for (Map.Entry<String, Long> thread : jitTicks.entrySet()) {
                used += thread.getValue() - earlier.jitTicks.getOrDefault(thread.getKey(), 0L);
            }
            return used * 1000 / TICKS_PER_SECOND;
        }

        long wallMillis(Snapshot earlier) {
            return (nanoTime - earlier.nanoTime) / 1_000_000;
        }
    }

    /** The mesh's services (service id -> pid, {@link Mesh#pids()}) and the infrastructure found running now. */
    static Snapshot servers(Map<String, Long> services) {
        Map<Long, String> names = new LinkedHashMap<>();
        services.forEach((service, pid) -> names.put(pid, service));
        names.putAll(infrastructure());
        Snapshot all = of(names);
        Map<String, Long> jit = new LinkedHashMap<>();
        services.values().forEach(pid -> jit.putAll(compilerTicks(pid)));
        return new Snapshot(all.names(), all.ticks(), jit, all.nanoTime());
    }

    /**
     * utime + stime of each of a JVM's JIT compiler threads ("pid/tid" -> ticks; HotSpot names them
     * "C1 CompilerThreadN" and "C2 CompilerThreadN", which the kernel cuts to 15 characters); none for a process that
     * is gone.
     */
    static Map<String, Long> compilerTicks(long pid) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String comm = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
                    if (isCompilerThread(comm)) {
                        ticks.put(pid + "/" + task.getFileName(), cpuTicks(Files.readString(task.resolve("stat"), StandardCharsets.UTF_8)));
                    }
                } catch (IOException threadEnded) {
                    // ended while being read
                }
            }
        } catch (IOException gone) {
            return Map.of();
        }
        return ticks;
    }

    static boolean isCompilerThread(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /** These processes (pid -> name); a process that is gone is left out. */
    static Snapshot of(Map<Long, String> processes) {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Long> ticks = new LinkedHashMap<>();
        processes.forEach((pid, name) -> {
            try {
                ticks.put(pid, cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8)));
                names.put(pid, name);
            } catch (IOException gone) {
                // ended since it was listed
            }
        });
        return new Snapshot(names, ticks, Map.of(), System.nanoTime());
    }

    /**
     * utime + stime (fields 14 and 15 of proc(5)) of a {@code /proc/<pid>/stat} line. Field 2, the command name in
     * parentheses, may itself hold spaces and parentheses, so the fields are counted from after the LAST ')'.
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        String[] rest = statLine.substring(close + 1).trim().split("\\s+"); // rest[0] is field 3 (state)
        return Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
    }

    /** pid -> name of the running MariaDB, Redis and RabbitMQ processes. */
    private static Map<Long, String> infrastructure() {
        Map<Long, String> found = new LinkedHashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : proc) {
                String name;
                try {
                    name = INFRASTRUCTURE.get(Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).trim());
                } catch (IOException gone) {
                    continue;
                }
                if (name != null) {
                    found.put(Long.parseLong(dir.getFileName().toString()), name);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /**
     * A table of the CPU each process used over {@code wallMillis}: ms, % of one core, and ms per {@code unit} (an
     * order, {@code units} of them), sorted by use, and the total.
     */
    static String table(Map<String, Long> ms, long wallMillis, long units, String unit) {
        List<Map.Entry<String, Long>> rows = new ArrayList<>(ms.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        String perHeader = "ms per " + unit;
        int perWidth = Math.max(12, perHeader.length());
        String format = "%-18s %10d %9.0f%% %" + perWidth + ".1f%n";
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%-18s %10s %10s %" + perWidth + "s%n", "process", "cpu ms", "of a core", perHeader));
        for (Map.Entry<String, Long> row : rows) {
            t.append(String.format(Locale.ROOT, format, row.getKey(), row.getValue(), 100.0 * row.getValue() / wallMillis, perUnit(row.getValue(), units)));
        }
        long total = total(ms);
        t.append(String.format(Locale.ROOT, format, "total", total, 100.0 * total / wallMillis, perUnit(total, units)));
        return t.toString();
    }

    /** The line under the table: how much of the JVMs' CPU their JIT compilers used, in all and per {@code unit}. */
    static String jitLine(long jitMs, long units, String unit) {
        return String.format(Locale.ROOT, "of which the JVMs' JIT compilers %d ms (%.1f ms per %s): a mesh still warming up"
                + " compiles; one that has run long enough hardly does%n", jitMs, perUnit(jitMs, units), unit);
    }

    static long total(Map<String, Long> ms) {
        return ms.values().stream().mapToLong(Long::longValue).sum();
    }

    static double perUnit(long ms, long units) {
        return units == 0 ? Double.NaN : (double) ms / units;
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}; 100 on every usual Linux). */
    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() == 0) {
                return Long.parseLong(out);
            }
            throw new IllegalStateException("getconf CLK_TCK failed: " + out);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("getconf CLK_TCK failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private ProcessCpu() {
    }
}

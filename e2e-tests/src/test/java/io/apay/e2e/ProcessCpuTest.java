package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ProcessCpu measures what a process used, and reads a stat line whatever its command name holds. No mesh. */
class ProcessCpuTest {

    @Test
    void theCpuAChildBurnsIsMeasuredAndIsNoMoreThanTheWallTime() throws Exception {
        // a shell counting (one thread, all CPU), then waiting on its stdin so its /proc entry stays to be read
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo counted; read x").start();
        try {
            ProcessCpu.Snapshot before = ProcessCpu.of(Map.of(child.pid(), "child"));
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(out.readLine()).isEqualTo("counted");
            ProcessCpu.Snapshot after = ProcessCpu.of(Map.of(child.pid(), "child"));

            long cpuMs = after.diff(before).get("child");
            assertThat(cpuMs).isPositive();
            // one thread cannot use more CPU than time passed (give or take one 10 ms clock tick at each end)
            assertThat(cpuMs).isLessThanOrEqualTo(after.wallMillis(before) + 20);
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void aStatLineIsReadAfterTheLastParenthesisSoTheCommandNameMayHoldSpacesAndParentheses() {
        // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime ...
        String line = "4242 (a b) c) S 1 4242 4242 0 -1 4194560 1200 0 3 0 1234 567 89 10 20 0 37 0 1000 1048576 200";
        assertThat(ProcessCpu.cpuTicks(line)).isEqualTo(1234 + 567);
    }

    @Test
    void theTableListsTheBiggestUserFirstWithItsShareAndItsCostPerOrderAndTheTotal() {
        Map<String, Long> ms = new java.util.LinkedHashMap<>(Map.of("redis", 200L, "otc-svc", 3000L));
        String[] lines = ProcessCpu.table(ms, 10_000, 100, "completed order").split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).startsWith("otc-svc").contains(" 3000 ", " 30% ").endsWith(" 30.0");
        assertThat(lines[2]).startsWith("redis").endsWith(" 2.0");
        assertThat(lines[3]).startsWith("total").contains(" 3200 ", " 32% ").endsWith(" 32.0");
        assertThat(lines).allMatch(line -> line.length() == lines[0].length()); // the columns line up
    }

    @Test
    void aProcessThatIsGoneIsLeftOutAndTheServersIncludeNoLoadGenerator() {
        ProcessCpu.Snapshot s = ProcessCpu.servers(Map.of("gone", Long.MAX_VALUE));
        assertThat(s.names()).doesNotContainKey(Long.MAX_VALUE).doesNotContainKey(ProcessHandle.current().pid());
        assertThat(s.names().values()).allMatch(name -> name.equals("mariadb") || name.equals("redis") || name.equals("rabbitmq"));
    }

    @Test
    void theJitCompilersCpuIsThatOfTheJvmsCompilerThreadsOnlyAndNoMoreThanTheWholeProcesss() throws Exception {
        assertThat(ProcessCpu.isCompilerThread("C2 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompilerThread("C1 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompilerThread("VM Thread")).isFalse();
        assertThat(ProcessCpu.isCompilerThread("http-nio-8080-e")).isFalse();

        long self = ProcessHandle.current().pid();
        java.util.Map<String, Long> threads = ProcessCpu.compilerTicks(self);
        assertThat(threads).isNotEmpty().allSatisfy((thread, ticks) -> assertThat(thread).startsWith(self + "/"));
        long jit = threads.values().stream().mapToLong(Long::longValue).sum();
        long whole = ProcessCpu.cpuTicks(java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(self), "stat")));
        // this JVM has compiled the test framework by now; its compilers are a part of its CPU, never more
        assertThat(jit).isPositive().isLessThanOrEqualTo(whole);
        assertThat(ProcessCpu.compilerTicks(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aCompilerThreadThatStartedCountsFromZeroAndOneThatEndedIsLeftOutSoTheJitFigureIsNeverNegative() {
        ProcessCpu.Snapshot before = new ProcessCpu.Snapshot(Map.of(), Map.of(), Map.of("7/8", 100L, "7/9", 5_000L), 0);
        // 7/8 went on (+30), 7/9 was retired (its 5,000 ticks gone), 7/10 started (20)
        ProcessCpu.Snapshot after = new ProcessCpu.Snapshot(Map.of(), Map.of(), Map.of("7/8", 130L, "7/10", 20L), 0);
        ProcessCpu.Snapshot fifty = new ProcessCpu.Snapshot(Map.of(), Map.of(), Map.of("x", 50L), 0);
        ProcessCpu.Snapshot none = new ProcessCpu.Snapshot(Map.of(), Map.of(), Map.of(), 0);

        assertThat(after.jitMillis(before)).isEqualTo(fifty.jitMillis(none)).isPositive();
    }

    @Test
    void theJitLineGivesTheCompilersTotalAndTheirPartPerUnit() {
        assertThat(ProcessCpu.jitLine(14_330, 1_200, "completed order"))
                .startsWith("of which the JVMs' JIT compilers 14330 ms (11.9 ms per completed order)").endsWith("\n");
    }
}

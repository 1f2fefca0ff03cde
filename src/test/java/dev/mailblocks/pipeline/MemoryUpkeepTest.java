package dev.mailblocks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upkeep of a job's memory runs beside it and ends with it. */
class MemoryUpkeepTest {

    private static final long MB = 1L << 20;

    @Test
    void trimsWhileOpenAndStopsWhenClosed() throws Exception {
        MemoryUpkeep upkeep = MemoryUpkeep.every(Duration.ofMillis(5));
        Thread.sleep(100);
        // this JDK (17.0.9 and later) has the command, and the test JVM's collector an old generation:
        // the upkeep is still running after several rounds
        boolean available = java.util.Arrays.stream(ManagementFactory.getPlatformMBeanServer()
                .getMBeanInfo(new ObjectName("com.sun.management:type=DiagnosticCommand")).getOperations())
                .anyMatch(op -> op.getName().equals("systemTrimNativeHeap"));
        assertTrue(!available || upkeep.running(), "stopped although the JVM can trim");
        upkeep.close();
        for (int i = 0; i < 100 && upkeep.running(); i++) {
            Thread.sleep(10);
        }
        assertFalse(upkeep.running(), "still running after close");
    }

    @Test
    void collectsTheOldGenerationOnlyPastTheSlackAboveWhatTheLastCollectionLeft() {
        // a run's start: nothing collected yet, the floor counts
        assertFalse(MemoryUpkeep.collectOld(100 * MB, 0, 48 * MB, 64 * MB));
        assertFalse(MemoryUpkeep.collectOld(112 * MB, 0, 48 * MB, 64 * MB));
        assertTrue(MemoryUpkeep.collectOld(113 * MB, 0, 48 * MB, 64 * MB));
        // the last full collection left 84 MB alive: the next waits for 132 MB
        assertFalse(MemoryUpkeep.collectOld(130 * MB, 84 * MB, 48 * MB, 64 * MB));
        assertTrue(MemoryUpkeep.collectOld(133 * MB, 84 * MB, 48 * MB, 64 * MB));
    }

    /**
     * A child JVM: 160 MB alive in the old generation, then 40 MB more promoted, then an upkeep every
     * 20 ms for 1 s with a 16 MB slack; prints how many collections it asked for.
     */
    public static void main(String[] args) throws Exception {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            kept.add(new byte[2 << 20]);
        }
        System.gc(); // all of it old: what the last full collection left, unless the JVM ignores the call
        for (int i = 0; i < 20; i++) {
            kept.add(new byte[2 << 20]);
        }
        try (MemoryUpkeep upkeep = MemoryUpkeep.every(Duration.ofMillis(20), 16 * MB, 0)) {
            for (int i = 0; i < 20; i++) {
                // young collections, which promote the 40 MB (the child runs with no tenuring)
                byte[][] junk = new byte[64][];
                for (int j = 0; j < 2000; j++) {
                    junk[j % 64] = new byte[32 << 10];
                }
            }
            Thread.sleep(1000);
            System.out.println("calls=" + upkeep.collections() + " kept=" + kept.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+UseParallelGC", "-XX:+UseParallelGC -XX:+UseAdaptiveSizePolicyWithSystemGC"
            + " -XX:MaxHeapFreeRatio=50", "-XX:+UseSerialGC", "-XX:+UseG1GC",
            "-XX:+UseParallelGC -XX:+DisableExplicitGC", "-XX:+UseG1GC -XX:+ExplicitGCInvokesConcurrent"})
    void anOldGenerationThatGrewIsCollectedOnceNotOverAndOver(String options) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-Xmx768m", "-XX:MaxTenuringThreshold=0"));
        cmd.addAll(List.of(options.split(" ")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryUpkeepTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), options + ": the child did not end");
        assertEquals(0, p.exitValue(), out);
        int calls = Integer.parseInt(out.replaceAll("(?s).*calls=(\\d+).*", "$1"));
        // the 40 MB past the slack start one collection; after it (or after a call that ran none, where the
        // JVM ignores or defers it) the upkeep has no reason to ask again. G1's young collections record the
        // old generation's usage after them too, so the growth never shows there: none is asked for, and G1
        // collects its old generation by itself
        if (options.contains("G1")) {
            assertTrue(calls <= 1, options + ": " + calls + " collections asked for in 1 s");
        } else {
            assertEquals(1, calls, options + ": collections asked for in 1 s");
        }
    }

    @Test
    void findsTheOldGenerationAndWhatCollectsItWhole() {
        MemoryPoolMXBean old = MemoryUpkeep.oldGeneration();
        assertNotNull(old, "no old generation among " + ManagementFactory.getMemoryPoolMXBeans().stream()
                .map(MemoryPoolMXBean::getName).toList());
        List<String> full = MemoryUpkeep.fullCollectors(old).stream().map(GarbageCollectorMXBean::getName).toList();
        assertEquals(1, full.size(), full.toString());
        assertFalse(full.get(0).toLowerCase(java.util.Locale.ROOT).contains("young"), full.toString());
    }
}

package dev.mailblocks.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

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

    @Test
    void anOldGenerationThatGrewIsCollectedOnceNotOverAndOver() throws Exception {
        MemoryPoolMXBean old = MemoryUpkeep.oldGeneration();
        assertNotNull(old, "no old generation found among " + ManagementFactory.getMemoryPoolMXBeans().stream()
                .map(MemoryPoolMXBean::getName).toList());
        // arrays this large go straight to the old generation (G1's humongous regions, the parallel
        // collector's old generation when they do not fit its young one), and stay alive: the
        // collection the upkeep starts leaves them there, so it has no reason for a second one
        List<byte[]> kept = new ArrayList<>();
        try (MemoryUpkeep upkeep = MemoryUpkeep.every(Duration.ofMillis(10), 32 * MB, 0)) {
            for (int i = 0; i < 8; i++) {
                kept.add(new byte[64 << 20]);
            }
            for (int i = 0; i < 500 && upkeep.collections() == 0; i++) {
                Thread.sleep(10);
            }
            int first = upkeep.collections();
            assertTrue(first >= 1, "not collected with " + old.getUsage().getUsed() / MB + " MB in the old generation");
            Thread.sleep(300);
            assertTrue(upkeep.collections() - first <= 2,
                    "collected " + (upkeep.collections() - first) + " more times with nothing new in the old generation");
        }
        assertTrue(kept.size() == 8);
    }
}

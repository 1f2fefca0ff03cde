package dev.mailblocks.pipeline;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps a long job's resident memory where its caps put it, every few seconds while the job runs.
 * <ul>
 * <li><b>The C heap's free memory goes back to the system</b>: the JVM's {@code System.trim_native_heap}
 * (glibc's {@code malloc_trim}), as {@code jcmd} would ask for it. glibc's allocator keeps what was
 * freed (DuckDB's own allocations go through the jemalloc it bundles on Linux, which the wrapper's
 * {@code DUCKDB_JE_MALLOC_CONF} looks after): a 50M-line run stayed at about 1 GB of resident memory
 * with a 256MB DuckDB limit and 512 MB of heap, and about 870 MB with a trim every 2 s (each trim
 * took 1 to 30 ms and gave back up to 117 MB). A JVM or a C library without the command stops the
 * trimming at its first answer.</li>
 * <li><b>The old generation is collected once it holds {@link #OLD_SLACK} more than the last full
 * collection left in it</b>, or than {@link #OLD_FLOOR} if that is more (112 MB before the first).
 * The throughput collector promotes what outlives a few young collections (a message's queue
 * state, the lines of a slow input) and collects the old generation only when it is full: in a
 * 50M-line run it climbed from 79 MB to 185 MB, of which 84 MB was alive, and every page it touched
 * stayed resident to the run's end. A full collection of that old generation took 82 to 209 ms;
 * the 5M-line runs measured needed none. Where {@code System.gc()} runs no full collection
 * (-XX:+DisableExplicitGC, G1's -XX:+ExplicitGCInvokesConcurrent) this duty stops at its first
 * try. Under G1 it never starts one: G1's young collections record the old generation's usage after
 * them too, and G1 collects its old generation by itself.</li>
 * </ul>
 */
final class MemoryUpkeep implements AutoCloseable {

    /** How often a running job looks after its memory. */
    static final Duration INTERVAL = Duration.ofSeconds(2);

    /** Growth of the old generation past what the last full collection left that starts another. */
    static final long OLD_SLACK = 48L << 20;

    /** The old generation is never collected for its growth below this (short runs never are). */
    static final long OLD_FLOOR = 64L << 20;

    private final Thread thread;
    private final long slack;
    private final long floor;
    private final AtomicInteger collections = new AtomicInteger();

    private MemoryUpkeep(Duration interval, long slack, long floor) {
        this.slack = slack;
        this.floor = floor;
        thread = new Thread(() -> keepEvery(interval), "mailblocks-memory");
        thread.setDaemon(true);
        thread.start();
    }

    /** Looks after memory every {@code interval} until closed. */
    static MemoryUpkeep every(Duration interval) {
        return new MemoryUpkeep(interval, OLD_SLACK, OLD_FLOOR);
    }

    /** With another slack and floor for the old generation (tests). */
    static MemoryUpkeep every(Duration interval, long slack, long floor) {
        return new MemoryUpkeep(interval, slack, floor);
    }

    /**
     * Whether an old generation holding {@code used} bytes, of which the last full collection left
     * {@code left} (0 before any), has grown enough to be collected.
     */
    static boolean collectOld(long used, long left, long slack, long floor) {
        return used > Math.max(left, floor) + slack;
    }

    private void keepEvery(Duration interval) {
        try {
            // the first wait comes before the JVM's management beans are made (about 0.2 s of CPU): a job
            // shorter than the interval, the nightly run with nothing new, never makes them
            Thread.sleep(interval.toMillis());
            MemoryPoolMXBean old = oldGeneration();
            List<GarbageCollectorMXBean> full = old == null ? List.of() : fullCollectors(old);
            if (full.isEmpty()) {
                old = null;
            }
            boolean trimming = true;
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName commands = new ObjectName("com.sun.management:type=DiagnosticCommand");
            while (true) {
                if (old != null && !collectIfGrown(old, full)) {
                    old = null;
                }
                if (trimming) {
                    trimming = trim(server, commands);
                }
                if (old == null && !trimming) {
                    return;
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            // closed
        } catch (Exception | LinkageError e) {
            // no management beans here: memory stays as the collector and the allocator keep it
        }
    }

    /**
     * Collects the old generation if it grew past the slack; false once {@code System.gc()} turned
     * out not to run a full collection (-XX:+DisableExplicitGC, G1's -XX:+ExplicitGCInvokesConcurrent):
     * what the last one left would then never change, and the upkeep would ask again every round.
     */
    private boolean collectIfGrown(MemoryPoolMXBean old, List<GarbageCollectorMXBean> full) {
        MemoryUsage now = old.getUsage();
        MemoryUsage after = old.getCollectionUsage();
        if (now == null || !collectOld(now.getUsed(), after == null ? 0 : after.getUsed(), slack, floor)) {
            return true;
        }
        long before = fullCollections(full);
        System.gc();
        collections.incrementAndGet();
        return fullCollections(full) > before;
    }

    /**
     * The collectors that collect the old generation whole (parallel: "PS MarkSweep", serial:
     * "MarkSweepCompact", G1: "G1 Old Generation"), not those of young collections that may also
     * name its pool (G1's "G1 Young Generation").
     */
    static List<GarbageCollectorMXBean> fullCollectors(MemoryPoolMXBean old) {
        List<GarbageCollectorMXBean> full = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName().toLowerCase(Locale.ROOT);
            boolean young = name.contains("young") || name.contains("scavenge") || name.equals("copy")
                    || name.contains("parnew");
            if (!young && Arrays.asList(gc.getMemoryPoolNames()).contains(old.getName())) {
                full.add(gc);
            }
        }
        return full;
    }

    private static long fullCollections(List<GarbageCollectorMXBean> full) {
        long n = 0;
        for (GarbageCollectorMXBean gc : full) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** Trims the C heap; false once the JVM or the C library says it cannot. */
    private static boolean trim(MBeanServer server, ObjectName commands) {
        try {
            Object answer = server.invoke(commands, "systemTrimNativeHeap", new Object[] {null},
                    new String[] {String[].class.getName()});
            String text = String.valueOf(answer).toLowerCase(Locale.ROOT);
            return !text.contains("not available") && !text.contains("not supported");
        } catch (Exception e) {
            // no such command here (an older JVM)
            return false;
        }
    }

    /**
     * The heap's old generation (parallel: "PS Old Gen", serial: "Tenured Gen", G1: "G1 Old Gen"), or
     * null for a collector without one.
     */
    static MemoryPoolMXBean oldGeneration() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName().toLowerCase(Locale.ROOT);
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.isCollectionUsageThresholdSupported()
                    && (name.contains("old") || name.contains("tenured"))) {
                return pool;
            }
        }
        return null;
    }

    /** How many collections the upkeep started for the old generation's growth (tests). */
    int collections() {
        return collections.get();
    }

    /** Whether the upkeep still runs (tests). */
    boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}

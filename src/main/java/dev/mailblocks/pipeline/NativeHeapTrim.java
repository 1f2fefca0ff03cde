package dev.mailblocks.pipeline;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Gives the C heap's free memory back to the system every few seconds while a job runs: the JVM's
 * {@code System.trim_native_heap} (glibc's {@code malloc_trim}), as {@code jcmd} would ask for it.
 * DuckDB allocates much of what it holds outside its buffer pool with the C allocator, which keeps
 * what was freed: a 50M-line run stayed at about 1 GB of resident memory with a 256MB DuckDB limit
 * and 512 MB of heap, and about 870 MB with a trim every 2 s (each trim took 1 to 30 ms and gave
 * back up to 117 MB). A JVM or a C library without the command stops the trimming at its first
 * answer, and nothing else changes.
 */
final class NativeHeapTrim implements AutoCloseable {

    /** How often a running job trims. */
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private final Thread thread;

    private NativeHeapTrim(Duration interval) {
        thread = new Thread(() -> trimEvery(interval), "mailblocks-trim");
        thread.setDaemon(true);
        thread.start();
    }

    /** Trims every {@code interval} until closed. */
    static NativeHeapTrim every(Duration interval) {
        return new NativeHeapTrim(interval);
    }

    private static void trimEvery(Duration interval) {
        try {
            // the first wait comes before the JVM's management beans are made (about 0.2 s of CPU): a job
            // shorter than the interval, the nightly run with nothing new, never makes them
            Thread.sleep(interval.toMillis());
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName commands = new ObjectName("com.sun.management:type=DiagnosticCommand");
            while (true) {
                Object answer = server.invoke(commands, "systemTrimNativeHeap", new Object[] {null},
                        new String[] {String[].class.getName()});
                String text = String.valueOf(answer).toLowerCase(Locale.ROOT);
                if (text.contains("not available") || text.contains("not supported")) {
                    return;
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            // closed
        } catch (Exception | LinkageError e) {
            // no such command here (an older JVM): memory stays as the allocator keeps it
        }
    }

    /** Whether the trimming still runs (tests). */
    boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}

package dev.mailblocks.store;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where a run's time goes, for whoever asks ({@code MAILBLOCKS_TIMINGS=1} or
 * {@code -Dmailblocks.timings=true}): one line per phase and per report query on standard error,
 * milliseconds since the previous mark and since the JVM started, and the process's resident memory
 * (Linux). Silent otherwise.
 */
public final class Timings {

    private static final boolean ON = Boolean.getBoolean("mailblocks.timings")
            || "1".equals(System.getenv("MAILBLOCKS_TIMINGS"));
    private static final PrintStream OUT = System.err;
    private static long last = System.nanoTime();

    private Timings() {
    }

    /** Whether timings are printed. */
    public static boolean on() {
        return ON;
    }

    /** Prints how long it has been since the previous mark, under {@code what}. */
    public static synchronized void mark(String what) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        long sinceStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        OUT.printf(Locale.ROOT, "timing %7.1f ms  (at %6d ms, %s)  %s%n", (now - last) / 1e6, sinceStart, rss(), what);
        last = now;
    }

    /** The process's resident set now, from /proc; "rss ?" elsewhere. */
    private static String rss() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return "rss " + Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 + " MB";
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return "rss ?";
    }
}

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

    /** Marks what DuckDB's memory holds now, by what it is for (its {@code duckdb_memory()}), under {@code what}. */
    static void duckdbMemory(java.sql.Connection conn, String what) {
        if (!ON) {
            return;
        }
        StringBuilder b = new StringBuilder();
        try (java.sql.Statement st = conn.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT tag,"
                + " memory_usage_bytes // 1048576, temporary_storage_bytes // 1048576 FROM duckdb_memory()"
                + " WHERE memory_usage_bytes + temporary_storage_bytes >= 1048576 ORDER BY 2 DESC")) {
            while (rs.next()) {
                b.append(b.length() == 0 ? "" : ", ").append(rs.getString(1).toLowerCase(Locale.ROOT)).append(' ')
                        .append(rs.getLong(2)).append(" MB").append(rs.getLong(3) > 0 ? " (+" + rs.getLong(3) + " MB on disk)" : "");
            }
        } catch (java.sql.SQLException e) {
            b.append("? (").append(e.getMessage()).append(')');
        }
        mark(what + ": DuckDB holds " + (b.length() == 0 ? "nothing" : b));
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

package dev.mailblocks.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * DuckDB's own resources, set rather than left to its defaults (80% of the machine's memory, every
 * core): a memory limit beside the JVM's heap, its threads, and a spill folder beside the store.
 * Each can be set with a system property ({@code -Dmailblocks.duckdb.memory=512MB} in
 * {@code MAILBLOCKS_JAVA_OPTS}) or an environment variable ({@code MAILBLOCKS_DUCKDB_MEMORY}).
 *
 * @param memoryLimit DuckDB's {@code memory_limit} ({@code 256MB}); beyond it, large sorts and joins spill
 * @param threads DuckDB's {@code threads}
 * @param tempDirectory where DuckDB spills
 */
public record StoreSettings(String memoryLimit, int threads, Path tempDirectory) {

    /** DuckDB's memory when nothing says otherwise: with a 512 MB heap the whole process stays well under 1 GiB. */
    public static final String DEFAULT_MEMORY = "256MB";

    /** A size as DuckDB reads one: a number, spaces or none, a unit. */
    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|KiB|MiB|GiB)");

    /** The settings named by system properties or environment variables, else the defaults. */
    public static StoreSettings fromEnvironment(Path store) {
        String memory = setting("memory", DEFAULT_MEMORY);
        if (!SIZE.matcher(memory).matches()) {
            throw notASize(memory);
        }
        String threadsText = setting("threads", Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
        int threads;
        try {
            threads = Integer.parseInt(threadsText.trim());
        } catch (NumberFormatException e) {
            threads = 0;
        }
        if (threads < 1) {
            throw new StoreException("mailblocks.duckdb.threads " + threadsText + ": not a number of threads (1 or more)", null);
        }
        Path absolute = store.toAbsolutePath();
        String temp = setting("temp", absolute + ".tmp");
        return new StoreSettings(memory.replaceAll("\\s", ""), threads, Path.of(temp));
    }

    private static String setting(String name, String fallback) {
        String p = System.getProperty("mailblocks.duckdb." + name);
        if (p != null && !p.isBlank()) {
            return p.trim();
        }
        String e = System.getenv("MAILBLOCKS_DUCKDB_" + name.toUpperCase(Locale.ROOT));
        return e != null && !e.isBlank() ? e.trim() : fallback;
    }

    /** {@link #memoryLimit} in bytes, as DuckDB reads it (KB, MB, GB are powers of 1,000; KiB, MiB, GiB of 1,024). */
    long memoryBytes() {
        java.util.regex.Matcher m = SIZE.matcher(memoryLimit);
        if (!m.matches()) {
            throw notASize(memoryLimit);
        }
        double unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "b" -> 1;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "kib" -> 1024;
            case "mib" -> 1024 * 1024;
            default -> 1024.0 * 1024 * 1024;
        };
        return (long) (Double.parseDouble(m.group(1)) * unit);
    }

    private static StoreException notASize(String memory) {
        return new StoreException("mailblocks.duckdb.memory " + memory + ": not a size such as 256MB or 1GB", null);
    }

    /** The connection properties DuckDB reads. */
    Properties properties() {
        Properties p = new Properties();
        p.setProperty("memory_limit", memoryLimit);
        p.setProperty("threads", Integer.toString(threads));
        p.setProperty("temp_directory", tempDirectory.toString());
        // results are handed to the driver whole; a reading connection can have them a chunk at a time
        // instead (StoreReader), an option DuckDB knows only when the store was opened with it
        p.setProperty("jdbc_stream_results", "false");
        // preserve_insertion_order stays on: without it, rows appended in one transaction are held in
        // memory until the commit instead of being written to the file, and a large input fails
        return p;
    }
}

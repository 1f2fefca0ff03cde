package dev.mailblocks.pipeline;

import dev.mailblocks.check.CheckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One run, validated before anything is opened: what to ingest (or null), what to report (or
 * null), the alerts, retention and how long to wait for the store. The command line builds it
 * (from its options and {@code --config}); {@link Conductor} runs it.
 *
 * @param patterns a site catalogue folder on top of the bundled one, or null
 * @param lockWait how long to wait for another run that holds the store
 * @param keep events older than this (counted back from now) are pruned; null keeps everything
 * @param checks the sending-side DNS checks to make before the reports; null for none ({@code --no-dns})
 */
public record RunConfig(Path db, Path patterns, Duration lockWait, IngestConfig ingest, ReportConfig report,
        AlertConfig alerts, Duration keep, CheckConfig checks) {

    /** A run without DNS checks. */
    public RunConfig(Path db, Path patterns, Duration lockWait, IngestConfig ingest, ReportConfig report,
            AlertConfig alerts, Duration keep) {
        this(db, patterns, lockWait, ingest, report, alerts, keep, null);
    }

    public RunConfig {
        Objects.requireNonNull(db, "db");
        lockWait = lockWait == null ? Duration.ZERO : lockWait;
        alerts = alerts == null ? AlertConfig.NONE : alerts;
        if (lockWait.isNegative()) {
            throw new UsageException("--wait: a duration such as 10m");
        }
        if (keep != null && (keep.isNegative() || keep.isZero())) {
            throw new UsageException("--keep: a duration of at least one day, such as 400d");
        }
        requirePatternsFolder(patterns);
    }

    /** A site catalogue named with {@code --patterns} must be a folder: bad usage (exit 2), said before anything is read. */
    public static void requirePatternsFolder(Path patterns) {
        if (patterns != null && !Files.isDirectory(patterns)) {
            throw new UsageException("--patterns " + patterns + ": no such folder");
        }
    }
}

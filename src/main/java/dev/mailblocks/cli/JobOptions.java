package dev.mailblocks.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the commands that open the store for a job: run, ingest, report. */
final class JobOptions {

    @Option(names = "--config", paramLabel = "FILE.yaml",
            description = "read options from a YAML file (keys are the option names, plus inputs:);"
                    + " options on the command line override it")
    Path config;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "wait up to DURATION (30s, 10m) for a running job that holds the store, instead of failing")
    Duration lockWait;

    @Option(names = "--keep", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "delete stored events older than DURATION (400d) back from now; reports say what they cover")
    Duration keep;

    @Option(names = {"-q", "--quiet"}, negatable = true,
            description = "print only errors and alerts (no per-input lines, summaries or progress)")
    boolean quiet;
}

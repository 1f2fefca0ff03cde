package dev.mailblocks.cli;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.pipeline.Conductor;
import dev.mailblocks.pipeline.IngestConfig;
import dev.mailblocks.pipeline.ReportConfig;
import dev.mailblocks.pipeline.RunConfig;
import dev.mailblocks.pipeline.RunResult;
import dev.mailblocks.pipeline.UsageException;
import dev.mailblocks.store.EventStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Turns the options of {@code run}, {@code ingest} and {@code report} into one {@link RunConfig}
 * (validated before anything is opened), hands it to the {@link Conductor} and prints the
 * result it gets back.
 */
final class Jobs {

    private Jobs() {
    }

    static IngestConfig ingestConfig(List<String> paths, CommonOptions common, InputOptions input) {
        return new IngestConfig(paths, common.db, common.patterns, input.inputFormat,
                input.zone == null ? ZoneId.systemDefault() : input.zone, input.year, input.espProfiles,
                input.stdinName);
    }

    static ReportConfig reportConfig(ReportOptions r, String domain, String provider, String category) {
        Set<String> formats = new LinkedHashSet<>();
        for (String f : r.formats) {
            formats.add(f.trim().toLowerCase(Locale.ROOT));
        }
        return new ReportConfig(r.out, formats, r.since, r.until, domain, provider, category, r.redact);
    }

    /** Stops with a usage error when there is no store to read yet. */
    static void requireStore(Path db) {
        if (!Files.exists(db)) {
            throw new UsageException(db + ": no store yet; run 'mailblocks ingest' or 'mailblocks run' first");
        }
    }

    /** Opens a store that must exist already (the commands that only read it). */
    static EventStore existingStore(Path db) {
        requireStore(db);
        return EventStore.open(db);
    }

    static Catalogue catalogue(Path site) {
        RunConfig.requirePatternsFolder(site);
        return CatalogueLoader.load(site);
    }

    /** The paths of the command line, else the config file's {@code inputs:}. */
    static List<String> paths(List<String> args, CommandSpec spec) {
        if (args != null && !args.isEmpty()) {
            return args;
        }
        if (spec.defaultValueProvider() instanceof ConfigFile config) {
            return config.inputs();
        }
        return List.of();
    }

    /** Runs the job and prints what it did; returns the exit code. */
    static int run(RunConfig config, JobOptions job, Clock clock, PrintWriter out, PrintWriter err) {
        ResultPrinter printer = new ResultPrinter(out, err, job.quiet, config);
        RunResult result = new Conductor(clock, System.in).run(config, printer.listener());
        return printer.print(result);
    }
}

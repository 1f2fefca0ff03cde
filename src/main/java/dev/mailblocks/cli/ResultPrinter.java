package dev.mailblocks.cli;

import dev.mailblocks.pipeline.InputOutcome;
import dev.mailblocks.pipeline.RunConfig;
import dev.mailblocks.check.SendingChecks;
import dev.mailblocks.pipeline.RunListener;
import dev.mailblocks.pipeline.RunResult;
import dev.mailblocks.pipeline.ShortDuration;
import dev.mailblocks.source.Input;
import dev.mailblocks.source.InputResolver;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.InputCounts;
import java.io.PrintWriter;

/**
 * Prints a run for people and cron: a line per input as it is done, then the summary, errors
 * and alerts on stderr. {@code --quiet} keeps only errors and alerts; a progress bar is drawn
 * only on a terminal.
 */
final class ResultPrinter {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final RunConfig config;
    private final Progress progress;

    ResultPrinter(PrintWriter out, PrintWriter err, boolean quiet, RunConfig config) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.config = config;
        this.progress = quiet || config.ingest() == null ? Progress.NONE : Progress.onTerminal();
    }

    /** The listener that prints each input as the conductor finishes it. */
    RunListener listener() {
        return new RunListener() {
            @Override
            public void inputSkipped(InputResolver.Skipped s) {
                err.println("mailblocks: " + s.message());
                err.flush();
            }

            @Override
            public void inputsResolved(int inputs, long bytes) {
                progress.start(inputs, bytes);
            }

            @Override
            public void inputStarted(Input input) {
                progress.input(input.name());
            }

            @Override
            public void bytesRead(long bytes) {
                progress.advance(bytes);
            }

            @Override
            public void linesRead(long lines) {
                progress.lines(lines);
            }

            @Override
            public void inputDone(InputOutcome o) {
                progress.pause();
                printInput(o);
            }

            @Override
            public void checksDone(SendingChecks.Summary s) {
                if (!quiet) {
                    CheckSummary.print(s, out);
                    out.flush();
                }
            }
        };
    }

    private void printInput(InputOutcome o) {
        InputCounts c = o.counts();
        switch (o.status()) {
            case "failed" -> err.println("mailblocks: " + o.error());
            case "unchanged" -> {
                if (!quiet) {
                    out.printf("%s: already read (%d lines), skipped%n", o.name(), c.skippedLines());
                }
            }
            default -> {
                if (!quiet) {
                    out.printf("%s: %s, %d lines%s: %d events from %d lines, %d ignored, %d malformed%s%n", o.name(),
                            o.format(), c.lines(), o.status().equals("resumed") ? " after line " + c.skippedLines() : "",
                            c.events(), c.eventLines(), c.ignored(), c.malformed(), o.storedBefore() == 0 ? ""
                                    : " (" + o.storedBefore() + " rows left out: stored before from another export)");
                }
                if (o.firstMalformed() != null && !quiet) {
                    err.println("mailblocks: warning: " + c.malformed() + " malformed line(s), first " + o.firstMalformed());
                }
                if (o.error() != null) {
                    err.println("mailblocks: " + o.error());
                }
            }
        }
        out.flush();
        err.flush();
    }

    /** Prints the summary, errors and alerts; returns the exit code. */
    int print(RunResult r) {
        progress.finish();
        if (!quiet) {
            if (r.upgradedFrom() > 0) {
                out.printf("the store %s was upgraded from schema version %d to %d%n", config.db(), r.upgradedFrom(),
                        EventStore.SCHEMA_VERSION);
            }
            if (r.reclassified() > 0) {
                out.printf("the catalogue changed: %d stored refusal templates classified again%n", r.reclassified());
            }
            if (config.ingest() != null) {
                long lines = r.inputs().stream().mapToLong(o -> o.counts().lines()).sum();
                long events = r.inputs().stream().mapToLong(o -> o.counts().events()).sum();
                out.printf("ingested %d inputs: %d lines, %d events into %s%n", r.inputs().size(), lines, events,
                        config.db());
            }
            if (config.keep() != null) {
                out.printf("retention: %d events older than %s deleted%n", r.pruned(), ShortDuration.words(config.keep()));
            }
            if (r.report() != null) {
                RunResult.Report rep = r.report();
                out.printf(rep.upToDate() ? "reports in %s are up to date: nothing they read changed (%s)%n"
                        : "reports written to %s (%s)%n", rep.out(), rep.first() == null ? "no events"
                        : "events from " + rep.first() + " to " + rep.last()
                                + (rep.prunedBefore() == null ? "" : "; older ones deleted before " + rep.prunedBefore()));
            }
        }
        out.flush();
        if (r.failures() > 0) {
            err.printf("mailblocks: %d of %d inputs skipped or not read whole; the others were read%s%n", r.failures(),
                    r.named(), r.report() == null ? "" : " and reported");
        }
        for (String a : r.alerts()) {
            err.println("mailblocks: alert: " + a);
        }
        err.flush();
        if (r.failures() > 0) {
            return ExitCodes.USAGE;
        }
        return r.alerts().isEmpty() ? ExitCodes.OK : ExitCodes.ALERT;
    }
}

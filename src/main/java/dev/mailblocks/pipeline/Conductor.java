package dev.mailblocks.pipeline;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.CatalogueEntry;
import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.parse.Formats;
import dev.mailblocks.source.Input;
import dev.mailblocks.source.InputResolver;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportRows;
import dev.mailblocks.store.Timings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Runs the job of one {@link RunConfig}: everything that can be checked is checked before an
 * input or the store is opened; then resolve inputs, open the store (waiting for it if asked),
 * reclassify, ingest, prune, write reports, check alerts, remember the run. Each input fails on
 * its own; the run goes on and the result says what was skipped.
 */
public final class Conductor {

    private final Clock clock;
    private final InputStream stdin;

    public Conductor(Clock clock, InputStream stdin) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /** Runs the job; throws only for what stops a whole run (usage, catalogue, store), never for one input. */
    public RunResult run(RunConfig config, RunListener listener) {
        Instant started = clock.instant();
        Timings.mark("start");
        Catalogue catalogue = CatalogueLoader.load(config.patterns());
        Timings.mark("catalogue loaded and checked");
        if (config.report() != null) {
            checkFilters(config.report(), catalogue);
        }
        Formats formats = config.ingest() == null ? null : Ingestion.formats(config.ingest());
        InputResolver.Resolution resolution = config.ingest() == null
                ? new InputResolver.Resolution(List.of(), List.of())
                : InputResolver.resolveEach(config.ingest().paths());
        Path spooled = null;
        try (MemoryUpkeep upkeep = MemoryUpkeep.every(MemoryUpkeep.INTERVAL);
                EventStore store = EventStore.open(config.db(), config.lockWait())) {
            Timings.mark("store opened");
            List<Input> inputs = resolution.inputs();
            if (config.ingest() != null && config.ingest().stdinName() != null) {
                spooled = spool(config);
                inputs = withStdinAs(inputs, config.ingest().stdinName(), spooled);
            }
            Classifier classifier = new Classifier(catalogue);
            int reclassified = CatalogueUpdate.apply(store, classifier);
            Timings.mark("reclassification checked");
            List<InputOutcome> outcomes = new ArrayList<>();
            if (config.ingest() != null) {
                resolution.skipped().forEach(listener::inputSkipped);
                listener.inputsResolved(inputs.size(), bytes(inputs));
                Ingestion ingestion = new Ingestion(config.ingest(), formats, classifier, store);
                ingestion.onBytesRead(listener::bytesRead);
                ingestion.onLinesRead(listener::linesRead);
                for (Input input : inputs) {
                    listener.inputStarted(input);
                    InputOutcome o = ingestion.ingest(input);
                    outcomes.add(o);
                    listener.inputDone(o);
                    Timings.mark("input " + input.name());
                }
                if (outcomes.stream().anyMatch(o -> o.counts().events() > 0)) {
                    // what the reading held (its garbage, the partner keys) goes before the run's end, where
                    // DuckDB needs the most beside the heap (a 50M-line run: the peak, 742 MB, came there)
                    store.readingDone();
                    System.gc();
                    Timings.mark("heap collected before the run's end");
                    store.foldDelivered(); // delivered results no report needs one by one become hourly counts
                    Timings.mark("delivered results folded");
                }
            }
            long pruned = config.keep() == null ? 0 : store.prune(clock.instant().minus(config.keep()));
            List<String> alerts = new ArrayList<>();
            List<String> newBlocks = List.of();
            if (config.ingest() != null || pruned > 0) {
                newBlocks = store.updateBlockingDomains();
                if (config.alerts().newBlocks()) {
                    for (String d : newBlocks) {
                        alerts.add("new blocking domain: " + d);
                    }
                }
            }
            Timings.mark("pruned, blocking domains updated");
            if (config.checks() != null) {
                CheckJob.run(store, config.checks(), config.report(), clock.instant(), listener);
            }
            Timings.mark("checks");
            RunResult.Report report = null;
            if (config.report() != null) {
                // a run that changed nothing a report reads leaves the reports as they are
                ReportStamp stamp = config.ingest() == null ? null
                        : new ReportStamp(store, catalogue.fingerprint(), config.report(), config.alerts());
                Optional<ReportStamp.Written> same = stamp == null ? Optional.empty()
                        : stamp.upToDate(store, config.report().out());
                if (same.isPresent()) {
                    ReportStamp.Written w = same.get();
                    report = new RunResult.Report(config.report().out(), w.first(), w.last(), w.prunedBefore(), true);
                    alerts.addAll(0, w.alerts());
                    Timings.mark("reports up to date");
                } else {
                    if (config.ingest() != null) {
                        // the collector grew the heap while reading (it sizes it by the rate of allocation),
                        // and the reports need little of it while DuckDB works beside it: a full collection
                        // here leaves what lives, and gives the rest back where the collector shrinks after
                        // one (the wrapper's options for run and ingest; a 50M-line run: 84 MB alive of 185)
                        System.gc();
                        Timings.mark("heap collected");
                        store.checkpoint();
                    }
                    ReportJob.Written w = ReportJob.writeReports(store, catalogue, config.report(), clock.instant());
                    report = new RunResult.Report(config.report().out(), w.first(), w.last(), w.prunedBefore(), false);
                    List<String> rateAlerts = blockRateAlerts(w, config.alerts());
                    alerts.addAll(0, rateAlerts);
                    Timings.mark("reports written");
                    if (stamp != null) {
                        // the stamp of the store as the reports read it (writing them may add the redaction key)
                        new ReportStamp(store, catalogue.fingerprint(), config.report(), config.alerts()).record(store,
                                config.report().out(), new ReportStamp.Written(w.first(), w.last(), w.prunedBefore(),
                                        rateAlerts));
                    }
                }
            }
            long events = outcomes.stream().mapToLong(o -> o.counts().events()).sum();
            store.recordRun(started, clock.instant(), outcomes.size(), events, pruned);
            return new RunResult(resolution.skipped(), outcomes, store.upgradedFrom(), reclassified, pruned, report,
                    alerts, newBlocks);
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException ignored) {
                    // a temporary file in the store's folder, removed by the next run at the latest
                }
            }
        }
    }

    private static List<String> blockRateAlerts(ReportJob.Written w, AlertConfig alerts) {
        List<String> out = new ArrayList<>();
        if (alerts.blockRate() == null) {
            return out;
        }
        for (ReportRows.BlockingDomain d : w.tables().blockingDomains()) {
            long results = d.recipients();
            if (results >= alerts.minResults() && d.blockRate() >= alerts.blockRate()) {
                out.add(String.format(Locale.ROOT, "%s blocks %.1f%% of our mail (%d of %d, %s, %s)", d.domain(),
                        100 * d.blockRate(), d.blocked(), results, d.topCategory(), d.topPattern()));
            }
        }
        return out;
    }

    /** {@code --provider} must name a provider the catalogue knows; the message lists them. */
    private static void checkFilters(ReportConfig report, Catalogue catalogue) {
        if (report.provider() == null) {
            return;
        }
        String p = report.provider().toLowerCase(Locale.ROOT);
        TreeSet<String> known = new TreeSet<>();
        for (CatalogueEntry e : catalogue.entries()) {
            if (e.provider() != null) {
                known.add(e.provider());
            }
        }
        if (!known.contains(p) && catalogue.providers().byId(p).isEmpty()) {
            throw new UsageException("--provider " + report.provider() + ": not a provider (known: "
                    + String.join(", ", known) + ")");
        }
    }

    private static long bytes(List<Input> inputs) {
        long total = 0;
        for (Input i : inputs) {
            if (!i.isStdin()) {
                try {
                    total += Files.size(i.path());
                } catch (IOException e) {
                    // unreadable: it fails on its own when opened
                }
            }
        }
        return total;
    }

    /**
     * Standard input, copied whole to a temporary file beside the store so that it can be
     * remembered by content like a file ({@code --stdin-name}).
     */
    private Path spool(RunConfig config) {
        try {
            Path dir = config.db().toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".stdin-", ".tmp");
            Files.copy(stdin, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("standard input: cannot keep a copy beside the store: " + e.getMessage(), e);
        }
    }

    private static List<Input> withStdinAs(List<Input> inputs, String name, Path file) {
        List<Input> out = new ArrayList<>();
        for (Input i : inputs) {
            out.add(i.isStdin() ? new Input(name, file) : i);
        }
        return out;
    }
}

package dev.mailblocks.cli;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.pipeline.CatalogueUpdate;
import dev.mailblocks.pipeline.IngestConfig;
import dev.mailblocks.pipeline.Ingestion;
import dev.mailblocks.pipeline.InputOutcome;
import dev.mailblocks.pipeline.ReportConfig;
import dev.mailblocks.pipeline.ReportJob;
import dev.mailblocks.pipeline.UsageException;
import dev.mailblocks.report.ReportTables;
import dev.mailblocks.source.Input;
import dev.mailblocks.source.InputResolver;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.InputCounts;
import dev.mailblocks.store.ReportRows;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The work behind {@code run}, {@code ingest} and {@code report}, shared by those commands. */
final class Jobs {

    private Jobs() {
    }

    static IngestConfig ingestConfig(List<String> paths, CommonOptions common, InputOptions input) {
        return new IngestConfig(paths, common.db, common.patterns, input.inputFormat,
                input.zone == null ? ZoneId.systemDefault() : input.zone, input.year, input.espProfiles);
    }

    static ReportConfig reportConfig(ReportOptions r, String domain, String provider, String category) {
        Set<String> formats = new LinkedHashSet<>();
        for (String f : r.formats) {
            String id = f.trim().toLowerCase(Locale.ROOT);
            if (!id.equals("html") && !id.equals("csv") && !id.equals("json")) {
                throw new UsageException("--format " + f + ": known formats are html, csv and json");
            }
            formats.add(id);
        }
        return new ReportConfig(r.out, formats, r.since, r.until, domain, provider, category, r.redact);
    }

    static Catalogue catalogue(Path site) {
        return CatalogueLoader.load(site);
    }

    /** Ingests every input; returns whether all of them could be read. */
    static boolean ingest(IngestConfig config, Catalogue catalogue, EventStore store, PrintWriter out, PrintWriter err) {
        List<Input> inputs = InputResolver.resolve(config.paths());
        Classifier classifier = new Classifier(catalogue);
        reclassify(store, classifier, out);
        Ingestion ingestion = new Ingestion(config, classifier, store);
        boolean ok = true;
        long lines = 0;
        long events = 0;
        for (Input input : inputs) {
            InputOutcome o = ingestion.ingest(input);
            InputCounts c = o.counts();
            lines += c.lines();
            events += c.events();
            switch (o.status()) {
                case "failed" -> {
                    ok = false;
                    err.println("mailblocks: " + o.error());
                }
                case "unchanged" -> out.printf("%s: already read (%d lines), skipped%n", o.name(), c.skippedLines());
                default -> {
                    out.printf("%s: %s, %d lines%s: %d events from %d lines, %d ignored, %d malformed%n", o.name(),
                            o.format(), c.lines(), o.status().equals("resumed")
                                    ? " after line " + c.skippedLines() : "",
                            c.events(), c.eventLines(), c.ignored(), c.malformed());
                    if (o.firstMalformed() != null) {
                        err.println("mailblocks: warning: " + c.malformed() + " malformed line(s), first "
                                + o.firstMalformed());
                    }
                    if (o.error() != null) {
                        ok = false;
                        err.println("mailblocks: " + o.error());
                    }
                }
            }
        }
        out.printf("ingested %d inputs: %d lines, %d events into %s%n", inputs.size(), lines, events, config.db());
        out.flush();
        err.flush();
        return ok;
    }

    /** Classifies the stored refusals again when the catalogue changed since they were stored. */
    static void reclassify(EventStore store, Classifier classifier, PrintWriter out) {
        int contexts = CatalogueUpdate.apply(store, classifier);
        if (contexts > 0) {
            out.printf("the catalogue changed: %d stored refusal templates classified again%n", contexts);
        }
    }

    /** Writes the reports; returns {@link ExitCodes#ALERT} when a domain crossed the alert threshold. */
    static int report(ReportConfig config, ReportOptions options, Catalogue catalogue, EventStore store, Instant now,
            PrintWriter out, PrintWriter err) {
        if (options.alertBlockRate != null && (options.alertBlockRate < 0 || options.alertBlockRate > 1)) {
            throw new UsageException("--alert-block-rate " + options.alertBlockRate + ": a rate between 0 and 1");
        }
        reclassify(store, new Classifier(catalogue), out);
        ReportTables tables = ReportJob.write(store, catalogue, config, now);
        out.printf("reports written to %s%n", config.out());
        out.flush();
        if (options.alertBlockRate == null) {
            return ExitCodes.OK;
        }
        int alerts = 0;
        for (ReportRows.BlockingDomain d : tables.blockingDomains()) {
            long results = d.delivered() + d.deferred() + d.bounced() + d.expired();
            if (results >= options.alertMinResults && d.blockRate() >= options.alertBlockRate) {
                err.printf(Locale.ROOT, "mailblocks: alert: %s blocks %.1f%% of our mail (%d of %d, %s, %s)%n",
                        d.domain(), 100 * d.blockRate(), d.blocked(), results, d.topCategory(), d.topPattern());
                alerts++;
            }
        }
        err.flush();
        return alerts > 0 ? ExitCodes.ALERT : ExitCodes.OK;
    }
}

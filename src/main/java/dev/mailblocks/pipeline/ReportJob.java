package dev.mailblocks.pipeline;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.report.CsvReportWriter;
import dev.mailblocks.report.HtmlReportWriter;
import dev.mailblocks.report.JsonReportWriter;
import dev.mailblocks.report.Redactor;
import dev.mailblocks.report.ReportTables;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportCache;
import dev.mailblocks.store.StoreException;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.Timings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Writes the reports of a store into the output folder. */
public final class ReportJob {

    private ReportJob() {
    }

    /** What was written: the tables (for the alert check) and the period the reports cover. */
    public record Written(ReportTables tables, Instant first, Instant last, Instant prunedBefore) {
    }

    /**
     * Events rows beyond which the report files are written one after the other from the start: three
     * queries at once over such a store need more than DuckDB's 256MB (a 5M-line Exim log keeps 812,000).
     */
    static final long LARGE_STORE = 600_000;

    /**
     * Writes every requested report; says what they cover. The files are written two at a time beside
     * the queries, or one after the other for a store of more than {@link #LARGE_STORE} rows; when side
     * by side runs out of DuckDB's memory all the same, they are all written again one after the other.
     */
    public static Written writeReports(EventStore store, Catalogue catalogue, ReportConfig config, Instant now) {
        boolean large = store.eventRows() > LARGE_STORE;
        try {
            return writeReports(store, catalogue, config, now, large);
        } catch (StoreException e) {
            if (large || !e.outOfMemory()) {
                throw e;
            }
            Timings.mark("reports out of memory side by side; written one at a time");
            return writeReports(store, catalogue, config, now, true);
        }
    }

    private static Written writeReports(EventStore store, Catalogue catalogue, ReportConfig config, Instant now,
            boolean oneAtATime) {
        // the dashboard's domain sections and the briefs ask the same questions: answered once, for all of them
        ReportCache cache = new ReportCache();
        ReportQueries q = store.queries().sharing(cache);
        Optional<Instant> newest = q.newestEvent();
        Instant since = bound(config.since(), newest, "--since");
        Instant until = bound(config.until(), newest, "--until");
        if (since != null && until == null && newest.isPresent()) {
            // a window with a start ends after the newest event, so that it has a length to compare with
            until = newest.get().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        ReportFilter filter = new ReportFilter(since, until, lower(config.domain()), lower(config.provider()),
                lower(config.category()));
        boolean html = config.formats().contains("html");
        // the briefs beside the dashboard are always redacted: the store's key is made before the writers start
        byte[] key = config.redact() || html ? redactionKey(store) : new byte[0];
        Redactor redactor = new Redactor(config.redact(), key);
        CatalogueAdvice advice = new CatalogueAdvice(catalogue);
        // the files are independent: written two at a time, each writer but the dashboard on a connection of its own;
        // the briefs of the top blocking domains start as soon as those domains are known, beside the other tables
        try (ReportWriters writers = new ReportWriters(store, cache, oneAtATime)) {
            if (config.formats().contains("csv")) {
                // the longest writer, and it needs only the filter: it starts first, beside the queries
                writers.submit("events.csv", r -> CsvReportWriter.writeEvents(r, filter,
                        new Redactor(config.redact(), key), config.out()));
            }
            ReportTables tables = ReportTables.query(q, filter, advice, top -> {
                if (html) {
                    var shown = top.subList(0, Math.min(HtmlReportWriter.TOP_DOMAINS, top.size()));
                    cache.expect(shown.stream().map(d -> d.domain()).toList());
                    for (var d : shown) {
                        writers.submit("brief of " + d.domain(), r -> EscalationJob.write(r, catalogue,
                                new EscalationConfig(config.out(), d.domain(), filter.since(), filter.until(), true),
                                new Redactor(true, key), now));
                    }
                }
            });
            Timings.mark("report tables queried");
            Instant[] period = q.period(new ReportFilter(since, until, null, null, null));
            String pruned = store.meta("pruned_before");
            Instant prunedBefore = pruned == null ? null : Instant.parse(pruned);
            if (config.formats().contains("csv")) {
                writers.submitWithoutStore("csv", () -> new CsvReportWriter(tables, new Redactor(config.redact(), key))
                        .writeTables(config.out()));
            }
            if (config.formats().contains("json")) {
                writers.submit("report.json", r -> new JsonReportWriter(r, tables,
                        new Redactor(config.redact(), key), now).write(config.out().resolve("report.json")));
            }
            if (html) {
                String stored = (period[0] == null ? "no events" : "events from " + seconds(period[0]) + " to "
                        + seconds(period[1])) + (prunedBefore == null ? ""
                                : "; events before " + prunedBefore + " were deleted (--keep)");
                writers.submitOnStore("report.html", () -> new HtmlReportWriter(q, tables, advice, redactor, now,
                        stored).write(config.out().resolve("report.html")));
            }
            writers.awaitAll();
            return new Written(tables, period[0], period[1], prunedBefore);
        }
    }

    /** A redactor keyed with the store's own secret, so an address gets the same token in every report. */
    static Redactor redactor(EventStore store, boolean redact) {
        return redact ? new Redactor(true, redactionKey(store)) : new Redactor(false);
    }

    /** The store's own secret for redaction tokens, made once. */
    private static byte[] redactionKey(EventStore store) {
        String key = store.meta("redaction_key");
        if (key == null) {
            byte[] k = new byte[32];
            new java.security.SecureRandom().nextBytes(k);
            key = java.util.HexFormat.of().formatHex(k);
            store.setMeta("redaction_key", key);
        }
        return java.util.HexFormat.of().parseHex(key);
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code 2026-12-30}, {@code 2026-12-30T10:00:00Z} or a {@link ShortDuration} ({@code 12h},
     * {@code 7d}, {@code 2w}) counted back from the newest stored event.
     */
    static Instant bound(String text, Optional<Instant> newest, String option) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        Optional<Duration> back = ShortDuration.parse(t);
        if (back.isPresent()) {
            return newest.map(x -> x.minus(back.get())).orElse(null);
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not a plain date
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // not a date-time with offset
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " " + text
                    + ": not a date (2026-12-30), a date-time (2026-12-30T10:00:00Z) or a duration (7d, 12h)");
        }
    }
}

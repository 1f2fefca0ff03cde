package dev.mailblocks.pipeline;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.report.CsvReportWriter;
import dev.mailblocks.report.HtmlReportWriter;
import dev.mailblocks.report.JsonReportWriter;
import dev.mailblocks.report.Redactor;
import dev.mailblocks.report.ReportTables;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.StoreReader;
import dev.mailblocks.store.Timings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Writes the reports of a store into the output folder. */
public final class ReportJob {

    private ReportJob() {
    }

    /** What was written: the tables (for the alert check) and the period the reports cover. */
    public record Written(ReportTables tables, Instant first, Instant last, Instant prunedBefore) {
    }

    /** Writes every requested report; says what they cover. */
    public static Written writeReports(EventStore store, Catalogue catalogue, ReportConfig config, Instant now) {
        ReportQueries q = store.queries();
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
        ReportTables tables = ReportTables.query(q, filter, advice);
        Timings.mark("report tables queried");
        Instant[] period = q.period(new ReportFilter(since, until, null, null, null));
        String pruned = store.meta("pruned_before");
        Instant prunedBefore = pruned == null ? null : Instant.parse(pruned);
        // the files are independent: written two at a time, each writer but the dashboard on a connection of its own
        List<ReportTask> tasks = new ArrayList<>();
        if (config.formats().contains("csv")) {
            tasks.add(new ReportTask("csv", r -> new CsvReportWriter(r, tables, new Redactor(config.redact(), key))
                    .writeAll(config.out())));
        }
        if (config.formats().contains("json")) {
            tasks.add(new ReportTask("report.json", r -> new JsonReportWriter(r, tables, new Redactor(config.redact(), key),
                    now).write(config.out().resolve("report.json"))));
        }
        if (html) {
            String stored = (period[0] == null ? "no events" : "events from " + seconds(period[0]) + " to "
                    + seconds(period[1])) + (prunedBefore == null ? ""
                            : "; events before " + prunedBefore + " were deleted (--keep)");
            tasks.add(new ReportTask("report.html", null, () -> new HtmlReportWriter(q, tables, advice, redactor, now,
                    stored).write(config.out().resolve("report.html"))));
            // the dashboard links a brief for each top blocking domain: write them beside it
            for (var d : tables.blockingDomains().subList(0,
                    Math.min(HtmlReportWriter.TOP_DOMAINS, tables.blockingDomains().size()))) {
                tasks.add(new ReportTask("brief of " + d.domain(), r -> EscalationJob.write(r, catalogue,
                        new EscalationConfig(config.out(), d.domain(), tables.filter().since(), tables.filter().until(),
                                true), new Redactor(true, key), now)));
            }
        }
        ReportTask.runAll(store, tasks);
        return new Written(tables, period[0], period[1], prunedBefore);
    }

    /** A redactor keyed with the store's own secret, so an address gets the same token in every report. */
    static Redactor redactor(EventStore store, boolean redact) {
        return redact ? new Redactor(true, redactionKey(store)) : new Redactor(false);
    }

    /**
     * One report file (or set of files) to write: on a connection of its own ({@code reader}), or on
     * the store's connection ({@code onStore}), which one task at most may use.
     */
    private record ReportTask(String name, Consumer<ReportQueries> reader, Runnable onStore) {

        ReportTask(String name, Consumer<ReportQueries> reader) {
            this(name, reader, null);
        }

        /**
         * Runs the tasks two at a time (the machine's cores, at most) and waits for all; the first
         * failure, in task order, is thrown as it was raised.
         */
        static void runAll(EventStore store, List<ReportTask> tasks) {
            int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "mailblocks-report");
                t.setDaemon(true);
                return t;
            });
            List<Future<?>> done = new ArrayList<>();
            RuntimeException failed = null;
            Error fatal = null;
            try {
                for (ReportTask t : tasks) {
                    done.add(pool.submit(() -> {
                        if (t.onStore() != null) {
                            t.onStore().run();
                        } else {
                            try (StoreReader r = store.reader()) {
                                t.reader().accept(r.queries());
                            }
                        }
                        Timings.mark(t.name() + " written");
                    }));
                }
                // every task is waited for, even after a failure: none may still use the store when this returns
                for (Future<?> f : done) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        if (failed == null && fatal == null) {
                            if (e.getCause() instanceof RuntimeException re) {
                                failed = re;
                            } else if (e.getCause() instanceof Error err) {
                                fatal = err;
                            } else {
                                failed = new IllegalStateException(e.getCause());
                            }
                            done.forEach(x -> x.cancel(false)); // the tasks not started yet
                        }
                    } catch (java.util.concurrent.CancellationException e) {
                        // not started after another failed
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while writing the reports", e);
                    }
                }
            } finally {
                pool.shutdown();
            }
            if (fatal != null) {
                throw fatal;
            }
            if (failed != null) {
                throw failed;
            }
        }
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

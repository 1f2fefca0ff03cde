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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes the reports of a store into the output folder. */
public final class ReportJob {

    private static final Pattern DURATION = Pattern.compile("(\\d+)([mhdw])");

    private ReportJob() {
    }

    /** Writes every requested report; returns the tables written, for the alert check. */
    public static ReportTables write(EventStore store, Catalogue catalogue, ReportConfig config, Instant now) {
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
        try {
            Files.createDirectories(config.out());
        } catch (IOException e) {
            throw new UncheckedIOException(config.out() + ": cannot create: " + e.getMessage(), e);
        }
        Redactor redactor = new Redactor(config.redact());
        CatalogueAdvice advice = new CatalogueAdvice(catalogue);
        ReportTables tables = ReportTables.query(q, filter, advice);
        if (config.formats().contains("csv")) {
            new CsvReportWriter(q, tables, redactor).writeAll(config.out());
        }
        if (config.formats().contains("json")) {
            new JsonReportWriter(q, tables, redactor, now).write(config.out().resolve("report.json"));
        }
        if (config.formats().contains("html")) {
            new HtmlReportWriter(q, tables, advice, redactor, now).write(config.out().resolve("report.html"));
            // the dashboard links a brief for each top blocking domain: write them beside it
            for (var d : tables.blockingDomains().subList(0,
                    Math.min(HtmlReportWriter.TOP_DOMAINS, tables.blockingDomains().size()))) {
                EscalationJob.write(store, catalogue, new EscalationConfig(config.out(), d.domain(),
                        tables.filter().since(), tables.filter().until(), true), now);
            }
        }
        return tables;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code 2026-12-30}, {@code 2026-12-30T10:00:00Z} or a duration ({@code 30m}, {@code 12h},
     * {@code 7d}, {@code 2w}) counted back from the newest stored event.
     */
    static Instant bound(String text, Optional<Instant> newest, String option) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return newest.map(x -> x.minus(d)).orElse(null);
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

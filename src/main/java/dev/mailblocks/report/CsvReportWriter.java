package dev.mailblocks.report;

import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.ReportRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes the CSV reports: blocking domains, error patterns, unclassified, events, inputs. */
public final class CsvReportWriter {

    static final List<String> BLOCKING_DOMAINS = List.of("domain", "provider", "delivered", "deferred", "bounced",
            "expired", "blocked", "block_rate", "top_category", "top_pattern", "first_seen", "last_seen", "example");
    static final List<String> ERROR_PATTERNS = List.of("pattern_id", "category", "group", "events", "domains",
            "first_seen", "last_seen", "example");
    static final List<String> UNCLASSIFIED = List.of("template", "events", "domains", "example");
    static final List<String> EVENTS = List.of("time", "direction", "source_format", "file", "line", "outcome",
            "sender", "recipient", "recipient_domain", "remote_host", "remote_ip", "reply_code", "enhanced_status",
            "category", "group", "pattern_id", "provider", "message");
    static final List<String> INPUTS = List.of("file", "format", "lines", "events", "ignored", "malformed");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final ReportQueries queries;
    private final ReportTables tables;
    private final Redactor redactor;

    public CsvReportWriter(ReportQueries queries, ReportTables tables, Redactor redactor) {
        this.queries = queries;
        this.tables = tables;
        this.redactor = redactor;
    }

    /** Writes the five CSV files into the folder. */
    public void writeAll(Path out) {
        write(out.resolve("blocking-domains.csv"), BLOCKING_DOMAINS, p -> {
            for (ReportRows.BlockingDomain d : tables.blockingDomains()) {
                p.printRecord(d.domain(), CsvCells.text(d.provider()), d.delivered(), d.deferred(), d.bounced(),
                        d.expired(), d.blocked(), CsvCells.rate(d.blockRate()), d.topCategory(), d.topPattern(),
                        CsvCells.time(d.firstSeen()), CsvCells.time(d.lastSeen()),
                        CsvCells.text(redactor.text(d.example())));
            }
        });
        write(out.resolve("error-patterns.csv"), ERROR_PATTERNS, p -> {
            for (ReportRows.ErrorPattern e : tables.errorPatterns()) {
                p.printRecord(e.patternId(), e.category(), e.group(), e.events(), e.domains(),
                        CsvCells.time(e.firstSeen()), CsvCells.time(e.lastSeen()),
                        CsvCells.text(redactor.text(e.example())));
            }
        });
        write(out.resolve("unclassified.csv"), UNCLASSIFIED, p -> {
            for (ReportRows.Unclassified u : tables.unclassified()) {
                p.printRecord(CsvCells.text(u.template()), u.events(), u.domains(),
                        CsvCells.text(redactor.text(u.example())));
            }
        });
        write(out.resolve("events.csv"), EVENTS, p -> queries.events(tables.filter(), e -> {
            try {
                p.printRecord(CsvCells.time(e.time()), e.direction(), e.sourceFormat(), CsvCells.text(e.file()),
                        e.line(), e.outcome(), CsvCells.text(redactor.address(e.sender())),
                        CsvCells.text(redactor.address(e.recipient())), CsvCells.text(e.recipientDomain()),
                        CsvCells.text(e.remoteHost()), CsvCells.text(e.remoteIp()),
                        e.replyCode() == null ? "" : e.replyCode(), CsvCells.text(e.enhancedStatus()),
                        e.category(), e.group(), e.patternId(), CsvCells.text(e.provider()),
                        CsvCells.text(redactor.text(e.message())));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }));
        write(out.resolve("inputs.csv"), INPUTS, p -> {
            for (ReportRows.InputFile i : queries.inputs()) {
                p.printRecord(CsvCells.text(i.file()), i.format(), i.lines(), i.events(), i.ignored(), i.malformed());
            }
        });
    }

    @FunctionalInterface
    private interface Body {
        void print(CsvCells.Printer printer) throws IOException;
    }

    /** Every cell through {@link CsvCells.Printer}; the file replaced whole ({@link ReportFiles}). */
    private static void write(Path file, List<String> header, Body body) {
        ReportFiles.write(file, w -> {
            CSVPrinter p = new CSVPrinter(w, FORMAT);
            CsvCells.Printer cells = new CsvCells.Printer(p);
            cells.printRecord(header);
            body.print(cells);
            p.flush();
        });
    }
}

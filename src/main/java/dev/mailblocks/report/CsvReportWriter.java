package dev.mailblocks.report;

import dev.mailblocks.store.ReportQueries;
import java.nio.file.Path;

/** Writes the CSV reports, each from its {@link TableSpec}: blocking domains, error patterns, unclassified, events, inputs. */
public final class CsvReportWriter {

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
        CsvTables.write(csv(out, Tables.BLOCKING_DOMAINS), Tables.BLOCKING_DOMAINS, tables.blockingDomains(), redactor);
        CsvTables.write(csv(out, Tables.ERROR_PATTERNS), Tables.ERROR_PATTERNS, tables.errorPatterns(), redactor);
        CsvTables.write(csv(out, Tables.UNCLASSIFIED), Tables.UNCLASSIFIED, tables.unclassified(), redactor);
        CsvTables.stream(csv(out, Tables.EVENTS), Tables.EVENTS, sink -> queries.events(tables.filter(), sink), redactor);
        CsvTables.write(csv(out, Tables.INPUTS), Tables.INPUTS, tables.inputs(), redactor);
    }

    private static Path csv(Path out, TableSpec<?> spec) {
        return out.resolve(spec.id() + ".csv");
    }
}

package dev.mailblocks.report;

import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import java.nio.file.Path;

/** Writes the CSV reports, each from its {@link TableSpec}: blocking domains, error patterns, unclassified, events, inputs. */
public final class CsvReportWriter {

    private final ReportTables tables;
    private final Redactor redactor;

    public CsvReportWriter(ReportTables tables, Redactor redactor) {
        this.tables = tables;
        this.redactor = redactor;
    }

    /** Writes the CSV files of the report tables (all but the events) into the folder. */
    public void writeTables(Path out) {
        CsvTables.write(csv(out, Tables.BLOCKING_DOMAINS), Tables.BLOCKING_DOMAINS, tables.blockingDomains(), redactor);
        CsvTables.write(csv(out, Tables.ERROR_PATTERNS), Tables.ERROR_PATTERNS, tables.errorPatterns(), redactor);
        CsvTables.write(csv(out, Tables.UNCLASSIFIED), Tables.UNCLASSIFIED, tables.unclassified(), redactor);
        CsvTables.write(csv(out, Tables.INPUTS), Tables.INPUTS, tables.inputs(), redactor);
    }

    /**
     * Writes {@code events.csv}, every non-delivered event of the window streamed from the store: it
     * needs no report table, so it can be written while they are queried.
     */
    public static void writeEvents(ReportQueries queries, ReportFilter filter, Redactor redactor, Path out) {
        CsvTables.stream(csv(out, Tables.EVENTS), Tables.EVENTS, sink -> queries.events(filter, sink), redactor);
    }

    private static Path csv(Path out, TableSpec<?> spec) {
        return out.resolve(spec.id() + ".csv");
    }
}

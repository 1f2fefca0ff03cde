package dev.mailblocks.report;

import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.ReportRows;
import java.util.List;

/**
 * The aggregate tables of one report, queried once and shared by the CSV and HTML writers and
 * the alert check (events are streamed by the CSV writer instead: they can be many).
 */
public record ReportTables(ReportFilter filter, List<ReportRows.BlockingDomain> blockingDomains,
        List<ReportRows.ErrorPattern> errorPatterns, List<ReportRows.Unclassified> unclassified) {

    public ReportTables {
        blockingDomains = List.copyOf(blockingDomains);
        errorPatterns = List.copyOf(errorPatterns);
        unclassified = List.copyOf(unclassified);
    }

    /** Runs the aggregate queries for a filter. */
    public static ReportTables query(ReportQueries q, ReportFilter filter) {
        return new ReportTables(filter, q.blockingDomains(filter), q.errorPatterns(filter), q.unclassified(filter));
    }
}

package dev.mailblocks.pipeline;

import dev.mailblocks.report.SuppressionList;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportFilter;
import java.nio.file.Path;
import java.time.Instant;

/** Writes {@code suppressions.csv}. */
public final class SuppressionJob {

    private SuppressionJob() {
    }

    /** Writes the list into the folder; returns how many addresses it holds. */
    public static int write(EventStore store, Path out, Instant since, Instant until) {
        return SuppressionList.write(store.queries(), new ReportFilter(since, until, null, null, null),
                out.resolve("suppressions.csv"));
    }
}

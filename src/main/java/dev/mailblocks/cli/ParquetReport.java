package dev.mailblocks.cli;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.pipeline.ReportConfig;
import dev.mailblocks.pipeline.ReportJob;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ParquetStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/** {@code report --parquet DIR}: the reports of the Spark job's Parquet output, read through DuckDB. */
final class ParquetReport {

    private ParquetReport() {
    }

    static int write(Path dir, Path patterns, ReportConfig config, Clock clock, PrintWriter out) {
        Catalogue catalogue = Jobs.catalogue(patterns);
        try (EventStore store = ParquetStore.open(dir)) {
            ReportJob.Written w = ReportJob.writeReports(store, catalogue, config, clock.instant());
            out.printf("reports written to %s (%s)%n", config.out(), w.first() == null ? "no events"
                    : "events from " + w.first() + " to " + w.last());
            out.flush();
        }
        return ExitCodes.OK;
    }
}

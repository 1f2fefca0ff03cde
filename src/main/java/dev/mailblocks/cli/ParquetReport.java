package dev.mailblocks.cli;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.pipeline.ReportConfig;
import dev.mailblocks.pipeline.ReportJob;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ParquetStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** {@code report --parquet DIR}: the reports of the Spark job's Parquet output, read through DuckDB. */
final class ParquetReport {

    private ParquetReport() {
    }

    static int write(Path dir, Path patterns, ReportConfig config, Clock clock, PrintWriter out) {
        Catalogue catalogue = Jobs.catalogue(patterns);
        try (EventStore store = ParquetStore.open(dir)) {
            // the secret of redaction tokens is kept beside the tables, so that an address gets the same
            // token in every report of this output, as in every report of one store
            Path keyFile = dir.resolve("_redaction_key");
            String known = null;
            if (Files.isRegularFile(keyFile)) {
                try {
                    known = Files.readString(keyFile).trim();
                    store.setMeta("redaction_key", known);
                } catch (IOException e) {
                    known = null;
                }
            }
            ReportJob.Written w = ReportJob.writeReports(store, catalogue, config, clock.instant());
            String made = store.meta("redaction_key");
            if (known == null && made != null) {
                try {
                    try {
                        Files.createFile(keyFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                    } catch (UnsupportedOperationException e) {
                        Files.createFile(keyFile);
                    }
                    Files.writeString(keyFile, made + "\n");
                } catch (IOException e) {
                    // a read-only output: tokens then hold within this one report command
                }
            }
            out.printf("reports written to %s (%s)%n", config.out(), w.first() == null ? "no events"
                    : "events from " + w.first() + " to " + w.last());
            out.flush();
        }
        return ExitCodes.OK;
    }
}

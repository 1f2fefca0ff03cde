package dev.mailblocks.pipeline;

import dev.mailblocks.check.CheckConfig;
import dev.mailblocks.check.SendingChecks;
import dev.mailblocks.report.SendingChecksCsv;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportFilter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs the sending-side DNS checks over a window of the store (the IPs and sender domains of
 * its policy refusals, and the configured ones) and writes {@code sending-checks.csv}.
 */
public final class CheckJob {

    private CheckJob() {
    }

    /**
     * Checks the subjects of the report window ({@code report} gives it and the output folder; the
     * CSV file is written when it asks for csv) and tells the listener the summary.
     */
    public static SendingChecks.Summary run(EventStore store, CheckConfig config, ReportConfig report, Instant now,
            RunListener listener) {
        String since = report == null ? null : report.since();
        String until = report == null ? null : report.until();
        SendingChecks.Summary s = SendingChecks.run(store, window(store, since, until), config, now);
        if (report != null && report.formats().contains("csv")) {
            SendingChecksCsv.write(report.out(), s.current());
        }
        listener.checksDone(s);
        return s;
    }

    /** {@code mailblocks check}: checks the window now (not once a day) and writes the CSV into {@code out}. */
    public static SendingChecks.Summary check(Path db, CheckConfig config, Path out, String since, String until,
            Instant now) {
        ReportJob.bound(since, Optional.empty(), "--since");
        ReportJob.bound(until, Optional.empty(), "--until");
        try (EventStore store = EventStore.open(db)) {
            SendingChecks.Summary s = SendingChecks.run(store, window(store, since, until), config, now);
            SendingChecksCsv.write(out, s.current());
            return s;
        }
    }

    private static ReportFilter window(EventStore store, String since, String until) {
        Optional<Instant> newest = store.queries().newestEvent();
        return new ReportFilter(ReportJob.bound(since, newest, "--since"), ReportJob.bound(until, newest, "--until"),
                null, null, null);
    }
}

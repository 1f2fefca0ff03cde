package dev.mailblocks.store;

import java.time.Instant;

/**
 * Which stored events a report covers. Every field is optional (null: no condition).
 * The category condition applies to refusals only, so that delivered counts stay beside them.
 */
public record ReportFilter(Instant since, Instant until, String domain, String provider, String category) {

    /** Everything stored. */
    public static ReportFilter all() {
        return new ReportFilter(null, null, null, null, null);
    }
}

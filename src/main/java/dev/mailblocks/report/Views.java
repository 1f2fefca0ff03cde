package dev.mailblocks.report;

import java.util.List;

/** Rows the report stage derives from the store's rows (trends, providers). */
public final class Views {

    private Views() {
    }

    /** The outbound results of every domain of one provider (by MX hosts) together. */
    public record ProviderView(String provider, long domains, long blockingDomains, long recipients, long delivered,
            long blocked, double blockRate) {
    }

    /**
     * A blocking domain compared with the previous window.
     *
     * @param status {@code new} (not blocked before), {@code resolved} (blocked before, delivering now)
     *     or {@code still blocked}
     * @param daily blocked recipients per day over both windows, oldest first
     */
    public record DomainChange(String domain, String provider, String status, long blockedBefore, long blockedNow,
            long recipientsNow, long deliveredNow, List<Long> daily) {
    }

    /** A headline figure in this window and the previous one (null when there is no previous window). */
    public record Figure(String id, String label, String now, String before, String change) {
    }
}

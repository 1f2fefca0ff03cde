package dev.mailblocks.store;

import java.time.Instant;

/**
 * Which stored events a report covers. Every field is optional (null: no condition).
 * The category condition applies to refusals only, so that delivered counts stay beside them.
 * A domain takes in its subdomains ({@code --domain example.com} reports {@code eu.example.com}
 * too) unless {@code exactDomain}: a brief or a domain's section is about that domain alone.
 */
public record ReportFilter(Instant since, Instant until, String domain, String provider, String category,
        boolean exactDomain) {

    /** A filter whose domain takes in its subdomains. */
    public ReportFilter(Instant since, Instant until, String domain, String provider, String category) {
        this(since, until, domain, provider, category, false);
    }

    /** The events of exactly one recipient domain over a window. */
    public static ReportFilter exactly(Instant since, Instant until, String domain) {
        return new ReportFilter(since, until, domain, null, null, true);
    }

    /** Everything stored. */
    public static ReportFilter all() {
        return new ReportFilter(null, null, null, null, null);
    }
}

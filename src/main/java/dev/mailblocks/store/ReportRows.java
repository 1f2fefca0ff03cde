package dev.mailblocks.store;

import java.time.Instant;

/** The rows the report stage reads: one record per report table. */
public final class ReportRows {

    private ReportRows() {
    }

    /**
     * A recipient domain with outbound refusals in the policy group.
     *
     * @param exampleCodes the reply and enhanced codes of the example ({@code 550 5.7.1}), or empty
     */
    public record BlockingDomain(String domain, String provider, long delivered, long deferred, long bounced,
            long expired, long blocked, double blockRate, String topCategory, String topPattern, Instant firstSeen,
            Instant lastSeen, String example, String exampleCodes) {
    }

    /**
     * A catalogue entry or code fallback that decided refusals.
     *
     * @param exampleCodes the reply and enhanced codes of the example ({@code 550 5.7.1}), or empty
     */
    public record ErrorPattern(String patternId, String category, String group, long events, long domains,
            Instant firstSeen, Instant lastSeen, String example, String exampleCodes) {
    }

    /** A template no entry or code decided. */
    public record Unclassified(String template, long events, long domains, String example) {
    }

    /** One non-delivered event. */
    public record Event(Instant time, String direction, String sourceFormat, String file, long line, String outcome,
            String sender, String recipient, String recipientDomain, String remoteHost, String remoteIp,
            Integer replyCode, String enhancedStatus, String category, String group, String patternId,
            String provider, String message) {
    }

    /** The accounting of one input file over all runs. */
    public record InputFile(String file, String format, long lines, long events, long ignored, long malformed) {
    }

    /** A count by a key (outcome, group, category, format...). */
    public record Count(String key, long count) {
    }

    /** Refusals of incoming mail, grouped by category and pattern. */
    public record IncomingRefusal(String category, String patternId, long events, long clients, String example) {
    }

    /** A malformed line kept for a person to look at. */
    public record MalformedLine(String file, long line, String reason, String text) {
    }
}

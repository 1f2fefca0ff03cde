package dev.mailblocks.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The rows the report stage reads: one record per report table. Counts follow design.md
 * "Counting": {@code recipients} are (message, recipient) pairs counted once by their final
 * outcome; {@code attempts} are the delivery results logged for them, retries included.
 */
public final class ReportRows {

    private ReportRows() {
    }

    /**
     * A recipient domain of our outbound mail, with its results.
     *
     * @param provider the provider of the domain's MX hosts (most results), filled in by the report stage
     * @param bounced final refusals, in the SMTP dialogue or after queueing
     * @param deferred recipients that have no final result yet
     * @param blocked recipients with at least one policy refusal
     * @param refusals policy refusals logged (attempts)
     * @param topPattern the pattern that refused most of the blocked recipients; {@code topCategory} is its category
     * @param exampleCodes the reply and enhanced codes of the example ({@code 550 5.7.1}), or empty
     */
    public record BlockingDomain(String domain, String provider, long recipients, long delivered, long deferred,
            long bounced, long expired, long blocked, double blockRate, long attempts, long refusals,
            String topCategory, String topPattern, Instant firstSeen, Instant lastSeen, String example,
            String exampleCodes) {

        /** The same row with the provider set. */
        public BlockingDomain withProvider(String p) {
            return new BlockingDomain(domain, p, recipients, delivered, deferred, bounced, expired, blocked, blockRate,
                    attempts, refusals, topCategory, topPattern, firstSeen, lastSeen, example, exampleCodes);
        }
    }

    /** The results of one outbound recipient domain (blocked or not), for the views by provider. */
    public record DomainResults(String domain, long recipients, long delivered, long blocked, long attempts) {
    }

    /** How many results a receiving MX host gave for a recipient domain: decides the domain's provider. */
    public record MxHost(String domain, String host, long results) {
    }

    /**
     * A catalogue entry or code fallback that decided refusals of our outbound mail.
     *
     * @param exampleCodes the reply and enhanced codes of the example ({@code 550 5.7.1}), or empty
     */
    public record ErrorPattern(String patternId, String category, String group, long recipients, long attempts,
            long domains, Instant firstSeen, Instant lastSeen, String example, String exampleCodes) {
    }

    /** A template no entry or code decided. */
    public record Unclassified(String direction, String template, long attempts, long domains, String example,
            String exampleCodes) {
    }

    /** One non-delivered event. */
    public record Event(Instant time, String direction, String sourceFormat, String file, long line, String outcome,
            String sender, String recipient, String recipientDomain, String remoteHost, String remoteIp,
            Integer replyCode, String enhancedStatus, String category, String group, String patternId,
            String provider, String message) {
    }

    /**
     * The accounting of one input file over all runs.
     *
     * @param eventLines lines that gave delivery results ({@code lines = eventLines + ignored + malformed})
     * @param events the delivery results read from them (an Exchange or SES line can give several)
     */
    public record InputFile(String file, String format, long lines, long eventLines, long events, long ignored,
            long malformed) {
    }

    /** A count by a key (outcome, group, category, format...). */
    public record Count(String key, long count) {
    }

    /** Outbound refusals by group: recipients with a refusal in the group, and refusals logged. */
    public record GroupCount(String group, long recipients, long attempts) {
    }

    /** Refusals of incoming mail, grouped by category and pattern. */
    public record IncomingRefusal(String category, String patternId, long attempts, long clients, String example) {
    }

    /** A malformed line kept for a person to look at. */
    public record MalformedLine(String file, long line, String reason, String text) {
    }

    /**
     * The outbound figures of a window.
     *
     * @param refusals refusals of our outbound mail logged (attempts, every group)
     * @param incomingRefused refusals of other senders' mail by our servers (attempts)
     */
    public record Headline(long recipients, long delivered, long blocked, double blockRate, long blockingDomains,
            long refusals, long deferredThenDelivered, long incomingRefused) {
    }

    /**
     * One day of outbound mail, by the day of each recipient's final result.
     *
     * @param policy recipients whose last refusal was in the policy group (likewise the others)
     */
    public record Day(LocalDate day, long recipients, long blocked, long policy, long recipient, long transientGroup,
            long other) {

        /** Blocked recipients / recipients, 0 when there were none. */
        public double blockRate() {
            return recipients == 0 ? 0 : (double) blocked / recipients;
        }
    }

    /** Blocked recipients of one domain on one day. */
    public record DomainDay(String domain, LocalDate day, long recipients, long blocked) {
    }

    /** Outbound results by one of our sending dimensions (sender domain, sending IP). */
    public record SendingView(String key, long recipients, long delivered, long blocked, double blockRate,
            long domains, String topCategory) {
    }

    /** One refusal attempt of a domain, for an escalation brief. */
    public record Refusal(Instant time, String queueId, String sender, String recipient, String remoteHost,
            String remoteIp, String reporting, String codes, String category, String group, String patternId,
            String outcome, String message, String file, long line) {
    }

    /**
     * A recipient whose last failure was permanent and about the recipient.
     *
     * @param failures how many refusals of this address were logged
     */
    public record Suppression(String recipient, String domain, String category, String codes, Instant lastFailed,
            long failures, String patternId, String message) {
    }

    /** An unclassified template with its first examples, for draft catalogue entries. */
    public record TemplateSample(String template, long attempts, long domains, String codes, String phase,
            java.util.List<String> examples) {
    }
}

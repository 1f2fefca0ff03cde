package dev.mailblocks.pipeline;

/**
 * The alerts a run checks after writing its reports; any alert makes the exit code 4.
 *
 * @param blockRate a domain's block rate (0..1) that alerts, or null for none
 * @param minResults only domains with at least this many outbound results can alert on the rate
 * @param newBlocks alert on every domain blocking us now that was not at the previous run
 */
public record AlertConfig(Double blockRate, long minResults, boolean newBlocks) {

    /** No alerts. */
    public static final AlertConfig NONE = new AlertConfig(null, 20, false);

    public AlertConfig {
        if (blockRate != null && (blockRate.isNaN() || blockRate < 0 || blockRate > 1)) {
            throw new UsageException("--alert-block-rate " + blockRate + ": a rate between 0 and 1, such as 0.2");
        }
        if (minResults < 0) {
            throw new UsageException("--alert-min-results " + minResults + ": a count of 0 or more");
        }
    }
}

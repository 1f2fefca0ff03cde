package dev.mailblocks.store;

/**
 * The accounting of one input: every line read is in exactly one of events, ignored and
 * malformed.
 *
 * @param eventLines lines that gave at least one event
 * @param events the events those lines gave (an Exchange row may give one per recipient)
 * @param skippedLines lines already read by an earlier run and not counted again
 */
public record InputCounts(long lines, long eventLines, long events, long ignored, long malformed, long skippedLines) {

    /** Whether the three buckets add up to the lines read. */
    public boolean balanced() {
        return lines == eventLines + ignored + malformed;
    }
}

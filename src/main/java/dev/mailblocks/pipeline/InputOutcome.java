package dev.mailblocks.pipeline;

import dev.mailblocks.store.InputCounts;

/**
 * What became of one input in a run.
 *
 * @param status {@code read}, {@code resumed} (new lines after an earlier reading),
 *     {@code unchanged} (already read, skipped) or {@code failed}
 * @param error a one-line error naming the input, or null
 * @param firstMalformed the first malformed line as {@code file:line: reason}, or null
 * @param storedBefore export rows left out because the same rows were already stored (an
 *     overlapping export); they are counted as ignored
 */
public record InputOutcome(String name, String format, String status, InputCounts counts, String error,
        String firstMalformed, long storedBefore) {

    /** Whether the input could not be read, or not all of it. */
    public boolean failed() {
        return error != null;
    }
}

package dev.mailblocks.pipeline;

import dev.mailblocks.source.InputResolver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a run did, for the command line to print.
 *
 * @param skipped PATH arguments that named nothing readable
 * @param inputs what became of each input read
 * @param upgradedFrom the store's schema version before this run upgraded it, or 0
 * @param reclassified stored refusal templates classified again because the catalogue changed
 * @param pruned events deleted by retention
 * @param report the reports written, or null
 * @param alerts one line per alert (block rate crossed, new blocking domain)
 * @param newBlockingDomains domains blocking us now that were not at the previous run
 */
public record RunResult(List<InputResolver.Skipped> skipped, List<InputOutcome> inputs, int upgradedFrom,
        int reclassified, long pruned, Report report, List<String> alerts, List<String> newBlockingDomains) {

    public RunResult {
        skipped = List.copyOf(skipped);
        inputs = List.copyOf(inputs);
        alerts = List.copyOf(alerts);
        newBlockingDomains = List.copyOf(newBlockingDomains);
    }

    /**
     * The reports written (or found up to date) and the period they cover.
     *
     * @param first the oldest event reported, or null when none
     * @param last the newest event reported, or null
     * @param prunedBefore events before this were deleted by retention, or null
     * @param upToDate nothing the reports read had changed since they were written: they were left as they were
     */
    public record Report(Path out, Instant first, Instant last, Instant prunedBefore, boolean upToDate) {
    }

    /** How many inputs could not be read, or not all of them. */
    public long failures() {
        return skipped.size() + inputs.stream().filter(InputOutcome::failed).count();
    }

    /** How many inputs were named, readable or not. */
    public long named() {
        return skipped.size() + inputs.size();
    }
}

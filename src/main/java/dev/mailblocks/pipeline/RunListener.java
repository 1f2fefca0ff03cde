package dev.mailblocks.pipeline;

import dev.mailblocks.check.SendingChecks;
import dev.mailblocks.source.Input;
import dev.mailblocks.source.InputResolver;

/** What a run tells while it works, for progress and per-input lines; every method may be ignored. */
public interface RunListener {

    /** The inputs are known: how many, and how many bytes they hold on disk (standard input counts 0). */
    default void inputsResolved(int inputs, long bytes) {
    }

    /** A PATH argument named nothing readable; the run goes on without it. */
    default void inputSkipped(InputResolver.Skipped skipped) {
    }

    /** An input is being opened. */
    default void inputStarted(Input input) {
    }

    /** More bytes of the current input were read from disk (compressed bytes for an archive). */
    default void bytesRead(long bytes) {
    }

    /** More lines were read (told every few thousand lines). */
    default void linesRead(long lines) {
    }

    /** An input is done. */
    default void inputDone(InputOutcome outcome) {
    }

    /** The sending-side DNS checks are done (also when DNS did not answer: then they say so). */
    default void checksDone(SendingChecks.Summary summary) {
    }

    /** A listener that ignores everything. */
    RunListener SILENT = new RunListener() {
    };
}

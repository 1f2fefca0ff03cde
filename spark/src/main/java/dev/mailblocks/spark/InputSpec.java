package dev.mailblocks.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * One input file as the driver lists it: what is shipped to the task that reads it (the path only,
 * never its content). The input's id in the tables is its content's, computed by the task that
 * reads it ({@link FileTask#contentId}); the driver knows only the path's.
 *
 * @param pathId a hash of the qualified path: the id of an input whose content cannot be read
 *     (it cannot be opened, or it is empty)
 * @param order its place in this run's inputs (name order within each argument, arguments in order):
 *     an export row read twice counts for the first input, as in a local run
 * @param name the name shown in reports: the argument as given, then the path below it
 * @param path the qualified Hadoop path to open
 */
record InputSpec(long pathId, int order, String name, String path, long size, long modifiedMillis)
        implements Serializable {

    /** The id of a qualified path. */
    static long idOf(String qualifiedPath) {
        return idOf(dev.mailblocks.source.Ledger.digest().digest(
                ("path " + qualifiedPath).getBytes(StandardCharsets.UTF_8)));
    }

    /** A stable positive id from a SHA-256: its first 62 bits. */
    static long idOf(byte[] sha256) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (sha256[i] & 0xff);
        }
        return v >>> 2;
    }
}

package dev.mailblocks.spark;

import java.io.Serializable;

/**
 * One input file as the driver lists it: what is shipped to the task that reads it (the path only,
 * never its content).
 *
 * @param id the input's id in the Parquet tables: a hash of its name, so that runs over different
 *     folders never give two inputs one id
 * @param order its place in this run's inputs (name order within each argument, arguments in order):
 *     an export row read twice counts for the first input, as in a local run
 * @param name the name shown in reports: the argument as given, then the path below it
 * @param path the Hadoop path to open
 */
record InputSpec(long id, int order, String name, String path, long size, long modifiedMillis) implements Serializable {

    /** A stable id from the name: the first 62 bits of its SHA-256. */
    static long idOf(String name) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v >>> 2;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

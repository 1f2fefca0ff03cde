package dev.mailblocks.source;

/**
 * What was read of one input in an earlier run, remembered by content rather than by name so
 * that a rotated or renamed file is recognised.
 *
 * @param headLength how many leading bytes {@code headHash} covers (64 KiB, or the whole input)
 * @param bytes how many decompressed bytes were read
 * @param contentHash SHA-256 of those bytes
 * @param lines how many lines those bytes hold
 * @param stamp the file's size, modification time and identity when it was opened ({@link FileStamp#NONE} if unknown)
 */
public record LedgerEntry(long fileId, String name, int headLength, String headHash, long bytes, String contentHash,
        long lines, FileStamp stamp) {
}

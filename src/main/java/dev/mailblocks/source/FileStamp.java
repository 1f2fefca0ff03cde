package dev.mailblocks.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * What the file system says of a file without reading it: its size, its modification time (in
 * nanoseconds) and its identity (device and inode where the system has them). A file whose stamp
 * and first bytes are those of an earlier reading was not written since: the ledger takes it as
 * unchanged without reading it again (the same quick check as rsync's and make's).
 *
 * @param key the file system's identity of the file, or null when it has none
 */
public record FileStamp(long size, long modified, String key) {

    /** No stamp: standard input, or a store written before stamps were kept. */
    public static final FileStamp NONE = new FileStamp(-1, -1, null);

    /** The stamp of a file as it is now. */
    public static FileStamp of(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        Instant t = a.lastModifiedTime().toInstant();
        Object key = a.fileKey();
        return new FileStamp(a.size(), Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano()),
                key == null ? null : key.toString());
    }

    /** Whether this stamp is known and the same as {@code other}'s: same size, time to the nanosecond, and identity. */
    public boolean sameAs(FileStamp other) {
        return size >= 0 && modified >= 0 && key != null && other != null && size == other.size
                && modified == other.modified && key.equals(other.key);
    }
}

package dev.mailblocks.source;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Recognises compressed inputs by their magic bytes and decompresses them as a stream: gzip,
 * bzip2, xz and zstd, all with pure-Java decoders so that the tool runs wherever Java does.
 *
 * <p>Concatenated members (several gzip members, bzip2 or xz streams, or zstd frames one after
 * the other, as {@code cat a.gz b.gz} or some rotation tools make) are read as one input. A
 * decoder's errors come out as {@link CompressedDataException}, saying truncated or corrupt.
 */
public enum Compression {
    NONE("plain"), GZIP("gzip"), BZIP2("bzip2"), XZ("xz"), ZSTD("zstd");

    /** How many leading bytes {@link #of} needs to tell every compression apart. */
    public static final int MAGIC_LENGTH = 6;

    /**
     * The most memory the xz decoder may take. Its need is set by the file (the dictionary size,
     * up to 1.5 GiB); {@code xz -9} needs 65 MiB, so a file asking for more than this is refused
     * as corrupt rather than allowed to exhaust the heap.
     */
    static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

    private final String label;

    Compression(String label) {
        this.label = label;
    }

    /** The name used in messages: {@code gzip}, {@code bzip2}, {@code xz}, {@code zstd}, {@code plain}. */
    public String label() {
        return label;
    }

    /** The compression of a stream whose first bytes are given. */
    public static Compression of(byte[] magic, int length) {
        if (length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        // "BZh" and a block size digit: the digit keeps a text file starting with "BZh" plain
        if (length >= 4 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h' && magic[3] >= '1' && magic[3] <= '9') {
            return BZIP2;
        }
        if (length >= XZ_MAGIC.length && startsWith(magic, XZ_MAGIC)) {
            return XZ;
        }
        // the zstd frame magic 0xFD2FB528, little-endian
        if (length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xB5 && (magic[2] & 0xff) == 0x2F
                && (magic[3] & 0xff) == 0xFD) {
            return ZSTD;
        }
        return NONE;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Wraps a raw stream to read the decompressed bytes. Errors of the decoder, here (a bad
     * header) or while reading, are {@link CompressedDataException}s; errors of the raw stream
     * itself pass through unchanged.
     */
    public InputStream decompress(InputStream raw) throws IOException {
        if (this == NONE) {
            return raw;
        }
        return DecodingInputStream.open(this, raw);
    }

    /** The library's decoder over a raw stream; may read and check the header. */
    InputStream decoder(InputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> new GZIPInputStream(raw, 64 * 1024);
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            case XZ -> XZCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(XZ_MEMORY_LIMIT_KIB).get();
            case ZSTD -> new ZstdInputStream(raw);
        };
    }

    /**
     * Whether a decoder's error means the data stops early. Each library says it in its own way:
     * an {@link EOFException} (gzip, xz), "Unexpected end of stream" (Commons Compress bzip2),
     * "Not enough input bytes" (aircompressor zstd).
     */
    boolean meansTruncated(Exception e) {
        if (e instanceof EOFException) {
            return true;
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        return switch (this) {
            case GZIP -> m.contains("Unexpected end of ZLIB");
            case BZIP2 -> m.contains("Unexpected end of stream") || m.contains("unexpected end of stream");
            case ZSTD -> m.contains("Not enough input bytes");
            default -> false;
        };
    }
}

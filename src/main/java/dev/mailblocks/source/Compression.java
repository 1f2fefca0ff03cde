package dev.mailblocks.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Recognises compressed inputs by their magic bytes and decompresses them as a stream. */
public enum Compression {
    NONE, GZIP;

    /** The compression of a stream whose first bytes are given. */
    public static Compression of(byte[] magic, int length) {
        if (length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        return NONE;
    }

    /** Wraps a raw stream to read the decompressed bytes. */
    public InputStream decompress(InputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> new GZIPInputStream(raw, 64 * 1024);
        };
    }
}

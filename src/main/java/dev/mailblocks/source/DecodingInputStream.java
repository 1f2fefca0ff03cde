package dev.mailblocks.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A decoder whose every failure is a {@link CompressedDataException} naming the compression and
 * saying truncated or corrupt, so that one bad archive is one clear line, never a crash: some
 * decoders throw unchecked exceptions for corrupt data (aircompressor's
 * {@code MalformedInputException}), which would otherwise escape the parsers' IOException handling.
 *
 * <p>A read error of the file itself is not the archive's fault: the raw stream marks its own
 * errors so that they pass through unchanged.
 */
final class DecodingInputStream extends FilterInputStream {

    private final Compression compression;

    private DecodingInputStream(Compression compression, InputStream decoder) {
        super(decoder);
        this.compression = compression;
    }

    /** Opens the decoder (which reads the header) over a raw stream. */
    static InputStream open(Compression compression, InputStream raw) throws IOException {
        try {
            return new DecodingInputStream(compression, compression.decoder(new SourceStream(raw)));
        } catch (IOException | RuntimeException e) {
            throw translate(compression, e);
        }
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException | RuntimeException e) {
            throw translate(compression, e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw translate(compression, e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException | RuntimeException e) {
            throw translate(compression, e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return super.available();
        } catch (IOException | RuntimeException e) {
            throw translate(compression, e);
        }
    }

    private static IOException translate(Compression compression, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceReadException s) {
                return (IOException) s.getCause();
            }
            if (t instanceof CompressedDataException c) {
                return c;
            }
        }
        if (compression.meansTruncated(e)) {
            return new CompressedDataException(compression.label() + " data is truncated", true, e);
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CompressedDataException("corrupt " + compression.label() + " data (" + detail + ")", false, e);
    }

    /** Marks the raw file's own read errors so that they are not blamed on the archive. */
    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }
    }

    /** A read error of the raw file, carried through the decoder. */
    private static final class SourceReadException extends IOException {
        private static final long serialVersionUID = 1L;

        SourceReadException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}

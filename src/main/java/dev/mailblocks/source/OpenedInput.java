package dev.mailblocks.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An input opened for reading: decompressed, a UTF-8 byte order mark skipped, with its first
 * bytes kept for format detection and the ledger's fingerprint.
 */
public final class OpenedInput implements AutoCloseable {

    /** How many bytes of the start are kept for sniffing and fingerprinting. */
    public static final int HEAD = 64 * 1024;

    private final Input input;
    private final Compression compression;
    private final InputStream content;
    private final byte[] head;
    private final Instant modified;
    private final FileStamp stamp;

    private OpenedInput(Input input, Compression compression, InputStream content, byte[] head, Instant modified,
            FileStamp stamp) {
        this.input = input;
        this.compression = compression;
        this.content = content;
        this.head = head;
        this.modified = modified;
        this.stamp = stamp;
    }

    /** Opens an input; errors name the input. */
    public static OpenedInput open(Input input) {
        return open(input, null);
    }

    /** Opens an input, telling {@code progress} how many bytes are read from the file as they are. */
    public static OpenedInput open(Input input, java.util.function.LongConsumer progress) {
        InputStream raw = null;
        try {
            raw = input.isStdin() ? System.in : Files.newInputStream(input.path());
            if (progress != null && !input.isStdin()) {
                raw = new Counting(raw, progress);
            }
            FileStamp stamp = input.isStdin() ? FileStamp.NONE : FileStamp.of(input.path());
            Instant modified = input.isStdin() ? Instant.now() : Instant.ofEpochSecond(0, stamp.modified());
            DecodedHead decoded = DecodedHead.of(raw);
            return new OpenedInput(input, decoded.compression(), decoded.content(), decoded.head(), modified, stamp);
        } catch (IOException e) {
            if (raw != null && !input.isStdin()) {
                try {
                    raw.close(); // a broken archive must not leak its file handle
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new InputException(input.name() + ": cannot read: " + describe(e));
        }
    }

    /** Tells how many raw bytes were read, for a progress bar. */
    private static final class Counting extends java.io.FilterInputStream {
        private final java.util.function.LongConsumer progress;

        Counting(InputStream in, java.util.function.LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                progress.accept(n);
            }
            return n;
        }
    }

    /** A one-line description of a read error. */
    public static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof CompressedDataException) {
            return m; // already says which compression and whether truncated or corrupt
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The input. */
    public Input input() {
        return input;
    }

    /** How it was compressed. */
    public Compression compression() {
        return compression;
    }

    /** The decompressed bytes, after any byte order mark. */
    public InputStream content() {
        return content;
    }

    /** The decompressed content as text: UTF-8, undecodable bytes replaced, never failing. */
    public Reader reader() {
        return new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** The first (up to {@link #HEAD}) decompressed bytes. */
    public byte[] head() {
        return head.clone();
    }

    /** The first non-blank lines of the head, for format detection. */
    public List<String> headLines(int max) {
        String text = new String(head, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isBlank()) {
                lines.add(line);
            }
            if (lines.size() >= max) {
                break;
            }
        }
        return lines;
    }

    /** The file's size, modification time and identity when it was opened ({@link FileStamp#NONE} for standard input). */
    public FileStamp stamp() {
        return stamp;
    }

    /** The file's modification time (now, for standard input). */
    public Instant modified() {
        return modified;
    }

    @Override
    public void close() throws IOException {
        if (!input.isStdin()) {
            content.close();
        }
    }
}

package dev.mailblocks.source;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * An input's bytes decompressed, with their head read ahead (for format sniffing, the ledger and
 * the Spark job's content id): the local run ({@link OpenedInput}) and the Spark job open a file
 * the same way. A read error inside the head (a small truncated archive) is kept for later, so the
 * lines before the damage are still read.
 *
 * @param compression how the bytes were compressed
 * @param content every decompressed byte after a UTF-8 byte order mark, the head included
 * @param head the first (up to {@link OpenedInput#HEAD}) of those bytes
 * @param whole the head is all of the content: it ended, undamaged, within the read-ahead
 */
public record DecodedHead(Compression compression, InputStream content, byte[] head, boolean whole) {

    /** Reads the head of {@code raw} (compressed or not); the caller closes {@code raw}. */
    public static DecodedHead of(InputStream raw) throws IOException {
        int ahead = OpenedInput.HEAD + 3; // room for a byte order mark
        BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        buffered.mark(Compression.MAGIC_LENGTH);
        byte[] magic = buffered.readNBytes(Compression.MAGIC_LENGTH);
        buffered.reset();
        Compression compression = Compression.of(magic, magic.length);
        InputStream decompressed = compression.decompress(buffered);
        ByteArrayOutputStream read = new ByteArrayOutputStream(ahead);
        IOException damage = null;
        byte[] chunk = new byte[8192];
        try {
            int n;
            while (read.size() < ahead && (n = decompressed.read(chunk, 0, Math.min(chunk.length, ahead - read.size()))) > 0) {
                read.write(chunk, 0, n);
            }
        } catch (IOException e) {
            damage = e;
        }
        byte[] head = read.toByteArray();
        int bom = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB
                && (head[2] & 0xff) == 0xBF ? 3 : 0;
        IOException kept = damage;
        InputStream rest = kept == null ? decompressed : new InputStream() {
            @Override
            public int read() throws IOException {
                throw kept;
            }
        };
        // not buffered here: a buffer that reads twice per call would drop the bytes of the first
        // read when the second fails (a truncated archive); readers above buffer by whole lines
        InputStream content = new SequenceInputStream(new ByteArrayInputStream(head, bom, head.length - bom), rest);
        boolean whole = damage == null && head.length < ahead && head.length - bom < OpenedInput.HEAD;
        return new DecodedHead(compression, content, Arrays.copyOfRange(head, bom, Math.min(head.length,
                bom + OpenedInput.HEAD)), whole);
    }
}

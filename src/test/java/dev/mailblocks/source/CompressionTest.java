package dev.mailblocks.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {

    @TempDir
    Path dir;

    private static final String LOG = "2026-11-22 10:27:01 1UlasQ-0003fr-45 => ann@example.net R=dnslookup"
            + " T=remote_smtp H=mx.example.net [203.0.113.5] C=\"250 OK\"\n";

    /**
     * A log text of about {@code bytes} bytes, random enough that its compressed form is not
     * tiny: a cut near the end must lie past what the first reads decode (bzip2 decodes 900 kB
     * blocks, zstd and xz whole blocks with their checksums).
     */
    private static byte[] log(int bytes) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < bytes; i++) {
            s.append("2026-11-22 10:27:01 1UlasQ-").append(String.format("%06d", i)).append("-45 ** u")
                    .append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36))
                    .append("@example.net: retry timeout exceeded\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] compress(Compression c, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream o = compressor(c, out)) {
            o.write(data);
        }
        return out.toByteArray();
    }

    private static OutputStream compressor(Compression c, OutputStream out) throws IOException {
        return switch (c) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case XZ -> new XZCompressorOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out);
        };
    }

    private Input write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return new Input(p.toString(), p);
    }

    private static String read(OpenedInput in) throws IOException {
        StringBuilder s = new StringBuilder();
        try (Reader r = in.reader()) {
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) > 0) {
                s.append(buf, 0, n);
            }
        }
        return s.toString();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void eachCompressionIsRecognisedByItsMagicBytesAndReadAsText(Compression c) throws IOException {
        // the file name says nothing: detection is by content alone
        try (OpenedInput in = OpenedInput.open(write("rotated.1", compress(c, LOG.getBytes(StandardCharsets.UTF_8))))) {
            assertEquals(c, in.compression());
            assertEquals(List.of(LOG.strip()), in.headLines(5));
            assertEquals(LOG, read(in));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void concatenatedMembersAreReadAsOneInput(Compression c) throws IOException {
        byte[] one = compress(c, LOG.getBytes(StandardCharsets.UTF_8));
        byte[] two = Arrays.copyOf(one, one.length * 2);
        System.arraycopy(one, 0, two, one.length, one.length);
        try (OpenedInput in = OpenedInput.open(write("twice", two))) {
            assertEquals(LOG + LOG, read(in));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void largeArchiveCutShortFailsWhileReadingWithAClearMessage(Compression c) throws IOException {
        byte[] data = log(3_000_000);
        byte[] whole = compress(c, data);
        Input cut = write("cut." + c.label(), Arrays.copyOf(whole, whole.length - 40));
        try (OpenedInput in = OpenedInput.open(cut)) {
            IOException e = assertThrows(IOException.class, () -> read(in));
            assertEquals(c.label() + " data is truncated", OpenedInput.describe(e));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void smallArchiveCutShortOpensAndFailsOnlyAtTheDamage(Compression c) throws IOException {
        byte[] whole = compress(c, log(4_000));
        Input cut = write("small." + c.label(), Arrays.copyOf(whole, whole.length / 2));
        OpenedInput in;
        try {
            in = OpenedInput.open(cut);
        } catch (InputException e) {
            // bzip2 decodes whole 900 kB blocks: when the first block is cut, nothing can be read at all
            assertEquals(cut.name() + ": cannot read: " + c.label() + " data is truncated", e.getMessage());
            return;
        }
        try (in) {
            // the bytes before the damage are there for the parser; reading past them fails clearly
            IOException e = assertThrows(IOException.class, () -> read(in));
            assertEquals(c.label() + " data is truncated", OpenedInput.describe(e));
        }
    }

    @Test
    void corruptZstdIsAnIOExceptionNotAnUncheckedCrash() throws IOException {
        byte[] data = log(3_000_000);
        byte[] bad = compress(Compression.ZSTD, data);
        bad[bad.length - 2] ^= 0x5a; // the frame checksum no longer matches
        try (OpenedInput in = OpenedInput.open(write("bad.zst", bad))) {
            IOException e = assertThrows(IOException.class, () -> read(in));
            assertTrue(OpenedInput.describe(e).startsWith("corrupt zstd data ("), OpenedInput.describe(e));
        }
    }

    @Test
    void corruptXzHeaderIsReportedWhenOpening() throws IOException {
        byte[] bad = compress(Compression.XZ, log(1_000));
        bad[7] ^= 0x5a; // stream flags
        InputException e = assertThrows(InputException.class, () -> OpenedInput.open(write("bad.xz", bad)));
        assertTrue(e.getMessage().contains("corrupt xz data ("), e.getMessage());
    }

    @Test
    void textThatHappensToStartLikeAMagicIsPlain() throws IOException {
        byte[] text = "BZh, not a bzip2 stream\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(Compression.NONE, Compression.of(text, text.length));
        assertEquals(Compression.NONE, Compression.of(new byte[] {0x28}, 1));
    }

    @Test
    void readErrorsOfTheFileItselfAreNotBlamedOnTheArchive() throws IOException {
        byte[] gz = compress(Compression.GZIP, log(3_000_000));
        InputStream failing = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos >= gz.length / 2) {
                    throw new IOException("Input/output error");
                }
                return gz[pos++] & 0xff;
            }
        };
        InputStream in = Compression.GZIP.decompress(failing);
        IOException e = assertThrows(IOException.class, () -> in.readAllBytes());
        assertEquals("Input/output error", OpenedInput.describe(e));
    }

    @Test
    void decompressedBytesAreExactlyTheOriginal() throws IOException {
        byte[] data = log(300_000);
        for (Compression c : Compression.values()) {
            try (InputStream in = c.decompress(new java.io.ByteArrayInputStream(compress(c, data)))) {
                assertArrayEquals(data, in.readAllBytes(), c.label());
            }
        }
    }
}

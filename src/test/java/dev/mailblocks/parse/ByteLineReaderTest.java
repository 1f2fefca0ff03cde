package dev.mailblocks.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte reader gives the lines, numbers, texts and screening the character reader gives, whatever the input. */
class ByteLineReaderTest {

    /** Hands out its bytes a few at a time, as a slow pipe would. */
    private static InputStream trickle(byte[] bytes, Random rnd) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + rnd.nextInt(300)));
            }
        };
    }

    /** A line as a short text: its number, screening, length, hash and ends (long lines would flood a failure). */
    private static String describe(long number, LineResult screened, String text) {
        String ends = text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 20);
        return number + " " + (screened == null ? "read" : screened) + " len=" + text.length() + " hash="
                + text.hashCode() + " [" + ends.replace("\r", "\\r") + "]";
    }

    private static List<String> byChars(byte[] bytes) throws IOException {
        LineReader r = new LineReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
        List<String> out = new ArrayList<>();
        String line;
        while ((line = r.next()) != null) {
            LineResult s = r.screen(line);
            out.add(describe(r.number(), s, line));
        }
        return out;
    }

    private static List<String> byBytes(InputStream in) throws IOException {
        ByteLineReader r = new ByteLineReader(in);
        List<String> out = new ArrayList<>();
        while (r.next()) {
            LineResult s = r.screen();
            out.add(describe(r.number(), s, r.text()));
            if (r.plain()) {
                assertEquals(r.text(), new String(r.bytes(), r.start(), r.end() - r.start(), StandardCharsets.US_ASCII));
            }
        }
        return out;
    }

    @Test
    void randomBytesGiveTheSameLines() throws IOException {
        Random rnd = new Random(4);
        byte[][] pieces = {"abc".getBytes(StandardCharsets.UTF_8), {'\n'}, {'\r', '\n'}, {'\r'}, {'\t'}, {' '}, {0},
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "é".getBytes(StandardCharsets.UTF_8), {(byte) 0xC3}, {(byte) 0xFF},
            "Jan  3 10:00:00 mx postfix/smtp[1]: 1A2B3C4D5E: to=<a@b>, status=sent (250 ok)".getBytes(StandardCharsets.UTF_8),
            {0x1F}, {0x7F}};
        for (int i = 0; i < 3000; i++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int parts = rnd.nextInt(40);
            for (int p = 0; p < parts; p++) {
                out.writeBytes(pieces[rnd.nextInt(pieces.length)]);
            }
            byte[] bytes = out.toByteArray();
            assertEquals(byChars(bytes), byBytes(trickle(bytes, rnd)), () -> java.util.Arrays.toString(bytes));
        }
    }

    @Test
    void longLinesAreCutAsBefore() throws IOException {
        Random rnd = new Random(8);
        String[] lines = {"x".repeat(LineReader.MAX_LINE), "x".repeat(LineReader.MAX_LINE + 1),
            "x".repeat(LineReader.MAX_LINE) + "\r", "\u00e9".repeat(LineReader.MAX_LINE / 2 + 7),
            "\u20ac".repeat(LineReader.MAX_LINE + 3), "y".repeat(5 * LineReader.MAX_LINE), "short"};
        byte[] bytes = ("\uFEFF" + String.join("\n", lines) + "\n" + String.join("\n", lines)).getBytes(StandardCharsets.UTF_8);
        List<String> want = byChars(bytes);
        List<String> trickled = byBytes(trickle(bytes, rnd));
        List<String> whole = byBytes(new ByteArrayInputStream(bytes));
        assertEquals(want.size(), whole.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i), whole.get(i), "line " + (i + 1));
            assertEquals(want.get(i), trickled.get(i), "line " + (i + 1) + ", read a few bytes at a time");
        }
    }

    @Test
    void plainMeansPrintableAsciiAndTabs() {
        Random rnd = new Random(2);
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = rnd.nextInt(8) == 0 ? (byte) rnd.nextInt(256) : (byte) (0x20 + rnd.nextInt(0x60));
                if (rnd.nextInt(20) == 0) {
                    b[k] = '\t';
                }
            }
            boolean naive = true;
            for (byte c : b) {
                naive &= c == '\t' || c >= 0x20;
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            boolean naiveFrom = true;
            for (int k = from; k < b.length; k++) {
                naiveFrom &= b[k] == '\t' || b[k] >= 0x20;
            }
            assertEquals(naive, ByteLineReader.isPlain(b, 0, b.length));
            assertEquals(naiveFrom, ByteLineReader.isPlain(b, from, b.length));
        }
    }

    @Test
    void peekShowsTheFirstByteOfTheNextLineOnlyWhenItIsRead() throws IOException {
        Random rnd = new Random(9);
        for (int k = 0; k < 2_000; k++) {
            StringBuilder text = new StringBuilder();
            for (int n = rnd.nextInt(6); n > 0; n--) {
                text.append(" \tax\u00e9".charAt(rnd.nextInt(5))).append("x".repeat(rnd.nextInt(3)))
                        .append(rnd.nextBoolean() ? "\n" : "\r\n");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            List<Integer> starts = new ArrayList<>(); // where each line after the first starts in the bytes
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    starts.add(i + 1);
                }
            }
            ByteLineReader reader = new ByteLineReader(trickle(bytes, rnd));
            int n = 0;
            while (reader.next()) {
                int next = starts.get(n++);
                int peek = reader.peek();
                if (peek >= 0) {
                    // a byte that is read is the first byte of the next line, which there is
                    assertEquals(true, next < bytes.length, text.toString());
                    assertEquals(bytes[next] & 0xff, peek, text.toString());
                }
            }
            assertEquals(-1, reader.peek(), "at the end");
        }
    }
}

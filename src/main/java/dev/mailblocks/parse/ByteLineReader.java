package dev.mailblocks.parse;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines as bytes, for parsers that recognise most lines without decoding them: the same
 * lines, numbers, bounds and text as {@link LineReader} over a UTF-8 decoder that replaces what
 * is not UTF-8, without a {@code String} per line.
 *
 * <p>After {@link #next()} the line is {@code bytes()[start() .. end())}, without its line end
 * (LF or CRLF) and without a UTF-8 byte order mark before the first line. {@link #plain()} says
 * whether the line is printable ASCII (and tabs) only: such a line decodes to exactly one char
 * per byte, so byte offsets are char offsets, it cannot be binary or blank unless it is empty or
 * spaces, and a parser may read it byte by byte. Any other line should be read through
 * {@link #text()}, with {@link #screen()} first, as before.
 *
 * <p>A line longer than {@link LineReader#MAX_LINE} characters is cut there, the rest skipped
 * ({@link #truncated()}): the bytes kept are bounded by four times that, so one runaway line cannot
 * exhaust memory.
 */
public final class ByteLineReader {

    /** The most bytes of one line kept: at least {@link LineReader#MAX_LINE} characters whatever they are. */
    static final int MAX_BYTES = 4 * LineReader.MAX_LINE + 4;

    private final InputStream in;
    private byte[] buf = new byte[128 * 1024];
    /** Unread data is {@code buf[pos, limit)}. */
    private int pos;
    private int limit;
    private boolean eof;

    private int start;
    private int end;
    private long number;
    private boolean truncated;
    private boolean plain;
    private String text;

    public ByteLineReader(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; {@code false} at the end of input. */
    public boolean next() throws IOException {
        text = null;
        truncated = false;
        int scan = pos;
        while (true) {
            int nl = indexOfNewline(buf, scan, limit);
            if (nl >= 0) {
                start = pos;
                end = nl;
                pos = nl + 1;
                break;
            }
            if (limit - pos >= MAX_BYTES) {
                runawayLine();
                return true;
            }
            int scanned = limit - pos;
            if (!fill()) {
                if (pos == limit) {
                    return false;
                }
                start = pos;
                end = limit;
                pos = limit;
                break;
            }
            scan = pos + scanned;
        }
        number++;
        boolean bom = skipBom();
        if (end - start > (bom ? LineReader.MAX_LINE - 1 : LineReader.MAX_LINE)) { // the mark counted as a character
            longLine(bom, false);
        } else {
            if (end > start && buf[end - 1] == '\r') {
                end--;
            }
            plain = isPlain(buf, start, end);
        }
        return true;
    }

    private boolean skipBom() {
        if (number == 1 && end - start >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB
                && buf[start + 2] == (byte) 0xBF) {
            start += 3;
            return true;
        }
        return false;
    }

    /** A line without a newline in the first {@link #MAX_BYTES} bytes: keep its start as text, skip the rest. */
    private void runawayLine() throws IOException {
        start = pos;
        end = pos + MAX_BYTES;
        number++;
        longLine(skipBom(), true);
        int nl = indexOfNewline(buf, end, limit);
        if (nl >= 0) {
            pos = nl + 1;
        } else {
            pos = 0;
            limit = 0;
            while (true) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    eof = true;
                    break;
                }
                nl = indexOfNewline(buf, 0, n);
                if (nl >= 0) {
                    pos = nl + 1;
                    limit = n;
                    break;
                }
            }
        }
        start = 0;
        end = 0; // the line is only its text now
    }

    /**
     * A line of more than {@link LineReader#MAX_LINE} bytes: decoded, cut at that many characters if
     * longer, its CR dropped, as the character reader does (which cut before dropping a byte order mark).
     */
    private void longLine(boolean bom, boolean over) {
        String s = new String(buf, start, end - start, StandardCharsets.UTF_8);
        int max = bom ? LineReader.MAX_LINE - 1 : LineReader.MAX_LINE;
        if (over || s.length() > max) {
            truncated = true;
            s = s.substring(0, Math.min(max, s.length()));
        }
        if (!s.isEmpty() && s.charAt(s.length() - 1) == '\r') {
            s = s.substring(0, s.length() - 1);
        }
        text = s;
        plain = false;
    }

    /** Reads more data after the unread part, moving or growing the buffer; {@code false} at the end. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            byte[] bigger = new byte[Math.min(Math.max(buf.length * 2, 1024), MAX_BYTES + 64 * 1024)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n <= 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** The first LF in {@code b[from, to)}, or -1; eight bytes at a time. */
    private static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ (ONES * '\n');
            long zero = (x - ONES) & ~x & HIGHS; // the lowest set bit marks the first byte that was a LF
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Whether every byte is printable ASCII or a tab; eight bytes at a time. */
    static boolean isPlain(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            if ((w & HIGHS) != 0) {
                return false; // past ASCII
            }
            if (((w - ONES * 0x20) & ~w & HIGHS) != 0 && !isPlainBytes(b, i, i + 8)) {
                return false; // a control character that is not a tab
            }
        }
        return isPlainBytes(b, i, to);
    }

    private static boolean isPlainBytes(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < 0x20 && c != '\t') {
                return false; // control characters, and (as a signed byte) everything past ASCII
            }
        }
        return true;
    }

    /** The buffer holding the line; valid until the next call of {@link #next()}. */
    public byte[] bytes() {
        return buf;
    }

    /** Where the line starts in {@link #bytes()}. */
    public int start() {
        return start;
    }

    /** Where the line ends (exclusive) in {@link #bytes()}. */
    public int end() {
        return end;
    }

    /** Whether the line is printable ASCII and tabs only (and not cut): one char per byte. */
    public boolean plain() {
        return plain;
    }

    /**
     * The first byte of the next line when it is already read into the buffer, else -1 (it is not, or
     * there is none): lets a parser tell without reading on whether the line after this one may continue it.
     */
    public int peek() {
        return pos < limit ? buf[pos] & 0xff : -1;
    }

    /** The number of the current line (1-based). */
    public long number() {
        return number;
    }

    /** Whether the current line was cut at {@link LineReader#MAX_LINE} characters. */
    public boolean truncated() {
        return truncated;
    }

    /** The line as text, decoded once (what is not UTF-8 becomes U+FFFD). */
    public String text() {
        if (text == null) {
            text = plain ? new String(buf, start, end - start, StandardCharsets.ISO_8859_1)
                    : new String(buf, start, end - start, StandardCharsets.UTF_8);
        }
        return text;
    }

    /**
     * What the current line is when its content cannot matter, as {@link LineReader#screen(String)}
     * says: malformed when cut or binary, ignored when blank; {@code null} when it is to be read.
     */
    public LineResult screen() {
        if (truncated) {
            return LineReader.TOO_LONG;
        }
        if (plain) {
            for (int i = start; i < end; i++) {
                if (buf[i] != ' ' && buf[i] != '\t') {
                    return null;
                }
            }
            return LineReader.BLANK;
        }
        String line = text();
        if (LineReader.looksBinary(line)) {
            return LineReader.BINARY;
        }
        if (line.isBlank()) {
            return LineReader.BLANK;
        }
        return null;
    }
}

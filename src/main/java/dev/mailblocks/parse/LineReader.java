package dev.mailblocks.parse;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines with a hard bound on their length, counting them from 1.
 *
 * <p>A line longer than {@link #MAX_LINE} characters is cut there and the rest of it is
 * skipped, so that one runaway line (a binary file, a log without newlines) cannot exhaust
 * memory; {@link #truncated()} says so. Line ends are LF or CRLF. A byte order mark before the
 * first line is dropped.
 */
public final class LineReader {

    /** The longest line kept whole, in characters. */
    public static final int MAX_LINE = 1 << 20;

    static final LineResult TOO_LONG = LineResult.malformed("line longer than " + MAX_LINE + " characters");
    static final LineResult BINARY = LineResult.malformed("binary data");
    static final LineResult BLANK = LineResult.ignored("blank line");

    private final Reader in;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int end;
    private long number;
    private boolean truncated;
    private boolean eof;

    public LineReader(Reader in) {
        this.in = in;
    }

    /** The next line without its line end, or {@code null} at the end of input. */
    public String next() throws IOException {
        if (eof) {
            return null;
        }
        StringBuilder line = new StringBuilder(128);
        truncated = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    eof = true;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            append(line, start, pos);
            if (pos < end) {
                pos++; // the newline
                break;
            }
        }
        number++;
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
            line.setLength(len - 1);
        }
        if (number == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0); // a UTF-8 byte order mark (Exchange, spreadsheet exports) is not text
        }
        return line.toString();
    }

    private void append(StringBuilder line, int from, int to) {
        int room = MAX_LINE - line.length();
        int n = to - from;
        if (n > room) {
            truncated = true;
            n = Math.max(room, 0);
        }
        line.append(buf, from, n);
    }

    /** The number of the line last returned (1-based). */
    public long number() {
        return number;
    }

    /** Whether the line last returned was cut at {@link #MAX_LINE}. */
    public boolean truncated() {
        return truncated;
    }

    /** A line without a leading byte order mark, for sniffing lines that did not come through a reader. */
    public static String withoutBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /**
     * What the line last returned is when its content cannot matter: malformed when it was cut
     * at {@link #MAX_LINE} or is binary, ignored when blank; {@code null} when it is to be read.
     */
    public LineResult screen(String line) {
        if (truncated) {
            return TOO_LONG;
        }
        if (looksBinary(line)) {
            return BINARY;
        }
        if (line.isBlank()) {
            return BLANK;
        }
        return null;
    }

    /**
     * Whether a line holds what no text log has: a NUL, or at least three control or
     * undecodable characters making up more than a tenth of it (one stray Latin-1 byte in a
     * subject is not binary).
     */
    public static boolean looksBinary(String line) {
        int bad = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == 0) {
                return true;
            }
            if (c == '\uFFFD' || (c < 32 && c != '\t')) {
                bad++;
            }
        }
        return bad >= 3 && bad * 10 > line.length();
    }
}

package dev.mailblocks.parse;

import java.io.IOException;

/**
 * Cuts CSV text into records by RFC 4180 quoting, keeping the physical lines each record spans:
 * a quoted value may hold line breaks, so one record can cover several lines.
 *
 * <p>Bounded: a record longer than {@link #MAX_LINES} lines or {@link LineReader#MAX_LINE}
 * characters is cut there and reported as a problem, and reading goes on from the next line,
 * so that one unbalanced quote cannot swallow the file or the memory.
 */
public final class CsvRecordReader {

    /** The most lines one record may span. */
    public static final int MAX_LINES = 500;

    /**
     * One record: lines {@code firstLine .. firstLine + lineCount - 1} joined with {@code \n};
     * {@code problem} is non-null when it cannot be read as a record; {@code plain} when it is one line
     * of printable ASCII and tabs (then it holds no control character, no line break and no U+FFFD).
     */
    public record Record(long firstLine, int lineCount, String text, String problem, boolean plain) {

        Record(long firstLine, int lineCount, String text, String problem) {
            this(firstLine, lineCount, text, problem, false);
        }
    }

    /** The lines a reader gives as text: a {@link LineReader}'s, or a {@link ByteLineReader}'s decoded. */
    public interface Lines {
        /** The next line, or {@code null} at the end of input. */
        String next() throws IOException;

        /** The number of the line last returned (1-based). */
        long number();

        /** Whether the line last returned was cut at {@link LineReader#MAX_LINE}. */
        boolean truncated();

        /** Whether the line last returned is known to be printable ASCII and tabs only ({@code false}: not known). */
        default boolean plain() {
            return false;
        }

        static Lines of(LineReader reader) {
            return new Lines() {
                @Override
                public String next() throws IOException {
                    return reader.next();
                }

                @Override
                public long number() {
                    return reader.number();
                }

                @Override
                public boolean truncated() {
                    return reader.truncated();
                }
            };
        }

        /** The same lines as a {@link LineReader} over the same bytes decoded as UTF-8 gives. */
        static Lines of(ByteLineReader reader) {
            return new Lines() {
                @Override
                public String next() throws IOException {
                    return reader.next() ? reader.text() : null;
                }

                @Override
                public long number() {
                    return reader.number();
                }

                @Override
                public boolean truncated() {
                    return reader.truncated();
                }

                @Override
                public boolean plain() {
                    return reader.plain();
                }
            };
        }
    }

    private final Lines lines;
    private String pending;
    private long pendingNumber;
    private boolean pendingTruncated;
    private boolean pendingPlain;

    public CsvRecordReader(LineReader lines) {
        this(Lines.of(lines));
    }

    public CsvRecordReader(Lines lines) {
        this.lines = lines;
    }

    /** Puts back the line just read from the same lines, to be the start of the next record. */
    public void unread(String line) {
        pending = line;
        pendingNumber = lines.number();
        pendingTruncated = lines.truncated();
        pendingPlain = lines.plain();
    }

    /** The next record, or {@code null} at the end of the input. */
    public Record next() throws IOException {
        StringBuilder text = null; // made when a record spans lines: most are one line, returned as it is
        long first = -1;
        int count = 0;
        boolean quoted = false;
        while (true) {
            String line;
            long number;
            boolean truncated;
            boolean plain;
            if (pending != null) {
                line = pending;
                number = pendingNumber;
                truncated = pendingTruncated;
                plain = pendingPlain;
                pending = null;
            } else {
                line = lines.next();
                number = lines.number();
                truncated = lines.truncated();
                plain = line != null && lines.plain();
            }
            if (line == null) {
                return count == 0 ? null : new Record(first, count, text.toString(), "the file ends inside a quoted value");
            }
            if (count == 0 && !truncated && line.length() < LineReader.MAX_LINE) {
                // the first line, as the loop below reads it without copying it when it is the whole record
                first = number;
                count = 1;
                quoted = endsQuoted(line, false);
                if (!quoted) {
                    return new Record(first, count, line, null, plain);
                }
                text = new StringBuilder(line);
                continue;
            }
            if (text == null) {
                text = new StringBuilder();
            }
            if (first < 0) {
                first = number;
            }
            count++;
            if (truncated) {
                return new Record(first, count, line, "line longer than " + LineReader.MAX_LINE + " characters");
            }
            if (text.length() + line.length() >= LineReader.MAX_LINE) {
                return new Record(first, count, text.toString(),
                        "a record longer than " + LineReader.MAX_LINE + " characters");
            }
            if (count > 1) {
                text.append('\n');
            }
            text.append(line);
            quoted = endsQuoted(line, quoted);
            if (!quoted) {
                return new Record(first, count, text.toString(), null);
            }
            if (count >= MAX_LINES) {
                return new Record(first, count, text.toString(),
                        "a quoted value runs over " + count + " lines without closing");
            }
        }
    }

    /**
     * Whether a quoted value is still open at the end of the line. A quote opens a value only at
     * the start of a field; inside, {@code ""} is a quote and a single {@code "} closes it.
     */
    public static boolean endsQuoted(String line, boolean quoted) {
        boolean fieldStart = !quoted;
        boolean inQuotes = quoted;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                    }
                }
            } else if (c == ',') {
                fieldStart = true;
            } else {
                if (c == '"' && fieldStart) {
                    inQuotes = true;
                }
                fieldStart = false;
            }
        }
        return inQuotes;
    }
}

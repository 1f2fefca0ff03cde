package dev.mailblocks.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads one CSV record (one row's text, already cut from the input) with Commons CSV, by the
 * names of a header row. Each row is parsed on its own so that one broken row is malformed
 * without throwing the rest of the file off.
 */
public final class CsvRows {

    /** A row that Commons CSV cannot read; the message says why. */
    public static final class BadRow extends Exception {
        private static final long serialVersionUID = 1L;

        BadRow(String message) {
            super(message);
        }
    }

    private CsvRows() {
    }

    /**
     * The format for rows under this header: RFC 4180, cells looked up by header name ignoring
     * case; repeated names are allowed (Mandrill exports repeat {@code expires_at}) and so are
     * empty ones (a trailing comma in the header).
     */
    public static CSVFormat format(List<String> header) {
        return CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new))
                .setSkipHeaderRecord(false)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .setIgnoreHeaderCase(true)
                .setAllowMissingColumnNames(true)
                .get();
    }

    /** Reads exactly one record from {@code text}. */
    public static CSVRecord one(String text, CSVFormat format) throws BadRow {
        try (CSVParser parser = CSVParser.parse(text, format)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new BadRow("empty row");
            }
            CSVRecord record = it.next();
            if (it.hasNext()) {
                throw new BadRow("more than one CSV record on the line");
            }
            return record;
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new BadRow("unreadable CSV: " + firstLine(e));
        }
    }

    /** The cells of a row read without a header (a header row itself). */
    public static List<String> cells(String text) throws BadRow {
        CSVRecord r = one(text, CSVFormat.RFC4180);
        List<String> out = new ArrayList<>(r.size());
        r.forEach(out::add);
        return out;
    }

    /** A cell by header name, trimmed; {@code null} when the header lacks the name or the cell is empty. */
    public static String get(CSVRecord record, String name) {
        if (!record.isMapped(name) || !record.isSet(name)) {
            return null;
        }
        String v = record.get(name).strip();
        return v.isEmpty() ? null : v;
    }

    private static String firstLine(Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Where each cell of a row ends (its comma, or the line's length for the last), when the row has no
     * quote and no line break and exactly {@code count} cells: then each cell is what
     * {@link #simpleFields} gives, without making them all. {@code null} for any other row.
     */
    public static int[] simpleCellEnds(String line, int count) {
        if (line.isEmpty()) {
            return null;
        }
        int[] ends = new int[count];
        int field = 0;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == ',') {
                if (field + 1 >= count) {
                    return null; // more cells than the header has
                }
                ends[field++] = i;
            } else if (c == '"' || c == '\r' || c == '\n') {
                return null;
            }
        }
        ends[field++] = n;
        return field == count ? ends : null;
    }

    /** The i-th cell of a row cut by {@link #simpleCellEnds}. */
    public static String cell(String line, int[] ends, int i) {
        return line.substring(i == 0 ? 0 : ends[i - 1] + 1, ends[i]);
    }

    /**
     * Where each cell of a row is, when the row is one {@link #simpleFields} splits (and then exactly as it
     * splits it), without making a string per cell: cell {@code i}'s content (inside its quotes, for a
     * quoted one) is {@code line[bounds[2i], bounds[2i + 1])}, and {@code doubled[i]} says a quoted cell
     * holds doubled quotes (to be read as one). {@code false} where {@link #simpleFields} gives {@code null}.
     * The scans are {@link String#indexOf}'s, which the JVM runs several characters at a time.
     */
    public static boolean cellBounds(String line, int count, int[] bounds, boolean[] doubled) {
        int n = line.length();
        if (n == 0 || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            return false;
        }
        int quote = line.indexOf('"'); // the next quote at or after i, or -1
        int field = 0;
        int i = 0;
        while (true) {
            if (field == count) {
                return false; // more fields than the header has
            }
            if (i == quote) {
                boolean twice = false;
                int k = i + 1;
                while (true) {
                    k = line.indexOf('"', k);
                    if (k < 0) {
                        return false; // an open quote
                    }
                    if (k + 1 < n && line.charAt(k + 1) == '"') {
                        twice = true;
                        k += 2;
                        continue;
                    }
                    break;
                }
                bounds[2 * field] = i + 1;
                bounds[2 * field + 1] = k;
                doubled[field] = twice;
                i = k + 1;
                if (i < n && line.charAt(i) != ',') {
                    return false; // text after a closing quote
                }
                quote = i < n ? line.indexOf('"', i) : -1;
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                if (quote >= 0 && quote < end) {
                    return false; // a quote inside an unquoted cell
                }
                bounds[2 * field] = i;
                bounds[2 * field + 1] = end;
                doubled[field] = false;
                i = end;
            }
            field++;
            if (i >= n) {
                break;
            }
            i++; // the comma
        }
        return field == count;
    }

    /** Cell {@code i} of a row cut by {@link #cellBounds}: what {@link #simpleFields} gives for it. */
    public static String cell(String line, int[] bounds, boolean[] doubled, int i) {
        String v = line.substring(bounds[2 * i], bounds[2 * i + 1]);
        return doubled[i] ? v.replace("\"\"", "\"") : v;
    }

    /**
     * The fields of a row, when the row is plain enough that splitting it by hand gives what the
     * RFC 4180 reader gives: exactly {@code count} fields, each unquoted without a quote in it or
     * quoted from its first to its last character (doubled quotes inside), no line break. Otherwise
     * {@code null}, and the CSV reader reads the row.
     */
    public static String[] simpleFields(String line, int count) {
        if (line.isEmpty()) {
            return null; // the CSV reader reads no record at all
        }
        String[] out = new String[count];
        int n = line.length();
        int field = 0;
        int i = 0;
        while (true) {
            if (field == count) {
                return null; // more fields than the header has
            }
            int start = i;
            String v;
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = null;
                int k = i + 1;
                int from = k;
                while (true) {
                    if (k >= n) {
                        return null; // an open quote
                    }
                    char c = line.charAt(k);
                    if (c == '\r' || c == '\n') {
                        return null;
                    }
                    if (c == '"') {
                        if (k + 1 < n && line.charAt(k + 1) == '"') {
                            sb = (sb == null ? new StringBuilder() : sb).append(line, from, k + 1);
                            k += 2;
                            from = k;
                            continue;
                        }
                        break;
                    }
                    k++;
                }
                v = sb == null ? line.substring(from, k) : sb.append(line, from, k).toString();
                i = k + 1;
                if (i < n && line.charAt(i) != ',') {
                    return null; // text after a closing quote
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    char c = line.charAt(i);
                    if (c == '"' || c == '\r' || c == '\n') {
                        return null;
                    }
                    i++;
                }
                v = line.substring(start, i);
            }
            out[field++] = v;
            if (i >= n) {
                break;
            }
            i++; // the comma
        }
        return field == count ? out : null;
    }
}

package dev.mailblocks.parse.esp;

import dev.mailblocks.parse.CsvRows;
import java.util.HashMap;
import java.util.Map;

/**
 * A one-line CSV row of an ESP export that {@code CsvRows.simpleFields} can split (no line break, each
 * cell unquoted or quoted whole), read where a value is asked only: what {@link EspCellsRecord} reads
 * from the same row split whole, without a string per cell the profile does not use.
 *
 * <p>One instance serves every row of an export ({@link #read}); a row's values are taken before the next
 * row is read.
 */
final class EspLineRecord implements EspRecord {

    /** The columns of one export's header: each path asked resolved once, as {@link EspCellsRecord} resolves it. */
    static final class Columns {
        private final Map<String, Integer> byName;
        private final Map<String, Integer> resolved = new HashMap<>();
        private final int count;

        /** @param byName {@link EspCellsRecord#columns} of the header */
        Columns(Map<String, Integer> byName, int count) {
            this.byName = byName;
            this.count = count;
        }

        /** The column a path reads, or -1 (an array path, or no such column). */
        int of(String path) {
            Integer c = resolved.get(path);
            if (c == null) {
                Integer i = path.contains("[]") ? null : byName.get(path);
                c = i == null ? -1 : i;
                resolved.put(path, c);
            }
            return c;
        }
    }

    private final Columns columns;
    private final int[] bounds;
    private final boolean[] doubled;
    private String line;

    EspLineRecord(Columns columns) {
        this.columns = columns;
        this.bounds = new int[2 * columns.count];
        this.doubled = new boolean[columns.count];
    }

    /**
     * Takes this row when it has exactly as many cells as the header and {@code CsvRows.simpleFields} would
     * split it (then each value is what that split gives); {@code false} for any other row.
     */
    boolean read(String row) {
        if (!CsvRows.cellBounds(row, columns.count, bounds, doubled)) {
            line = null;
            return false;
        }
        line = row;
        return true;
    }

    @Override
    public String value(String path, int index) {
        int i = columns.of(path);
        if (i < 0) {
            return null;
        }
        int from = bounds[2 * i];
        int to = bounds[2 * i + 1];
        while (from < to && Character.isWhitespace(line.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return null;
        }
        String v = line.substring(from, to);
        return doubled[i] ? v.replace("\"\"", "\"").strip() : v;
    }

    @Override
    public int size(String path) {
        return path.contains("[]") ? 0 : -1;
    }
}

package dev.mailblocks.parse.esp;

import dev.mailblocks.parse.CsvRows;
import java.util.HashMap;
import java.util.Map;

/**
 * A CSV row of an ESP export with no quote and no line break, cut at its commas only where a value
 * is read: what {@link EspCellsRecord} reads from the same row split whole, without a string per cell
 * the profile does not use.
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

        /**
         * Where each cell of a row ends (its comma, or the line's length for the last), when the row has
         * no quote and no line break and exactly as many cells as the header: then each cell is what
         * {@code CsvRows.simpleFields} gives. {@code null} for any other row.
         */
        int[] ends(String line) {
            return CsvRows.simpleCellEnds(line, count);
        }
    }

    private final String line;
    private final int[] ends;
    private final Columns columns;

    EspLineRecord(String line, int[] ends, Columns columns) {
        this.line = line;
        this.ends = ends;
        this.columns = columns;
    }

    @Override
    public String value(String path, int index) {
        int i = columns.of(path);
        if (i < 0) {
            return null;
        }
        String v = line.substring(i == 0 ? 0 : ends[i - 1] + 1, ends[i]).strip();
        return v.isEmpty() ? null : v;
    }

    @Override
    public int size(String path) {
        return path.contains("[]") ? 0 : -1;
    }
}

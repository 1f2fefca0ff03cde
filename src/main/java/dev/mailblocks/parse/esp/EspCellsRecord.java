package dev.mailblocks.parse.esp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CSV row of an ESP export split by hand ({@code CsvRows.simpleFields}), read as {@link EspCsvRecord}
 * reads a row of the CSV reader: a path is a column name, case does not matter.
 */
record EspCellsRecord(String[] cells, Map<String, Integer> byName) implements EspRecord {

    /**
     * The column of each header name, ignoring case as the CSV reader does; {@code null} when two
     * names differ in case only (or repeat), so that the CSV reader decides which column a name means.
     */
    static Map<String, Integer> columns(List<String> names) {
        Map<String, Integer> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), i);
        }
        return byName.size() == names.size() ? byName : null;
    }

    @Override
    public String value(String path, int index) {
        if (path.contains("[]")) {
            return null;
        }
        Integer i = byName.get(path);
        if (i == null) {
            return null;
        }
        String v = cells[i].strip();
        return v.isEmpty() ? null : v;
    }

    @Override
    public int size(String path) {
        return path.contains("[]") ? 0 : -1;
    }
}

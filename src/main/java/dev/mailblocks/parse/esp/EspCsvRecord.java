package dev.mailblocks.parse.esp;

import dev.mailblocks.parse.CsvRows;
import org.apache.commons.csv.CSVRecord;

/** A CSV row of an ESP export: a path is a column name (case does not matter). */
record EspCsvRecord(CSVRecord row) implements EspRecord {

    @Override
    public String value(String path, int index) {
        return path.contains("[]") ? null : CsvRows.get(row, path);
    }

    @Override
    public int size(String path) {
        return path.contains("[]") ? 0 : -1;
    }
}

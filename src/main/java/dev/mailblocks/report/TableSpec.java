package dev.mailblocks.report;

import java.util.List;

/**
 * A report table: its id (the CSV file's name without {@code .csv}, the JSON key), its title
 * and its columns. CSV, JSON and HTML are all rendered from it.
 */
public record TableSpec<R>(String id, String title, List<Column<R>> columns) {

    public TableSpec {
        columns = List.copyOf(columns);
    }

    /** The CSV header: the column names. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }
}

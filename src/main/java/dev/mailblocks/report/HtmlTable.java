package dev.mailblocks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A table ready for the {@code table.jte} template: labels and cell texts, each cell with the
 * CSS class of its column's kind. Free text from logs (examples, templates) goes on a
 * full-width line under its row, so that the figures stay on one screen. The template escapes
 * every text.
 *
 * @param more rows left out of the page (they are in the CSV file)
 */
public record HtmlTable(String id, String title, List<Head> heads, List<Row> rows, int more, String csv) {

    /** A column header. */
    public record Head(String label, String css) {
    }

    /** A cell: its column's label, its text and its CSS class. */
    public record Cell(String label, String text, String css) {
    }

    /** A row: its cells, and the free-text values shown under it. */
    public record Row(List<Cell> cells, List<Cell> details) {

        /** Whether there is text to show under the row. */
        public boolean hasDetails() {
            return details.stream().anyMatch(c -> !c.text().isEmpty());
        }
    }

    /** Renders up to {@code limit} rows of a table. */
    public static <R> HtmlTable of(TableSpec<R> spec, List<R> rows, Redactor redactor, int limit) {
        return of(spec, rows, redactor, limit, Set.of());
    }

    /** Renders up to {@code limit} rows of a table without the named columns (shown elsewhere on the page). */
    public static <R> HtmlTable of(TableSpec<R> spec, List<R> rows, Redactor redactor, int limit, Set<String> omit) {
        List<Column<R>> columns = spec.columns().stream().filter(c -> !omit.contains(c.name())).toList();
        List<Head> heads = columns.stream().filter(c -> c.kind() != Column.Kind.TEXT)
                .map(c -> new Head(c.label(), css(c.kind()))).toList();
        List<Row> body = new ArrayList<>();
        for (R row : rows.subList(0, Math.min(limit, rows.size()))) {
            List<Cell> cells = new ArrayList<>();
            List<Cell> details = new ArrayList<>();
            for (Column<R> c : columns) {
                Cell cell = new Cell(c.label(), Cells.html(c.kind(), c.value().apply(row), redactor), css(c.kind()));
                (c.kind() == Column.Kind.TEXT ? details : cells).add(cell);
            }
            body.add(new Row(cells, details));
        }
        return new HtmlTable(spec.id(), spec.title(), heads, body, Math.max(0, rows.size() - limit), spec.id() + ".csv");
    }

    private static String css(Column.Kind kind) {
        return switch (kind) {
            case COUNT, RATE -> "n";
            case TEXT -> "msg";
            case TIME -> "t";
            case KEY, ADDRESS -> "k";
        };
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }
}

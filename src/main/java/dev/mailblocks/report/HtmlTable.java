package dev.mailblocks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table ready for the {@code table.jte} template: labels and cell texts, each cell with the
 * CSS class of its column's kind. The template escapes every text.
 *
 * @param more rows left out of the page (they are in the CSV file)
 */
public record HtmlTable(String id, String title, List<Head> heads, List<List<Cell>> rows, int more, String csv) {

    /** A column header. */
    public record Head(String label, String css) {
    }

    /** A cell: its text and its CSS class. */
    public record Cell(String text, String css) {
    }

    /** Renders up to {@code limit} rows of a table. */
    public static <R> HtmlTable of(TableSpec<R> spec, List<R> rows, Redactor redactor, int limit) {
        return of(spec, rows, redactor, limit, java.util.Set.of());
    }

    /** Renders up to {@code limit} rows of a table without the named columns (shown elsewhere on the page). */
    public static <R> HtmlTable of(TableSpec<R> spec, List<R> rows, Redactor redactor, int limit,
            java.util.Set<String> omit) {
        List<Column<R>> columns = spec.columns().stream().filter(c -> !omit.contains(c.name())).toList();
        List<Head> heads = columns.stream().map(c -> new Head(c.label(), css(c.kind()))).toList();
        List<List<Cell>> body = new ArrayList<>();
        for (R row : rows.subList(0, Math.min(limit, rows.size()))) {
            List<Cell> cells = new ArrayList<>();
            for (Column<R> c : columns) {
                cells.add(new Cell(Cells.html(c.kind(), c.value().apply(row), redactor), css(c.kind())));
            }
            body.add(cells);
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

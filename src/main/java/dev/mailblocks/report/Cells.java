package dev.mailblocks.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/** Turns a column's value into a CSV cell, a JSON value or HTML text, by the column's kind. */
final class Cells {

    private Cells() {
    }

    /**
     * The CSV cell: times in ISO 8601, rates with four decimals, addresses redacted. Text is made
     * formula-safe where every cell is, in {@link CsvCells.Printer}.
     */
    static Object csv(Column.Kind kind, Object v, Redactor redactor) {
        if (v == null) {
            return "";
        }
        return switch (kind) {
            case COUNT -> v;
            case RATE -> CsvCells.rate(((Number) v).doubleValue());
            case TIME -> CsvCells.time((Instant) v);
            case ADDRESS -> redactor.address(v.toString());
            case TEXT -> redactor.text(v.toString());
            case KEY -> v.toString();
        };
    }

    /** Writes the JSON value: numbers as numbers, times as ISO 8601 strings, null as null. */
    static void json(JsonGenerator g, Column.Kind kind, Object v, Redactor redactor) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (kind) {
            case COUNT -> g.writeNumber(((Number) v).longValue());
            case RATE -> g.writeNumber(new java.math.BigDecimal(CsvCells.rate(((Number) v).doubleValue())));
            case TIME -> g.writeString(CsvCells.time((Instant) v));
            case ADDRESS -> g.writeString(redactor.address(v.toString()));
            case TEXT -> g.writeString(redactor.text(v.toString()));
            case KEY -> g.writeString(v.toString());
        }
    }

    /** The text shown in HTML (the template escapes it): rates as percentages, long log text cut. */
    static String html(Column.Kind kind, Object v, Redactor redactor) {
        if (v == null) {
            return "";
        }
        return switch (kind) {
            case COUNT -> v.toString();
            case RATE -> percent(((Number) v).doubleValue());
            case TIME -> CsvCells.time((Instant) v).replace('T', ' ').replace("Z", "");
            case ADDRESS -> redactor.address(v.toString());
            case TEXT -> abbreviate(redactor.text(v.toString()));
            case KEY -> v.toString();
        };
    }

    static String percent(double r) {
        return String.format(Locale.ROOT, "%.1f%%", r * 100);
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 397) + "...";
    }
}

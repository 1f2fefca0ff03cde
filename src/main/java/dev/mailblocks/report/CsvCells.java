package dev.mailblocks.report;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;

/**
 * How values become CSV cells: ISO 8601 UTC times, fixed decimals, formula-safe text. Every
 * cell of every CSV report goes through {@link Printer}, so none escapes the formula guard.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** The one writer of CSV records: each cell made a string here, text cells guarded. */
    static final class Printer {
        private final CSVPrinter printer;

        Printer(CSVPrinter printer) {
            this.printer = printer;
        }

        /** Prints one record; numbers as they are, times as ISO 8601, everything else guarded text. */
        void printRecord(Object... cells) throws IOException {
            for (Object c : cells) {
                printer.print(cell(c));
            }
            printer.println();
        }

        /** Prints one record of the cells of a list. */
        void printRecord(List<?> cells) throws IOException {
            printRecord(cells.toArray());
        }
    }

    /** One cell. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant t) {
            return time(t);
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return rate(d);
        }
        return text(value.toString());
    }

    /** An ISO 8601 UTC time to the second, such as {@code 2026-12-31T23:59:58Z}, or empty. */
    static String time(Instant t) {
        return t == null ? "" : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A ratio with four decimals. */
    static String rate(double r) {
        return String.format(Locale.ROOT, "%.4f", r);
    }

    /**
     * Text from a log, made safe for spreadsheets: a cell that starts like a formula
     * ({@code = + - @}, tab, carriage return) gets a leading apostrophe so it is shown, not run.
     */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char c = s.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + s;
        }
        return s;
    }
}

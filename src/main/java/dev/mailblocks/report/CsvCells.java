package dev.mailblocks.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How values become CSV cells: ISO 8601 UTC times, fixed decimals, formula-safe text. */
final class CsvCells {

    private CsvCells() {
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

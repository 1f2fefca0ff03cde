package dev.mailblocks.report;

import java.util.function.Function;

/**
 * One column of a report table, described once: its name (CSV header and JSON key), its label
 * in HTML, how its value is read from a row, and its kind, which decides how the value is
 * written and escaped in each output.
 */
public record Column<R>(String name, String label, Kind kind, Function<R, Object> value) {

    /** How a value is written in CSV, JSON and HTML. */
    public enum Kind {
        /** An identifier or domain: text from a log, never wrapped inside. */
        KEY,
        /** Free text from a log: addresses in it are redacted on request; long values are cut in HTML. */
        TEXT,
        /** An e-mail address: redacted on request. */
        ADDRESS,
        /** A whole number, right-aligned. */
        COUNT,
        /** A ratio: four decimals in CSV and JSON, a percentage in HTML. */
        RATE,
        /** An instant: ISO 8601 UTC to the second. */
        TIME;

        /** Whether HTML aligns it as a number. */
        public boolean numeric() {
            return this == COUNT || this == RATE;
        }
    }

    /** A column whose HTML label is its name with spaces for underscores. */
    public static <R> Column<R> of(String name, Kind kind, Function<R, Object> value) {
        return new Column<>(name, name.replace('_', ' '), kind, value);
    }
}

package dev.mailblocks.parse;

import java.time.Instant;
import java.time.YearMonth;

/**
 * The one date-time shape most exports and tracking logs write, read by hand:
 * {@code yyyy-MM-dd?HH:mm:ss[.fraction][Z]}, UTC. Formatters with optional sections copy their parse
 * state at each one, which made time parsing most of a row's cost; a format that reads this shape asks
 * here first and gives anything else ({@code null} here) to its formatter.
 */
public final class PlainUtcTime {

    private PlainUtcTime() {
    }

    /**
     * The instant, or {@code null} for another shape, a day the month does not have, a leap second or
     * an offset. {@code spaceToo}: a space may stand between date and time as well as {@code T} (any
     * case); {@code zoneRequired}: a trailing {@code Z} (any case) must be there, else it may.
     */
    public static Instant read(String v, boolean spaceToo, boolean zoneRequired) {
        int n = v.length();
        char sep = n > 10 ? v.charAt(10) : 0;
        if (n < 19 || !(sep == 'T' || sep == 't' || (spaceToo && sep == ' ')) || v.charAt(4) != '-'
                || v.charAt(7) != '-' || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        int k = 19;
        int nanos = 0;
        if (k < n && v.charAt(k) == '.') {
            int start = ++k;
            while (k < n && k - start < 9 && v.charAt(k) >= '0' && v.charAt(k) <= '9') {
                nanos = nanos * 10 + (v.charAt(k++) - '0');
            }
            if (k == start) {
                return null;
            }
            for (int d = k - start; d < 9; d++) {
                nanos *= 10;
            }
        }
        if (k < n && (v.charAt(k) == 'Z' || v.charAt(k) == 'z')) {
            k++;
        } else if (zoneRequired) {
            return null;
        }
        if (k != n) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second, nanos);
    }

    /** {@code LocalDate.of(year, month, day).toEpochDay()} for a valid date of years 0 to 9999, without the object. */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!((year & 3) == 0 && (year % 100 != 0 || year % 400 == 0))) {
                total--;
            }
        }
        return total - 719_528; // the days from year 0 to 1970
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String v, int from, int count) {
        int r = 0;
        for (int k = from; k < from + count; k++) {
            char c = v.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            r = r * 10 + (c - '0');
        }
        return r;
    }
}

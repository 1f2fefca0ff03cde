package dev.mailblocks.parse.exchange;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The {@code date-time} cell of Exchange message tracking logs. */
final class ExchangeTime {

    private ExchangeTime() {
    }

    /** {@code 2016-04-05T00:00:02.052Z}; an offset instead of Z is read too. */
    static Instant read(String value) {
        if (value == null) {
            return null;
        }
        Instant fast = plainUtc(value);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * The shape Exchange writes, read by hand: {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (any case), the
     * instant {@link Instant#parse} gives it; {@code null} for anything else (another shape, a day the
     * month does not have, a leap second, an offset), which {@link Instant#parse} then reads.
     */
    static Instant plainUtc(String v) {
        int n = v.length();
        if (n < 20 || (v.charAt(10) != 'T' && v.charAt(10) != 't') || v.charAt(4) != '-' || v.charAt(7) != '-'
                || v.charAt(13) != ':' || v.charAt(16) != ':') {
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
        if (v.charAt(k) == '.') {
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
        if (k != n - 1 || (v.charAt(k) != 'Z' && v.charAt(k) != 'z')) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                .toInstant(ZoneOffset.UTC);
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

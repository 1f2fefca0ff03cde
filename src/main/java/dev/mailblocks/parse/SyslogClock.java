package dev.mailblocks.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Turns syslog timestamps into instants: traditional {@code Dec 30 23:59:58} (no year, local
 * time) and RFC 3339 {@code 2026-12-30T23:59:58.123456+01:00}.
 *
 * <p>A traditional timestamp has no year. The first one read takes the latest year that puts it
 * no later than the reference instant (the file's modification time); after that the year
 * follows the file forward, going up by one when the month drops by six or more (December to
 * January). A line a few seconds out of order across New Year does not move the year.
 * One clock serves one file.
 */
public final class SyslogClock {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final ZoneId zone;
    private final ZonedDateTime reference;
    private int year;
    private int lastMonth;

    public SyslogClock(ZoneId zone, Instant yearReference) {
        this.zone = zone;
        this.reference = yearReference.atZone(zone);
    }

    /** A parsed timestamp and the length of text it took at the start of the line. */
    public record Stamp(Instant instant, int length) {
    }

    /** Parses the timestamp at the start of a line, or returns {@code null} if there is none. */
    public Stamp read(String line) {
        if (line.length() >= 14 && line.charAt(3) == ' ' && Character.isLetter(line.charAt(0))) {
            return traditional(line);
        }
        if (line.length() >= 19 && line.charAt(4) == '-' && line.charAt(10) == 'T') {
            return rfc3339(line);
        }
        return null;
    }

    // the stamp last read from bytes: its instant is made only when asked for
    private Instant byteInstant;
    private int bYear;
    private int bMonth;
    private int bDay;
    private int bHour;
    private int bMinute;
    private int bSecond;
    private int bNanos;
    // the last local second turned into an instant, reused by the lines of the same second
    private long cachedKey = Long.MIN_VALUE;
    private Instant cachedSecond;

    /**
     * Reads the timestamp at the start of a line of printable ASCII held as bytes, as
     * {@link #read(String)} reads it (the same state, the same refusals): the length of the
     * timestamp, or -1 when there is none. Its instant is {@link #instant()}, made only when asked for.
     */
    public int read(byte[] b, int from, int to) {
        int n = to - from;
        if (n >= 14 && b[from + 3] == ' ' && isAsciiLetter(b[from])) {
            return traditional(b, from, to);
        }
        if (n >= 19 && b[from + 4] == '-' && b[from + 10] == 'T') {
            int end = from;
            while (end < to && b[end] != ' ') {
                end++;
            }
            Stamp stamp = rfc3339(new String(b, from, end - from, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (stamp == null) {
                return -1;
            }
            byteInstant = stamp.instant();
            return stamp.length();
        }
        return -1;
    }

    /** The instant of the timestamp last read by {@link #read(byte[], int, int)}. */
    public Instant instant() {
        if (byteInstant == null) {
            long key = ((((bYear * 16L + bMonth) * 32 + bDay) * 32 + bHour) * 64 + bMinute) * 64 + bSecond;
            if (key != cachedKey) {
                cachedSecond = LocalDateTime.of(bYear, bMonth, bDay, bHour, bMinute, bSecond).atZone(zone).toInstant();
                cachedKey = key;
            }
            byteInstant = bNanos == 0 ? cachedSecond : cachedSecond.plusNanos(bNanos);
        }
        return byteInstant;
    }

    private static int monthOf(byte a, byte b, byte c) {
        for (int m = 0; m < 12; m++) {
            if (MONTHS.charAt(3 * m) == a && MONTHS.charAt(3 * m + 1) == b && MONTHS.charAt(3 * m + 2) == c) {
                return m + 1;
            }
        }
        return 0;
    }

    private static boolean isAsciiLetter(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** {@link #TRADITIONAL} by hand: {@code Mmm [ ]d HH:MM:SS[.f{1,9}]} followed by a space. */
    private int traditional(byte[] b, int from, int to) {
        if (!(b[from] >= 'A' && b[from] <= 'Z' && b[from + 1] >= 'a' && b[from + 1] <= 'z' && b[from + 2] >= 'a'
                && b[from + 2] <= 'z')) {
            return -1;
        }
        int k = from + 4; // after "Mmm "
        if (k < to && b[k] == ' ') {
            k++;
        }
        int dayStart = k;
        while (k < to && k - dayStart < 3 && isDigit(b[k])) {
            k++;
        }
        int dayDigits = k - dayStart;
        if (dayDigits < 1 || dayDigits > 2 || k >= to || b[k] != ' ') {
            return -1;
        }
        k++;
        if (k + 8 > to || !isDigit(b[k]) || !isDigit(b[k + 1]) || b[k + 2] != ':' || !isDigit(b[k + 3])
                || !isDigit(b[k + 4]) || b[k + 5] != ':' || !isDigit(b[k + 6]) || !isDigit(b[k + 7])) {
            return -1;
        }
        int hour = (b[k] - '0') * 10 + b[k + 1] - '0';
        int minute = (b[k + 3] - '0') * 10 + b[k + 4] - '0';
        int second = (b[k + 6] - '0') * 10 + b[k + 7] - '0';
        k += 8;
        int nanos = 0;
        if (k < to && b[k] == '.') {
            int f = k + 1;
            int digits = 0;
            while (f < to && isDigit(b[f]) && digits < 10) {
                f++;
                digits++;
            }
            if (digits < 1 || digits > 9 || f >= to || b[f] != ' ') {
                return -1;
            }
            for (int i = 0; i < 9; i++) {
                nanos = nanos * 10 + (i < digits ? b[k + 1 + i] - '0' : 0);
            }
            k = f;
        } else if (k >= to || b[k] != ' ') {
            return -1;
        }
        int month = monthOf(b[from], b[from + 1], b[from + 2]);
        if (month == 0) {
            return -1;
        }
        int day = dayDigits == 1 ? b[dayStart] - '0' : (b[dayStart] - '0') * 10 + b[dayStart + 1] - '0';
        int y;
        try {
            y = yearFor(month, day, hour, minute, second);
        } catch (DateTimeException e) {
            return -1;
        }
        // what LocalDateTime.of refuses
        if (hour > 23 || minute > 59 || second > 59 || day < 1
                || day > java.time.Month.of(month).length(java.time.Year.isLeap(y))) {
            return -1;
        }
        bYear = y;
        bMonth = month;
        bDay = day;
        bHour = hour;
        bMinute = minute;
        bSecond = second;
        bNanos = nanos;
        byteInstant = null;
        return k - from;
    }

    private static final java.util.regex.Pattern TRADITIONAL = java.util.regex.Pattern.compile(
            "^([A-Z][a-z]{2}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?= )");

    private Stamp traditional(String line) {
        java.util.regex.Matcher m = TRADITIONAL.matcher(line);
        if (!m.find()) {
            return null;
        }
        int index = MONTHS.indexOf(m.group(1));
        if (index < 0 || index % 3 != 0) {
            return null;
        }
        int month = index / 3 + 1;
        try {
            int day = Integer.parseInt(m.group(2));
            int hour = Integer.parseInt(m.group(3));
            int minute = Integer.parseInt(m.group(4));
            int second = Integer.parseInt(m.group(5));
            int nanos = m.group(6) == null ? 0 : Integer.parseInt((m.group(6) + "000000000").substring(0, 9));
            int y = yearFor(month, day, hour, minute, second);
            LocalDateTime local = LocalDateTime.of(y, month, day, hour, minute, second, nanos);
            return new Stamp(local.atZone(zone).toInstant(), m.end());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private int yearFor(int month, int day, int hour, int minute, int second) {
        if (lastMonth == 0) {
            year = reference.getYear();
            MonthDay md = MonthDay.of(month, Math.min(day, month == 2 ? 29 : 31));
            MonthDay ref = MonthDay.from(reference);
            boolean after = md.isAfter(ref) || (md.equals(ref)
                    && hour * 3600 + minute * 60 + second > reference.toLocalTime().toSecondOfDay());
            if (after) {
                year--;
            }
            lastMonth = month;
            return year;
        }
        if (month <= lastMonth - 6) {
            year++;
            lastMonth = month;
            return year;
        }
        if (month >= lastMonth + 6) {
            return year - 1; // a straggler from before New Year
        }
        lastMonth = month;
        return year;
    }

    private static Stamp rfc3339(String line) {
        int end = line.indexOf(' ');
        if (end < 0) {
            end = line.length();
        }
        String text = line.substring(0, end);
        try {
            return new Stamp(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(), end);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

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

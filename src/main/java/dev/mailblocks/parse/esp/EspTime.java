package dev.mailblocks.parse.esp;

import java.math.BigDecimal;
import java.time.DateTimeException;
import dev.mailblocks.parse.PlainUtcTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How an ESP export writes its times; each reads a value to an instant, or null when it cannot. */
enum EspTime {
    /** Seconds since the epoch, maybe with a fraction ({@code 1443651141}). */
    UNIX_SECONDS("unix-seconds"),
    /** Milliseconds since the epoch. */
    UNIX_MILLIS("unix-millis"),
    /** RFC 2822 ({@code Thu, 13 Oct 2011 18:02:00 UTC}), as Mailgun writes it. */
    RFC2822("rfc2822"),
    /** ISO 8601 with an offset ({@code 2019-11-05T16:33:54.9070259Z}); without one, UTC. */
    ISO8601("iso8601"),
    /** {@code yyyy-MM-dd HH:mm:ss[.SSSSS]} without a zone, in UTC (Mandrill). */
    DATETIME_UTC("datetime-utc");

    final String id;

    EspTime(String id) {
        this.id = id;
    }

    /** The format with this id, or null. */
    static EspTime byId(String id) {
        for (EspTime t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** A date, {@code T} or a space, a time with an optional fraction, an optional offset. */
    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final Pattern RFC2822_TIME = Pattern.compile(
            "(?:[A-Za-z]{3},\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})"
                    + "(?::(\\d{2})(?:\\.\\d+)?)?\\s*([+-]\\d{4}|[A-Za-z]{1,5})?\\s*(?:\\(.*\\))?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11),
            Map.entry("dec", 12));
    /** RFC 2822's named zones (section 4.3), in hours from UTC. */
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("UT", 0), Map.entry("UTC", 0),
            Map.entry("GMT", 0), Map.entry("Z", 0), Map.entry("EST", -5), Map.entry("EDT", -4),
            Map.entry("CST", -6), Map.entry("CDT", -5), Map.entry("MST", -7), Map.entry("MDT", -6),
            Map.entry("PST", -8), Map.entry("PDT", -7));

    /** The instant of a value, or null when the value is not of this format. */
    Instant parse(String value) {
        String v = value.strip();
        try {
            return switch (this) {
                case UNIX_SECONDS -> {
                    BigDecimal s = new BigDecimal(v);
                    yield Instant.ofEpochSecond(s.longValue(), s.remainder(BigDecimal.ONE).movePointRight(9).intValue());
                }
                case UNIX_MILLIS -> Instant.ofEpochMilli(new BigDecimal(v).longValue());
                case RFC2822 -> rfc2822(v);
                case ISO8601, DATETIME_UTC -> lenient(v);
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    static Instant lenient(String v) {
        Instant fast = plainUtc(v);
        if (fast != null) {
            return fast;
        }
        TemporalAccessor t = LENIENT.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
        if (t instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    }

    /**
     * The common shape read by hand: {@code yyyy-MM-dd HH:mm:ss[.fraction][Z]} (or {@code T} between),
     * the instant {@link #LENIENT} gives it; {@code null} for anything else (another shape, a day the month
     * does not have, an offset), which {@link #LENIENT} then reads: its optional sections copy the parse
     * state at each one, most of an export row's parsing time.
     */
    static Instant plainUtc(String v) {
        return PlainUtcTime.read(v, true, false);
    }

    /** What {@link #LENIENT} alone gives (the reference the hand-read shape is tested against). */
    static Instant lenientByFormatter(String v) {
        TemporalAccessor t = LENIENT.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
        if (t instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    }

    private static Instant rfc2822(String v) {
        Matcher m = RFC2822_TIME.matcher(v);
        if (!m.matches()) {
            return null;
        }
        Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (month == null) {
            return null;
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        }
        ZoneOffset offset;
        String zone = m.group(7);
        if (zone == null) {
            offset = ZoneOffset.UTC;
        } else if (zone.startsWith("+") || zone.startsWith("-")) {
            int hhmm = Integer.parseInt(zone.substring(1));
            int seconds = (hhmm / 100 * 3600 + hhmm % 100 * 60) * (zone.startsWith("-") ? -1 : 1);
            offset = ZoneOffset.ofTotalSeconds(seconds);
        } else {
            Integer hours = ZONES.get(zone.toUpperCase(Locale.ROOT));
            if (hours == null) {
                return null;
            }
            offset = ZoneOffset.ofHours(hours);
        }
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        return LocalDateTime.of(year, month, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)), second).toInstant(offset);
    }
}

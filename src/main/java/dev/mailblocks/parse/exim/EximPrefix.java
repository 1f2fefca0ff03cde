package dev.mailblocks.parse.exim;

import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.SyslogClock;
import dev.mailblocks.parse.SyslogHeader;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what stands before an Exim log entry: its time, the host when a syslog or journald
 * wrapper names one, and the process id when {@code log_selector = +pid} adds it.
 *
 * <p>Exim writes {@code 2026-11-22 10:27:01[.123][ +0100][ [1234]] ENTRY} to its own main log
 * (milliseconds with {@code +millisec}, the offset with {@code log_timezone}). Through syslog
 * or journald the same entry comes as {@code Dec 31 10:27:01 host exim4[1234]: ENTRY}, often
 * with Exim's own timestamp kept at the start of ENTRY, or without the outer timestamp at all
 * ({@code host exim[1234]: 2026-12-31 10:27:01 ENTRY}, as {@code journalctl -o cat}-like exports
 * give). Exim's own timestamp is preferred when both are there: it carries the year.
 */
final class EximPrefix {

    /** What the start of a line turned out to be. */
    sealed interface Read permits Entry, NotEntry {
    }

    /**
     * An Exim entry.
     *
     * @param host the reporting host when a wrapper names it, else {@code null}
     * @param wrapped whether a syslog or journald wrapper named an Exim program
     * @param body the entry after timestamps and process id
     */
    record Entry(Instant time, String host, boolean wrapped, String body) implements Read {
    }

    /** Not an Exim entry: a syslog line of another program (ignored) or no log line at all (malformed). */
    record NotEntry(LineResult result) implements Read {
    }

    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?: ([+-])(\\d{2})(\\d{2}))?(?= |$)");
    /** A wrapper naming an Exim program: {@code exim}, {@code exim4}, {@code exim-heavy}. */
    private static final Pattern EXIM_WRAPPER =
            Pattern.compile("^ ?(\\S+) (exim[\\w.-]*)(?:\\[\\d+\\])?: ?(.*)$", Pattern.DOTALL);
    private static final Pattern PID = Pattern.compile("^\\[\\d+\\] ?");

    private final ZoneId zone;
    private final SyslogClock syslog;

    EximPrefix(ZoneId zone, Instant yearReference) {
        this.zone = zone;
        this.syslog = new SyslogClock(zone, yearReference);
    }

    /** Reads the start of a non-blank line. */
    Read read(String line) {
        int isoEnd = iso(line);
        if (isoEnd >= 0) {
            Instant time = isoTime();
            if (time == null) {
                return new NotEntry(IMPOSSIBLE_TIME);
            }
            String rest = line.substring(isoEnd);
            Matcher w = mayBeWrapper(rest) ? EXIM_WRAPPER.matcher(rest) : null;
            if (w != null && w.matches()) {
                // syslog-ng and some collectors put an ISO date before "host exim[pid]:"
                return inner(time, w.group(1), w.group(3));
            }
            return new Entry(time, null, false, stripPid(rest.stripLeading()));
        }
        SyslogClock.Stamp stamp = syslog.read(line);
        if (stamp != null) {
            SyslogHeader h = SyslogHeader.read(line, stamp.length());
            if (h == null) {
                return new NotEntry(LineResult.malformed("syslog timestamp without host and program"));
            }
            if (h.program().startsWith("exim")) {
                return inner(stamp.instant(), h.host(), h.message());
            }
            return new NotEntry(LineResult.ignored("not an Exim line: " + h.program()));
        }
        Matcher w = mayBeWrapper(line) ? EXIM_WRAPPER.matcher(line) : null;
        if (w != null && w.matches()) {
            if (iso(w.group(3)) >= 0) {
                return inner(null, w.group(1), w.group(3));
            }
            return new NotEntry(LineResult.malformed("Exim program without a timestamp"));
        }
        return new NotEntry(LineResult.malformed("not an Exim log line (no timestamp)"));
    }

    /** The entry inside a wrapper, preferring Exim's own timestamp to the wrapper's. */
    private Read inner(Instant outer, String host, String message) {
        int isoEnd = iso(message);
        Instant time = outer;
        String body = message;
        if (isoEnd >= 0) {
            Instant own = isoTime();
            if (own != null) {
                time = own;
            }
            body = message.substring(isoEnd).stripLeading();
        }
        if (time == null) {
            return new NotEntry(IMPOSSIBLE_TIME);
        }
        return new Entry(time, host, true, stripPid(body));
    }

    private static String stripPid(String body) {
        if (body.isEmpty() || body.charAt(0) != '[') {
            return body;
        }
        Matcher m = PID.matcher(body);
        return m.find() ? body.substring(m.end()) : body;
    }

    private static final LineResult IMPOSSIBLE_TIME = LineResult.malformed("impossible date or time");

    /**
     * Whether {@link #EXIM_WRAPPER} could match: after an optional space, a word, one space and
     * {@code exim}. Most lines are not wrapped; this spares them the regular expression.
     */
    static boolean mayBeWrapper(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == ' ' ? 1 : 0;
        int start = i;
        while (i < n && !isSpace(s.charAt(i))) {
            i++;
        }
        return i > start && i < n && s.charAt(i) == ' ' && s.startsWith("exim", i + 1);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    // the fields of the ISO timestamp last read by iso()
    private final int[] f = new int[10];

    /**
     * {@link #ISO} read by hand at the start of {@code s}: the end of the timestamp, or -1 when the
     * expression does not match; the fields are kept for {@link #isoTime()}.
     */
    int iso(String s) {
        int n = s.length();
        if (n < 19 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 2) || s.charAt(7) != '-'
                || !digits(s, 8, 2) || s.charAt(10) != ' ' || !digits(s, 11, 2) || s.charAt(13) != ':'
                || !digits(s, 14, 2) || s.charAt(16) != ':' || !digits(s, 17, 2)) {
            return -1;
        }
        f[0] = number(s, 0, 4);
        f[1] = number(s, 5, 2);
        f[2] = number(s, 8, 2);
        f[3] = number(s, 11, 2);
        f[4] = number(s, 14, 2);
        f[5] = number(s, 17, 2);
        f[6] = 0;
        f[7] = 0;
        int k = 19;
        if (k < n && s.charAt(k) == '.') {
            int d = k + 1;
            while (d < n && d - k <= 10 && isDigit(s.charAt(d))) {
                d++;
            }
            int count = d - k - 1;
            if (count < 1 || count > 9) {
                return -1;
            }
            int nanos = 0;
            for (int i = 0; i < 9; i++) {
                nanos = nanos * 10 + (i < count ? s.charAt(k + 1 + i) - '0' : 0);
            }
            f[6] = nanos;
            k = d;
        }
        if (k + 6 <= n && s.charAt(k) == ' ' && (s.charAt(k + 1) == '+' || s.charAt(k + 1) == '-')
                && digits(s, k + 2, 4) && followedBySpaceOrEnd(s, k + 6)) {
            f[7] = s.charAt(k + 1) == '-' ? -1 : 1;
            f[8] = number(s, k + 2, 2);
            f[9] = number(s, k + 4, 2);
            return k + 6;
        }
        return followedBySpaceOrEnd(s, k) ? k : -1;
    }

    /** {@code (?= |$)}: a space, the end, or a line terminator that ends the text. */
    static boolean followedBySpaceOrEnd(String s, int i) {
        int n = s.length();
        if (i == n) {
            return true;
        }
        char c = s.charAt(i);
        if (c == ' ') {
            return true;
        }
        if (i == n - 2) {
            return c == '\r' && s.charAt(i + 1) == '\n';
        }
        if (i == n - 1) {
            if (c == '\n') {
                return i == 0 || s.charAt(i - 1) != '\r';
            }
            return c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + s.charAt(i) - '0';
        }
        return v;
    }

    // the last local second turned into an instant in the zone, reused by the lines of the same second
    private long cachedKey = Long.MIN_VALUE;
    private Instant cachedSecond;

    /** The instant of the timestamp last read by {@link #iso(String)}, or null when it is impossible. */
    Instant isoTime() {
        try {
            LocalDateTime local = LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
            if (f[7] == 0) {
                long key = ((((f[0] * 16L + f[1]) * 32 + f[2]) * 32 + f[3]) * 64 + f[4]) * 64 + f[5];
                if (key != cachedKey) {
                    cachedSecond = local.withNano(0).atZone(zone).toInstant();
                    cachedKey = key;
                }
                return f[6] == 0 ? cachedSecond : cachedSecond.plusNanos(f[6]);
            }
            int minutes = f[8] * 60 + f[9];
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(f[7] * 60 * minutes);
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }
}

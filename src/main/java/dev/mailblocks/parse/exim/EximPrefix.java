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
        Matcher iso = ISO.matcher(line);
        if (iso.find()) {
            Instant time = isoTime(iso);
            if (time == null) {
                return new NotEntry(LineResult.malformed("impossible date or time"));
            }
            String rest = line.substring(iso.end());
            Matcher w = EXIM_WRAPPER.matcher(rest);
            if (w.matches()) {
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
        Matcher w = EXIM_WRAPPER.matcher(line);
        if (w.matches()) {
            Matcher inner = ISO.matcher(w.group(3));
            if (inner.find()) {
                return inner(null, w.group(1), w.group(3));
            }
            return new NotEntry(LineResult.malformed("Exim program without a timestamp"));
        }
        return new NotEntry(LineResult.malformed("not an Exim log line (no timestamp)"));
    }

    /** The entry inside a wrapper, preferring Exim's own timestamp to the wrapper's. */
    private Read inner(Instant outer, String host, String message) {
        Matcher iso = ISO.matcher(message);
        Instant time = outer;
        String body = message;
        if (iso.find()) {
            Instant own = isoTime(iso);
            if (own != null) {
                time = own;
            }
            body = message.substring(iso.end()).stripLeading();
        }
        if (time == null) {
            return new NotEntry(LineResult.malformed("impossible date or time"));
        }
        return new Entry(time, host, true, stripPid(body));
    }

    private static String stripPid(String body) {
        Matcher m = PID.matcher(body);
        return m.find() ? body.substring(m.end()) : body;
    }

    private Instant isoTime(Matcher m) {
        try {
            String fraction = m.group(7);
            int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), nanos);
            if (m.group(8) == null) {
                return local.atZone(zone).toInstant();
            }
            int minutes = Integer.parseInt(m.group(9)) * 60 + Integer.parseInt(m.group(10));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(("-".equals(m.group(8)) ? -60 : 60) * minutes);
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }
}

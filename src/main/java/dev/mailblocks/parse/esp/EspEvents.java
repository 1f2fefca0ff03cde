package dev.mailblocks.parse.esp;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Direction;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpReplyText;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one record of an ESP export into events by its profile. Every event is outbound: an
 * ESP export is about our mail.
 */
final class EspEvents {

    private static final Pattern REPLY_CODE = Pattern.compile("[245]\\d\\d");
    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^{}]+)}");
    /** The type prefix of an RFC 3464 MTA name ({@code dns; mx.example.com}; SES writes {@code dsn;}). */
    private static final Pattern NAME_TYPE = Pattern.compile("^(?i:dns|dsn|smtp|x-[a-z0-9-]+)\\s*;\\s*");

    private EspEvents() {
    }

    /** What the record is: events (one per recipient), ignored, or malformed. */
    static LineResult of(EspProfile p, EspRecord r, ParseContext ctx, long line) {
        String status = first(r, p.outcomeFrom(), 0);
        String verdict = p.verdict(status);
        if (verdict == null) {
            return LineResult.malformed(status == null
                    ? "no status value (" + String.join(", ", p.outcomeFrom()) + ")"
                    : "unknown status value for " + p.name() + ": " + status);
        }
        if (verdict.equals(EspProfile.IGNORE)) {
            return LineResult.ignored(p.name() + ": " + (status == null ? "not a delivery result" : status));
        }
        Outcome outcome = Outcome.fromId(verdict);
        Instant time = ctx.modified(); // no time in the row: the file's modification time
        String timeValue = first(r, p.timeFrom(), 0);
        boolean rowTime = timeValue != null;
        if (timeValue != null) {
            time = p.timeFormat().parse(timeValue);
            if (time == null) {
                return LineResult.malformed("unreadable time for " + p.timeFormat().id + ": " + timeValue);
            }
        }
        String recipientPath = null;
        int count = 1;
        for (String path : p.paths(EspProfile.Field.RECIPIENT)) {
            int size = r.size(path);
            if (size > 0 || (size < 0 && r.value(path, 0) != null)) {
                recipientPath = path;
                count = Math.max(size, 1);
                break;
            }
        }
        List<DeliveryEvent> events = new ArrayList<>(count);
        List<String> keys = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                DeliveryEvent e = event(p, r, i, recipientPath, outcome, time, ctx, line);
                events.add(e);
                keys.add(rowKey(e, rowTime));
            }
        } catch (IllegalArgumentException e) {
            return LineResult.malformed("unusable value: " + e.getMessage());
        }
        return new LineResult.Parsed(events, keys);
    }

    /**
     * The identity of an export row, the same in every export that holds it whatever the file
     * and order: the export's message id where it has one, the row's own time (not a file's
     * modification time), the recipient and the status.
     */
    static String rowKey(DeliveryEvent e, boolean rowTime) {
        String format = e.sourceFormat();
        String id = e.messageId() == null ? "" : e.messageId();
        String recipient = e.recipient() == null ? "" : e.recipient().toLowerCase(java.util.Locale.ROOT);
        String outcome = e.outcome().id();
        String enhanced = e.enhancedStatus() == null ? "" : e.enhancedStatus();
        StringBuilder key = new StringBuilder(format.length() + id.length() + recipient.length() + outcome.length()
                + enhanced.length() + 40);
        key.append(format).append('\u001f').append(id).append('\u001f');
        if (rowTime) {
            instantText(e.time(), key);
        }
        return key.append('\u001f').append(recipient).append('\u001f').append(outcome).append('\u001f')
                .append(enhanced).toString();
    }

    /**
     * What {@link Instant#toString()} gives ({@code 2026-12-26T04:00:00Z}, a fraction in groups of
     * three digits when there is one), written by hand for years 0 to 9999 (its formatter is most of
     * the row key's cost).
     */
    static String instantText(Instant t) {
        return instantText(t, new StringBuilder(30)).toString();
    }

    /** {@link #instantText(Instant)} appended to {@code out}. */
    static StringBuilder instantText(Instant t, StringBuilder out) {
        long seconds = t.getEpochSecond();
        if (seconds < -62_167_219_200L || seconds >= 253_402_300_800L) {
            return out.append(t); // before year 0 or after 9999: signed, longer years
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] c = new char[30];
        put(c, 0, d.getYear(), 4);
        c[4] = '-';
        put(c, 5, d.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, d.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, d.getHour(), 2);
        c[13] = ':';
        put(c, 14, d.getMinute(), 2);
        c[16] = ':';
        put(c, 17, d.getSecond(), 2);
        int n = 19;
        int nanos = t.getNano();
        if (nanos > 0) {
            c[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(c, n, nanos / 1_000_000, 3);
                n += 3;
            } else if (nanos % 1000 == 0) {
                put(c, n, nanos / 1000, 6);
                n += 6;
            } else {
                put(c, n, nanos, 9);
                n += 9;
            }
        }
        c[n++] = 'Z';
        return out.append(c, 0, n);
    }

    /** {@code value} in {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static DeliveryEvent event(EspProfile p, EspRecord r, int i, String recipientPath, Outcome outcome,
            Instant time, ParseContext ctx, long line) {
        String recipient = recipientPath == null ? null : r.value(recipientPath, i);
        String diagnostic = first(r, p.paths(EspProfile.Field.DIAGNOSTIC), i);
        if (diagnostic == null && p.diagnosticFallback() != null && outcome != Outcome.DELIVERED) {
            diagnostic = render(p.diagnosticFallback(), r, i);
        }
        if (diagnostic == null) {
            diagnostic = "";
        }
        SmtpReplyText reply = SmtpReplyText.of(diagnostic);
        Integer code = null;
        String enhanced = null;
        String codeValue = first(r, p.paths(EspProfile.Field.REPLY_CODE), i);
        if (codeValue != null && REPLY_CODE.matcher(codeValue).matches()) {
            code = Integer.valueOf(codeValue);
        } else if (codeValue != null && ENHANCED.matcher(codeValue).matches()) {
            enhanced = codeValue; // Mailgun puts an enhanced code in its code column at times
        }
        String enhancedValue = first(r, p.paths(EspProfile.Field.ENHANCED_STATUS), i);
        if (enhancedValue != null && ENHANCED.matcher(enhancedValue).matches()) {
            enhanced = enhancedValue;
        }
        return new DeliveryEvent(time, Direction.OUTBOUND, p.id(),
                host(first(r, p.paths(EspProfile.Field.REPORTING_HOST), i)), null,
                unbracket(first(r, p.paths(EspProfile.Field.MESSAGE_ID), i)),
                first(r, p.paths(EspProfile.Field.SENDER), i), recipient, null, outcome,
                code != null ? code : reply.replyCode(), enhanced != null ? enhanced : reply.enhancedStatus(),
                host(first(r, p.paths(EspProfile.Field.REMOTE_HOST), i)),
                first(r, p.paths(EspProfile.Field.REMOTE_IP), i), reply.phase(), diagnostic, ctx.fileId(), line);
    }

    /** The first non-empty value of the paths. */
    private static String first(EspRecord r, List<String> paths, int index) {
        for (String path : paths) {
            String v = r.value(path, index);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The paths a fallback diagnostic's template reads, as {@link #render} reads them. */
    static List<String> templatePaths(String template) {
        List<String> out = new ArrayList<>();
        Matcher m = TEMPLATE.matcher(template);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }

    /** A fallback diagnostic: {@code {path}} replaced by the value, trailing separators of empty ones dropped. */
    private static String render(String template, EspRecord r, int index) {
        Matcher m = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = r.value(m.group(1).strip(), index);
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(out);
        String s = out.toString().replaceAll("\\s+", " ").strip().replaceAll("[\\s:;,-]+$", "");
        return s.isEmpty() ? null : s;
    }

    private static String host(String value) {
        if (value == null || value.indexOf(';') < 0) {
            return value; // the type prefix ends in a semicolon: without one there is nothing to drop
        }
        return NAME_TYPE.matcher(value).replaceFirst("");
    }

    private static String unbracket(String s) {
        if (s != null && s.length() > 2 && s.startsWith("<") && s.endsWith(">")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}

package dev.mailblocks.parse.postfix;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Direction;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import dev.mailblocks.model.SmtpReplyText;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.LineReader;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.ParseSink;
import dev.mailblocks.parse.SyslogClock;
import dev.mailblocks.parse.SyslogHeader;
import dev.mailblocks.parse.ByteLineReader;
import dev.mailblocks.parse.ReaderInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix logs as written through syslog: delivery results of smtp, lmtp, local, virtual, pipe
 * and error ({@code status=sent|deferred|bounced}), qmgr expiries, and refusals of incoming
 * mail by smtpd, postscreen and cleanup ({@code NOQUEUE: reject:}, {@code milter-reject:}).
 */
public final class PostfixLogParser implements InputFormat {

    /** Services that deliver to our own mailboxes and programs. */
    private static final Set<String> LOCAL_SERVICES = Set.of("lmtp", "local", "virtual", "pipe");

    private static final Pattern TO = Pattern.compile("to=<((?:\"[^\"]*\"|[^>])*)>, ");
    private static final Pattern DSN = Pattern.compile("(?:^|, )dsn=([245]\\.\\d{1,3}\\.\\d{1,3})(?=,|$)");
    private static final Pattern RELAY = Pattern.compile("(?:^|, )relay=([^,]*)");
    private static final Pattern HOST_IP =
            Pattern.compile("([A-Za-z0-9._-]*)\\[(?:ipv6:)?([0-9A-Fa-f.:]+)\\](?::\\d+)?");
    private static final Pattern REMOTE_IN_TEXT = Pattern.compile(
            "(?:host |connect to |lost connection with |conversation with )"
                    + "([A-Za-z0-9._-]+)\\[(?:ipv6:)?([0-9A-Fa-f.:]+)\\]");
    private static final Pattern FROM = Pattern.compile("(?:^|\\s)from=<((?:\"[^\"]*\"|[^>])*)>");
    private static final Pattern REJECT = Pattern.compile(
            "^(reject|milter-reject): ([A-Z-]+) from ([^\\s\\[]*)\\[(?:ipv6:)?([^\\]]+)\\](?::\\d+)?: (.*)$");
    private static final Pattern CONTENT_REJECT = Pattern.compile(
            "^(?:reject|milter-reject): (?:header|body) .* from ([^\\s\\[]*)\\[([^\\]]+)\\](?::\\d+)?; (.*)$");
    private static final Pattern ENVELOPE = Pattern.compile(
            "[;,]? ?from=<((?:\"[^\"]*\"|[^>])*)>,? to=<((?:\"[^\"]*\"|[^>])*)>");
    private static final Pattern MESSAGE_ID = Pattern.compile("^message-id=<?([^>\\s]*)>?");

    @Override
    public String id() {
        return "postfix";
    }

    @Override
    public boolean sniff(List<String> head) {
        SyslogClock clock = new SyslogClock(java.time.ZoneOffset.UTC, Instant.now());
        for (String line : head) {
            SyslogClock.Stamp stamp = clock.read(line);
            if (stamp != null) {
                SyslogHeader h = SyslogHeader.read(line, stamp.length());
                if (h != null && h.program().startsWith("postfix")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String parse(Reader input, ParseContext context, ParseSink sink) throws IOException {
        return parse(new ReaderInputStream(input), context, sink);
    }

    /**
     * Reads the lines as bytes: a line of printable ASCII (nearly every line of a Postfix log) is
     * typed by its bytes and, when it is not a result, counted as ignored without becoming a
     * {@code String}; a result line is read by scanning its fields. Any other line (non-ASCII,
     * control characters, an unusual shape) is read as text, as it always was: the outcome is the same.
     */
    @Override
    public String parse(InputStream input, ParseContext context, ParseSink sink) throws IOException {
        ByteLineReader lines = new ByteLineReader(input);
        SyslogClock clock = new SyslogClock(context.zone(), context.yearReference());
        PostfixQueue queue = new PostfixQueue();
        Bytes bytes = new Bytes(clock, queue, context);
        while (lines.next()) {
            LineResult result = lines.screen();
            if (result == null && lines.plain()) {
                result = bytes.line(lines.bytes(), lines.start(), lines.end(), lines.number());
            }
            if (result == null) {
                result = parseLine(lines.text(), lines.number(), clock, queue, context);
            }
            sink.accept(lines.number(), 1, result, result instanceof LineResult.Ignored ? null : lines.text());
        }
        return id();
    }

    private LineResult parseLine(String line, long number, SyslogClock clock, PostfixQueue queue, ParseContext ctx) {
        SyslogClock.Stamp stamp = clock.read(line);
        if (stamp == null) {
            return NO_TIMESTAMP;
        }
        SyslogHeader h = SyslogHeader.read(line, stamp.length());
        if (h == null) {
            return NO_HEADER;
        }
        if (!h.program().startsWith("postfix")) {
            return LineResult.ignored("not a Postfix line: " + h.program());
        }
        String service = h.program().substring(h.program().lastIndexOf('/') + 1);
        Line l = new Line(stamp.instant(), h.host(), service, number, ctx.fileId());
        return message(l, h.message(), queue);
    }

    /** A Postfix line after its syslog header. */
    private LineResult message(Line l, String message, PostfixQueue queue) {
        String service = l.service();
        if (message.startsWith("NOQUEUE: ")) {
            return refusal(l, null, message.substring("NOQUEUE: ".length()));
        }
        int colon = message.indexOf(": ");
        if (colon < 5 || colon > 20 || !isQueueId(message, colon)) {
            return LineResult.ignored("no queue id");
        }
        String queueId = message.substring(0, colon);
        String rest = message.substring(colon + 2);
        if (rest.startsWith("to=<")) {
            return delivery(l, queueId, rest, queue);
        }
        if (rest.startsWith("reject: ") || rest.startsWith("milter-reject: ")) {
            return refusal(l, queueId, rest);
        }
        if (rest.equals("removed")) {
            queue.removed(queueId);
            return LineResult.ignored("removed");
        }
        if (rest.startsWith("message-id=")) {
            Matcher m = MESSAGE_ID.matcher(rest);
            if (m.find() && !m.group(1).isEmpty()) {
                queue.get(queueId).messageId = m.group(1);
            }
            return LineResult.ignored("message-id");
        }
        Matcher from = FROM.matcher(rest);
        if (from.find()) {
            queue.get(queueId).sender = emptyToNull(from.group(1));
            if (rest.contains("status=expired")) {
                return expired(l, queueId, queue);
            }
            return LineResult.ignored("sender");
        }
        return LineResult.ignored(service + " message");
    }

    private static boolean isQueueId(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    /** Where and when a line was logged. */
    private record Line(Instant time, String host, String service, long number, long fileId) {
    }

    private static final LineResult NO_QUEUE_ID = LineResult.ignored("no queue id");
    private static final LineResult REMOVED = LineResult.ignored("removed");
    private static final LineResult MESSAGE_ID_LINE = LineResult.ignored("message-id");
    private static final LineResult SENDER = LineResult.ignored("sender");
    private static final LineResult PROBE = LineResult.ignored("address verification probe");
    private static final LineResult NO_STATUS = LineResult.malformed("delivery line without status=");
    private static final LineResult NO_TIMESTAMP = LineResult.malformed("no syslog timestamp");
    private static final LineResult NO_HEADER = LineResult.malformed("no syslog host and program");
    private static final byte[] POSTFIX = bytes("postfix");
    private static final byte[] NOQUEUE = bytes("NOQUEUE: ");
    private static final byte[] TO_ = bytes("to=<");
    private static final byte[] REJECT_ = bytes("reject: ");
    private static final byte[] MILTER_REJECT = bytes("milter-reject: ");
    private static final byte[] REMOVED_ = bytes("removed");
    private static final byte[] MESSAGE_ID_ = bytes("message-id=");
    private static final byte[] FROM_ = bytes("from=<");
    private static final byte[] STATUS_EXPIRED = bytes("status=expired");
    private static final byte[] STATUS_ = bytes("status=");
    private static final byte[] COMMA_STATUS = bytes(", status=");
    private static final byte[] DSN_ = bytes("dsn=");
    private static final byte[] RELAY_ = bytes("relay=");
    private static final byte[][] REMOTE_PREFIXES = {bytes("host "), bytes("connect to "), bytes("lost connection with "),
        bytes("conversation with ")};

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The byte path: reads a line of printable ASCII by its bytes, with the same outcome and the same
     * changes of state as {@link #parseLine}; {@code null} when the line is better read as text
     * (nothing was changed then).
     */
    private final class Bytes {
        private final SyslogClock clock;
        private final PostfixQueue queue;
        private final ParseContext ctx;
        private final SyslogHeader.Span span = new SyslogHeader.Span();
        /** Programs seen, with their service and what their non-Postfix lines are: few per file. */
        private final List<Program> programs = new ArrayList<>();

        Bytes(SyslogClock clock, PostfixQueue queue, ParseContext ctx) {
            this.clock = clock;
            this.queue = queue;
            this.ctx = ctx;
        }

        LineResult line(byte[] b, int from, int to, long number) {
            int stamp = clock.read(b, from, to);
            if (stamp < 0) {
                return NO_TIMESTAMP;
            }
            if (!span.read(b, from, from + stamp, to)) {
                return NO_HEADER;
            }
            Program program = program(b, span.programStart, span.programEnd);
            if (!program.postfix) {
                return program.notPostfix;
            }
            int m = span.messageStart;
            if (startsWith(b, m, to, NOQUEUE)) {
                return program.message(this, b, from, to, number, m);
            }
            // the queue id: the first ": " (if within 20 characters) ends it
            int colon = -1;
            for (int i = m; i + 1 < to && i - m <= 20; i++) {
                if (b[i] == ':' && b[i + 1] == ' ') {
                    colon = i - m;
                    break;
                }
            }
            if (colon < 5 || colon > 20) {
                return NO_QUEUE_ID;
            }
            for (int i = m; i < m + colon; i++) {
                byte c = b[i];
                if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                    return NO_QUEUE_ID;
                }
            }
            int r = m + colon + 2;
            if (startsWith(b, r, to, TO_)) {
                return delivery(b, from, to, number, program, m, r);
            }
            if (startsWith(b, r, to, REJECT_) || startsWith(b, r, to, MILTER_REJECT)) {
                return program.message(this, b, from, to, number, m);
            }
            if (to - r == REMOVED_.length && startsWith(b, r, to, REMOVED_)) {
                queue.removed(ascii(b, m, m + colon));
                return REMOVED;
            }
            if (startsWith(b, r, to, MESSAGE_ID_)) {
                int k = r + MESSAGE_ID_.length;
                if (k < to && b[k] == '<') {
                    k++;
                }
                int v = k;
                while (k < to && b[k] != '>' && b[k] != ' ' && b[k] != '\t') {
                    k++;
                }
                if (k > v) {
                    queue.get(ascii(b, m, m + colon)).messageId = ascii(b, v, k);
                }
                return MESSAGE_ID_LINE;
            }
            int f = from(b, r, to);
            if (f == -2) {
                return program.message(this, b, from, to, number, m); // an address only a regular expression reads
            }
            if (f >= 0) {
                int end = addressEnd(b, f, to);
                String queueId = ascii(b, m, m + colon);
                queue.get(queueId).sender = end > f ? ascii(b, f, end) : null;
                if (indexOf(b, r, to, STATUS_EXPIRED) >= 0) {
                    return expired(new Line(clock.instant(), ascii(b, span.hostStart, span.hostEnd), program.service,
                            number, ctx.fileId()), queueId, queue);
                }
                return SENDER;
            }
            return program.serviceMessage;
        }

        /** Hands a line to the text path after its header was read here. */
        LineResult asText(byte[] b, int from, int to, long number, Program program, int messageStart) {
            Line l = new Line(clock.instant(), ascii(b, span.hostStart, span.hostEnd), program.service, number,
                    ctx.fileId());
            return PostfixLogParser.this.message(l, ascii(b, messageStart, to), queue);
        }

        private Program program(byte[] b, int ps, int pe) {
            for (int i = 0; i < programs.size(); i++) {
                Program p = programs.get(i);
                if (p.is(b, ps, pe)) {
                    return p;
                }
            }
            Program p = new Program(ascii(b, ps, pe));
            if (programs.size() < 64) {
                programs.add(p);
            }
            return p;
        }

        /** A delivery result: {@code to=<...>, [orig_to=<...>, ]relay=..., delay=..., dsn=..., status=... (text)}. */
        private LineResult delivery(byte[] b, int from, int to, long number, Program program, int m, int r) {
            int k = r + TO_.length;
            int rcptStart = k;
            int rcptEnd = addressEnd(b, k, to);
            if (rcptEnd < 0 || rcptEnd + 2 >= to || b[rcptEnd + 1] != ',' || b[rcptEnd + 2] != ' ') {
                return program.message(this, b, from, to, number, m);
            }
            int fields = rcptEnd + 3;
            int statusAt = startsWith(b, fields, to, STATUS_) ? fields : indexOf(b, fields, to, COMMA_STATUS);
            if (statusAt < 0) {
                return NO_STATUS;
            }
            int wordStart = statusAt == fields ? fields + STATUS_.length : statusAt + COMMA_STATUS.length;
            int wordEnd = wordStart;
            while (wordEnd < to && (isLetter(b[wordEnd]) || b[wordEnd] == '-')) {
                wordEnd++;
            }
            Outcome outcome = outcome(b, wordStart, wordEnd);
            if (outcome == null) {
                if (startsWith(b, wordStart, wordEnd, DELIVERABLE) || startsWith(b, wordStart, wordEnd, UNDELIVERABLE)) {
                    return PROBE;
                }
                return LineResult.malformed("unknown status=" + ascii(b, wordStart, wordEnd));
            }
            // the text: what follows the status word, stripped, without its parentheses
            int ts = wordEnd;
            int te = to;
            while (ts < te && (b[ts] == ' ' || b[ts] == '\t')) {
                ts++;
            }
            while (te > ts && (b[te - 1] == ' ' || b[te - 1] == '\t')) {
                te--;
            }
            if (te - ts == 1 && b[ts] == '(') {
                return program.message(this, b, from, to, number, m);
            }
            if (te - ts >= 2 && b[ts] == '(' && b[te - 1] == ')') {
                ts++;
                te--;
            }
            String text = ascii(b, ts, te);
            String dsn = dsn(b, fields, statusAt);
            String host = null;
            String ip = null;
            int[] remote = remoteInText(b, ts, te);
            if (remote != null) {
                host = ascii(b, remote[0], remote[1]);
                ip = ascii(b, remote[2], remote[3]);
            } else {
                int relay = field(b, fields, statusAt, RELAY_);
                if (relay >= 0) {
                    int groupEnd = relay;
                    while (groupEnd < statusAt && b[groupEnd] != ',') {
                        groupEnd++;
                    }
                    int h = relay;
                    while (h < groupEnd && isHostChar(b[h])) {
                        h++;
                    }
                    int[] ipAt = h < groupEnd && b[h] == '[' ? bracketedIp(b, h + 1, groupEnd) : null;
                    if (ipAt != null) {
                        host = h > relay ? ascii(b, relay, h) : null;
                        ip = ascii(b, ipAt[0], ipAt[1]);
                    }
                }
            }
            String recipient = rcptEnd > rcptStart ? ascii(b, rcptStart, rcptEnd) : null;
            String queueId = ascii(b, m, r - 2);
            Line l = new Line(clock.instant(), ascii(b, span.hostStart, span.hostEnd), program.service, number,
                    ctx.fileId());
            SmtpReplyText reply = SmtpReplyText.of(text);
            Integer code = outcome == Outcome.DELIVERED ? replyCodeOfSent(b, ts, te) : reply.replyCode();
            return event(l, queueId, recipient, outcome, text, dsn, host, ip, reply, code, queue);
        }
    }

    private static final byte[] DELIVERABLE = bytes("deliverable");
    private static final byte[] UNDELIVERABLE = bytes("undeliverable");

    /** One program name of a syslog file, and what its lines are when they are not Postfix's. */
    private static final class Program {
        final byte[] name;
        final boolean postfix;
        final String service;
        final LineResult notPostfix;
        final LineResult serviceMessage;

        Program(String name) {
            this.name = name.getBytes(StandardCharsets.ISO_8859_1);
            this.postfix = name.startsWith("postfix");
            this.service = name.substring(name.lastIndexOf('/') + 1);
            this.notPostfix = LineResult.ignored("not a Postfix line: " + name);
            this.serviceMessage = LineResult.ignored(service + " message");
        }

        boolean is(byte[] b, int from, int to) {
            return Arrays.equals(name, 0, name.length, b, from, to);
        }

        LineResult message(Bytes bytes, byte[] b, int from, int to, long number, int messageStart) {
            return bytes.asText(b, from, to, number, this, messageStart);
        }
    }

    private static boolean startsWith(byte[] b, int at, int to, byte[] prefix) {
        if (to - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int from, int to, byte[] needle) {
        byte first = needle[0];
        for (int i = from, last = to - needle.length; i <= last; i++) {
            if (b[i] == first && startsWith(b, i, to, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isLetter(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHostChar(byte c) {
        return isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '-';
    }

    private static boolean isIpChar(byte c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':';
    }

    private static boolean isWordChar(byte c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    /**
     * The end of an address after {@code <} (the index of its {@code >}), as {@code ((?:"[^"]*"|[^>])*)>}
     * first matches; -1 when only backtracking could find one (the caller reads the line as text).
     */
    private static int addressEnd(byte[] b, int k, int to) {
        while (k < to) {
            byte c = b[k];
            if (c == '>') {
                return k;
            }
            if (c == '"') {
                int close = k + 1;
                while (close < to && b[close] != '"') {
                    close++;
                }
                k = close < to ? close + 1 : k + 1;
            } else {
                k++;
            }
        }
        return -1;
    }

    /**
     * Where the address of the first {@code from=<} at the start or after white space begins; -1
     * when there is none, -2 when there is one whose end only backtracking finds.
     */
    private static int from(byte[] b, int r, int to) {
        int at = r;
        while ((at = indexOf(b, at, to, FROM_)) >= 0) {
            if (at == r || b[at - 1] == ' ' || b[at - 1] == '\t') {
                int start = at + FROM_.length;
                return addressEnd(b, start, to) >= 0 ? start : -2;
            }
            at++;
        }
        return -1;
    }

    private static Outcome outcome(byte[] b, int from, int to) {
        return switch (to - from) {
            case 4 -> b[from] == 's' && b[from + 1] == 'e' && b[from + 2] == 'n' && b[from + 3] == 't' ? Outcome.DELIVERED
                    : null;
            case 7 -> equals(b, from, "bounced") ? Outcome.BOUNCED : equals(b, from, "expired") ? Outcome.EXPIRED : null;
            case 8 -> equals(b, from, "deferred") ? Outcome.DEFERRED : null;
            case 10 -> equals(b, from, "softbounce") ? Outcome.DEFERRED : null;
            default -> null;
        };
    }

    private static boolean equals(byte[] b, int from, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (b[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Where the value of the first {@code name} field starts ({@code (?:^|, )name}) in {@code b[from, to)}, or -1. */
    private static int field(byte[] b, int from, int to, byte[] name) {
        int at = from;
        while ((at = indexOf(b, at, to, name)) >= 0) {
            if (at == from || at - from >= 2 && b[at - 2] == ',' && b[at - 1] == ' ') {
                return at + name.length;
            }
            at++;
        }
        return -1;
    }

    /** {@link #DSN} by hand: the first {@code dsn=} field whose value is an enhanced code ending at a comma or the end. */
    private static String dsn(byte[] b, int from, int to) {
        int at = from;
        while ((at = indexOf(b, at, to, DSN_)) >= 0) {
            if (at == from || at - from >= 2 && b[at - 2] == ',' && b[at - 1] == ' ') {
                int v = at + DSN_.length;
                int end = enhancedEnd(b, v, to);
                if (end > 0 && (end == to || b[end] == ',')) {
                    return ascii(b, v, end);
                }
            }
            at++;
        }
        return null;
    }

    /** The end of {@code [245]\.\d{1,3}\.\d{1,3}} at {@code k} with its last group taking every digit, or -1. */
    private static int enhancedEnd(byte[] b, int k, int to) {
        if (k + 5 > to || b[k] < '2' || b[k] > '5' || b[k] == '3' || b[k + 1] != '.') {
            return -1;
        }
        int i = k + 2;
        int s = i;
        while (i < to && isDigit(b[i])) {
            i++;
        }
        if (i == s || i - s > 3 || i >= to || b[i] != '.') {
            return -1;
        }
        s = ++i;
        while (i < to && isDigit(b[i])) {
            i++;
        }
        if (i == s || i - s > 3) {
            return -1;
        }
        return i;
    }

    /** {@code [(?:ipv6:)?([0-9A-Fa-f.:]+)\]} after the {@code [}: the address's bounds, or null. */
    private static int[] bracketedIp(byte[] b, int k, int to) {
        if (to - k >= 5 && b[k] == 'i' && b[k + 1] == 'p' && b[k + 2] == 'v' && b[k + 3] == '6' && b[k + 4] == ':') {
            k += 5;
        }
        int s = k;
        while (k < to && isIpChar(b[k])) {
            k++;
        }
        return k > s && k < to && b[k] == ']' ? new int[] {s, k} : null;
    }

    /** {@link #REMOTE_IN_TEXT} by hand: the leftmost remote host and address named in the text, or null. */
    private static int[] remoteInText(byte[] b, int from, int to) {
        for (int at = from; at < to; at++) {
            byte c = b[at];
            if (c != 'h' && c != 'c' && c != 'l') {
                continue;
            }
            for (byte[] prefix : REMOTE_PREFIXES) {
                if (prefix[0] == c && startsWith(b, at, to, prefix)) {
                    int h = at + prefix.length;
                    int hs = h;
                    while (h < to && isHostChar(b[h])) {
                        h++;
                    }
                    int[] ip = h > hs && h < to && b[h] == '[' ? bracketedIp(b, h + 1, to) : null;
                    if (ip != null) {
                        return new int[] {hs, h, ip[0], ip[1]};
                    }
                }
            }
        }
        return null;
    }

    /** {@link #SENT_CODE} by hand: {@code 2xx} at the start or after the first word and a space. */
    private static Integer replyCodeOfSent(byte[] b, int from, int to) {
        int w = from;
        while (w < to && b[w] != ' ' && b[w] != '\t') {
            w++;
        }
        if (w > from && w < to && b[w] == ' ') {
            Integer code = code2xx(b, w + 1, to);
            if (code != null) {
                return code;
            }
        }
        return code2xx(b, from, to);
    }

    private static Integer code2xx(byte[] b, int k, int to) {
        if (k + 3 <= to && b[k] == '2' && isDigit(b[k + 1]) && isDigit(b[k + 2]) && (k + 3 == to || !isWordChar(b[k + 3]))) {
            return (b[k + 1] - '0') * 10 + b[k + 2] - '0' + 200;
        }
        return null;
    }

    private LineResult delivery(Line l, String queueId, String rest, PostfixQueue queue) {
        Matcher to = TO.matcher(rest);
        if (!to.lookingAt()) {
            return LineResult.malformed("delivery line without a readable to=<...>");
        }
        String recipient = emptyToNull(to.group(1));
        String fields = rest.substring(to.end());
        int statusAt = fields.startsWith("status=") ? 0 : fields.indexOf(", status=");
        if (statusAt < 0) {
            return LineResult.malformed("delivery line without status=");
        }
        int wordStart = fields.indexOf('=', statusAt) + 1;
        int wordEnd = wordStart;
        while (wordEnd < fields.length() && (Character.isLetter(fields.charAt(wordEnd)) || fields.charAt(wordEnd) == '-')) {
            wordEnd++;
        }
        String status = fields.substring(wordStart, wordEnd);
        Outcome outcome = switch (status) {
            case "sent" -> Outcome.DELIVERED;
            case "deferred", "softbounce" -> Outcome.DEFERRED;
            case "bounced" -> Outcome.BOUNCED;
            case "expired" -> Outcome.EXPIRED;
            default -> null;
        };
        if (outcome == null) {
            if (status.startsWith("deliverable") || status.startsWith("undeliverable")) {
                return LineResult.ignored("address verification probe");
            }
            return LineResult.malformed("unknown status=" + status);
        }
        String text = unwrap(fields.substring(wordEnd));
        String before = fields.substring(0, statusAt);
        Matcher dsnM = DSN.matcher(before);
        String dsn = dsnM.find() ? dsnM.group(1) : null;
        String host = null;
        String ip = null;
        Matcher remote = REMOTE_IN_TEXT.matcher(text);
        if (remote.find()) {
            host = remote.group(1);
            ip = remote.group(2);
        } else {
            Matcher relay = RELAY.matcher(before);
            if (relay.find()) {
                Matcher hi = HOST_IP.matcher(relay.group(1));
                if (hi.lookingAt()) {
                    host = emptyToNull(hi.group(1));
                    ip = hi.group(2);
                }
            }
        }
        SmtpReplyText reply = SmtpReplyText.of(text);
        Integer code = outcome == Outcome.DELIVERED ? replyCodeOfSent(text) : reply.replyCode();
        return event(l, queueId, recipient, outcome, text, dsn, host, ip, reply, code, queue);
    }

    private LineResult event(Line l, String queueId, String recipient, Outcome outcome, String text, String dsn,
            String host, String ip, SmtpReplyText reply, Integer code, PostfixQueue queue) {
        // smtp, relay, error, retry and discard report on mail we send; the rest deliver to our own users
        Direction direction = LOCAL_SERVICES.contains(l.service()) ? Direction.INBOUND : Direction.OUTBOUND;
        PostfixQueue.Message msg = queue.peek(queueId);
        if (outcome == Outcome.DEFERRED) {
            queue.deferred(queueId, new PostfixQueue.Deferral(recipient, text, dsn, host, ip));
        } else if (recipient != null) {
            queue.settled(queueId, recipient);
        }
        return LineResult.of(new DeliveryEvent(l.time(), direction, id(), l.host(), queueId,
                msg == null ? null : msg.messageId, msg == null ? null : msg.sender, recipient, null, outcome,
                code, dsn != null ? dsn : reply.enhancedStatus(), host, ip, reply.phase(), text, l.fileId(),
                l.number()));
    }

    private static final Pattern SENT_CODE = Pattern.compile("^(?:\\S+ )?(2\\d\\d)\\b");

    private static Integer replyCodeOfSent(String text) {
        Matcher m = SENT_CODE.matcher(text);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private LineResult expired(Line l, String queueId, PostfixQueue queue) {
        PostfixQueue.Message msg = queue.get(queueId);
        List<DeliveryEvent> events = new ArrayList<>();
        for (PostfixQueue.Deferral d : msg.pending.values()) {
            SmtpReplyText reply = SmtpReplyText.of(d.text());
            events.add(new DeliveryEvent(l.time(), Direction.OUTBOUND, id(), l.host(), queueId, msg.messageId,
                    msg.sender, d.recipient(), null, Outcome.EXPIRED, reply.replyCode(),
                    d.dsn() != null ? d.dsn() : reply.enhancedStatus(), d.relayHost(), d.relayIp(), reply.phase(),
                    d.text(), l.fileId(), l.number()));
        }
        queue.expired(msg);
        if (events.isEmpty()) {
            events.add(new DeliveryEvent(l.time(), Direction.OUTBOUND, id(), l.host(), queueId, msg.messageId,
                    msg.sender, null, null, Outcome.EXPIRED, null, null, null, null, null,
                    "status=expired, returned to sender", l.fileId(), l.number()));
        }
        return new LineResult.Parsed(events);
    }

    private LineResult refusal(Line l, String queueId, String rest) {
        if (rest.startsWith("reject_warning:") || rest.startsWith("warning:")) {
            return LineResult.ignored("reject_warning (not enforced)");
        }
        String client;
        String clientIp;
        String diagnostic;
        SmtpPhase phase;
        String envelopeText;
        Matcher m = REJECT.matcher(rest);
        Matcher c = CONTENT_REJECT.matcher(rest);
        if (m.matches()) {
            client = emptyToNull(m.group(3));
            clientIp = m.group(4);
            phase = SmtpPhase.ofCommand(m.group(2));
            String tail = m.group(5);
            Matcher env = ENVELOPE.matcher(tail);
            if (env.find()) {
                diagnostic = tail.substring(0, env.start());
                envelopeText = tail.substring(env.start());
            } else {
                diagnostic = tail;
                envelopeText = "";
            }
        } else if (c.matches()) {
            client = emptyToNull(c.group(1));
            clientIp = c.group(2);
            phase = SmtpPhase.END_OF_DATA;
            String tail = c.group(3);
            int colon = tail.lastIndexOf(">: ");
            diagnostic = colon >= 0 ? tail.substring(colon + 3) : tail;
            envelopeText = colon >= 0 ? tail.substring(0, colon + 1) : tail;
        } else if (rest.startsWith("reject:") || rest.startsWith("milter-reject:")) {
            return LineResult.malformed("reject line without client and reply");
        } else {
            return LineResult.ignored("smtpd message");
        }
        String sender = null;
        String recipient = null;
        Matcher env = ENVELOPE.matcher(envelopeText);
        if (env.find()) {
            sender = emptyToNull(env.group(1));
            recipient = emptyToNull(env.group(2));
        } else {
            Matcher from = FROM.matcher(envelopeText);
            if (from.find()) {
                sender = emptyToNull(from.group(1));
            }
        }
        if ("unknown".equals(client)) {
            client = null;
        }
        SmtpReplyText reply = SmtpReplyText.of(diagnostic);
        return LineResult.of(new DeliveryEvent(l.time(), Direction.INBOUND, id(), l.host(), queueId, null, sender,
                recipient, null, Outcome.REJECTED, reply.replyCode(), reply.enhancedStatus(), client, clientIp,
                phase, diagnostic.strip(), l.fileId(), l.number()));
    }

    /** The text of {@code status=deferred (TEXT)}, without the parentheses. */
    private static String unwrap(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

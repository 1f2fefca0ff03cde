package dev.mailblocks.parse.exim;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Direction;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import dev.mailblocks.model.SmtpReplyText;
import dev.mailblocks.parse.ByteLineReader;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.LineReader;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.ParseSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exim main logs, plain or through syslog or journald: delivery results ({@code =>}/{@code ->}
 * delivered, {@code **} bounced or expired, {@code ==} deferred) and refusals of incoming mail
 * ({@code rejected RCPT}, {@code rejected after DATA}, {@code temporarily rejected}...). Arrival
 * lines ({@code <=}) give the sender of later results for the same message id.
 *
 * <p>An entry whose text runs on over continuation lines (indented, as Exim writes multi-line
 * texts) is one record spanning those lines.
 */
public final class EximLogParser implements InputFormat {

    /** The most lines one entry may span; further indented lines stand alone as malformed. */
    static final int MAX_RECORD_LINES = 10_000;

    /** An old ({@code 1UlasQ-0003fr-45}) or 4.97+ ({@code 10HmaX-000000005vi-0000}) message id. */
    private static final Pattern MESSAGE_ID = Pattern.compile(
            "^([0-9A-Za-z]{6}-(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{2}|[0-9A-Za-z]{11}-[0-9A-Za-z]{4}))(?: |$)");
    /** Exim's own phrases, for sniffing plain logs whose first lines carry no message id. */
    private static final Pattern EXIM_PHRASE = Pattern.compile("^(?:[HUF]=|SMTP connection from|SMTP call from"
            + "|Start queue run|End queue run|exim \\S+ daemon started|no MAIL in SMTP connection|SMTP protocol"
            + "|TLS error on connection|no host name found for IP address|no IP address found for host"
            + "|(?:temporarily )?rejected (?:MAIL|RCPT|EHLO|HELO|connection)|ETRN |VRFY failed for |ignoring AUTH="
            + "|spool directory space check failed)"
            + "|authenticator failed for |sender verify fail for ");
    private static final Pattern REMOTE_IN_TEXT = Pattern.compile(
            "(?:^|[\\s(])(?:H=|host )([A-Za-z0-9._-]+)? ?\\[([0-9A-Fa-f.:]+)\\]");
    /** Failures that only reaching out to another host can give. */
    private static final Pattern REMOTE_FAILURE = Pattern.compile("(?i)SMTP error from remote|Connection refused"
            + "|Connection timed out|Connection reset|retry time not reached for any host|retry timeout exceeded"
            + "|unrouteable mail domain|Network is unreachable|No route to host|Network Error|remote host"
            + "|failed to lookup IP address|all relevant MX records|SMTP timeout|DANE error|TLS session");

    @Override
    public String id() {
        return "exim";
    }

    /**
     * {@link #MESSAGE_ID} read by hand: the length of the message id at the start of an entry
     * (followed by a space or the end), or -1.
     */
    static int messageIdEnd(String s) {
        return messageIdEnd(s, 0);
    }

    /** {@link #messageIdEnd(String)} of the entry that starts at {@code from}: where its message id ends, or -1. */
    static int messageIdEnd(String s, int from) {
        if (!alnum(s, from, 6) || s.length() < from + 7 || s.charAt(from + 6) != '-') {
            return -1;
        }
        if (alnum(s, from + 7, 6) && at(s, from + 13) == '-' && alnum(s, from + 14, 2)
                && EximPrefix.followedBySpaceOrEnd(s, from + 16)) {
            return from + 16;
        }
        if (alnum(s, from + 7, 11) && at(s, from + 18) == '-' && alnum(s, from + 19, 4)
                && EximPrefix.followedBySpaceOrEnd(s, from + 23)) {
            return from + 23;
        }
        return -1;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\uFFFF';
    }

    private static boolean alnum(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean sniff(List<String> head) {
        EximPrefix prefix = new EximPrefix(ZoneOffset.UTC, Instant.now());
        for (String line : head) {
            if (prefix.read(line) instanceof EximPrefix.Entry e
                    && (e.wrapped() || MESSAGE_ID.matcher(e.body()).find() || EXIM_PHRASE.matcher(e.body()).find())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String parse(Reader input, ParseContext context, ParseSink sink) throws IOException {
        LineReader lines = new LineReader(input);
        Entries entries = new Entries(new EximPrefix(context.zone(), context.yearReference()), context.fileId());
        Record pending = null;
        try {
            String line;
            while ((line = lines.next()) != null) {
                long number = lines.number();
                LineResult screened = lines.screen(line);
                boolean continuation = screened == null && Character.isWhitespace(line.charAt(0));
                if (continuation && pending != null && pending.lineCount < MAX_RECORD_LINES) {
                    pending.add(line);
                    continue;
                }
                flush(pending, entries, sink);
                pending = null;
                if (screened != null) {
                    sink.accept(number, 1, screened, line);
                } else if (continuation) {
                    sink.accept(number, 1, LineResult.malformed("continuation line without an entry before it"),
                            line);
                } else {
                    pending = new Record(number, line);
                }
            }
        } catch (IOException e) {
            // the entry read so far is still accounted for before the stream's failure is reported
            flush(pending, entries, sink);
            throw e;
        }
        flush(pending, entries, sink);
        return id();
    }

    /**
     * The byte path: lines are read as bytes and a line of printable ASCII (most of a log) becomes its
     * text by a plain copy, without a UTF-8 decoder; what each record is, is then read as
     * {@link #parse(Reader, ParseContext, ParseSink)} reads it.
     */
    @Override
    public String parse(InputStream input, ParseContext context, ParseSink sink) throws IOException {
        ByteLineReader lines = new ByteLineReader(input);
        Entries entries = new Entries(new EximPrefix(context.zone(), context.yearReference()), context.fileId());
        Record pending = null;
        try {
            while (lines.next()) {
                long number = lines.number();
                if (lines.plain() && lines.end() > lines.start() && !mayContinue(lines.bytes()[lines.start()])
                        && !mayContinue(lines.peek())) {
                    // a whole entry on one line of printable ASCII (its text a plain copy of its bytes): the
                    // common entries are read in place
                    flush(pending, entries, sink);
                    pending = null;
                    LineResult quick = entries.quick(lines.text(), number);
                    if (quick != null) {
                        sink.accept(number, 1, quick, quick instanceof LineResult.Ignored ? null : lines.text());
                        continue;
                    }
                }
                LineResult screened = lines.screen();
                boolean continuation = screened == null && Character.isWhitespace(lines.plain()
                        ? (char) lines.bytes()[lines.start()] : lines.text().charAt(0));
                if (continuation && pending != null && pending.lineCount < MAX_RECORD_LINES) {
                    pending.add(lines.text());
                    continue;
                }
                flush(pending, entries, sink);
                pending = null;
                if (screened != null) {
                    sink.accept(number, 1, screened, lines.text());
                } else if (continuation) {
                    sink.accept(number, 1, LineResult.malformed("continuation line without an entry before it"),
                            lines.text());
                } else {
                    pending = new Record(number, lines.text());
                }
            }
        } catch (IOException e) {
            flush(pending, entries, sink);
            throw e;
        }
        flush(pending, entries, sink);
        return id();
    }

    /**
     * Whether a line starting with this byte (-1: a line not read yet) may be blank or continue the
     * entry before it: a space, a tab, any control character, or a character past ASCII (some are spaces).
     */
    private static boolean mayContinue(int firstByte) {
        return firstByte < 0x21 || firstByte > 0x7e;
    }

    private static void flush(Record record, Entries entries, ParseSink sink) {
        if (record != null) {
            sink.accept(record.firstLine, record.lineCount, entries.parse(record.text(), record.firstLine),
                    record.first);
        }
    }

    /** One entry and its continuation lines, joined by spaces; the text kept is bounded. */
    private static final class Record {
        final long firstLine;
        final String first;
        /** The text with its continuations, made at the first one (most entries have none). */
        StringBuilder text;
        int lineCount = 1;

        Record(long firstLine, String first) {
            this.firstLine = firstLine;
            this.first = first;
        }

        void add(String continuation) {
            lineCount++;
            if (text == null) {
                text = new StringBuilder(first);
            }
            if (text.length() + continuation.length() < LineReader.MAX_LINE) {
                text.append(' ').append(continuation.strip());
            }
        }

        String text() {
            return text == null ? first : text.toString();
        }
    }

    /** Turns the text of entries into results, with the state that links them. */
    private final class Entries {
        private final EximPrefix prefix;
        private final long fileId;
        private final EximMessages messages = new EximMessages();

        Entries(EximPrefix prefix, long fileId) {
            this.prefix = prefix;
            this.fileId = fileId;
        }

        LineResult parse(String text, long number) {
            EximPrefix.Read read = prefix.read(text);
            if (read instanceof EximPrefix.NotEntry n) {
                return n.result();
            }
            EximPrefix.Entry entry = (EximPrefix.Entry) read;
            try {
                return body(entry, number);
            } catch (IllegalArgumentException | DateTimeException e) {
                // a value the event model refuses (say, an impossible code): this entry only, not the file
                return LineResult.malformed("unreadable entry: " + e.getMessage());
            }
        }

        /**
         * The entries most of a log is made of, read from a whole line of printable ASCII as
         * {@link #parse} reads them, in place (fields found by offsets, a {@code String} made only of the
         * values kept): {@code TIME ID FLAG ...} (arrivals, deliveries, failures, deferrals) and
         * {@code TIME ID Completed}. Anything else (a wrapper, a process id, an impossible time, a refusal,
         * another message event) is {@code null}, before any state changed: for {@link #parse}.
         */
        LineResult quick(String line, long number) {
            int n = line.length();
            int isoEnd = prefix.iso(line);
            if (isoEnd < 0 || isoEnd + 1 >= n || line.charAt(isoEnd) != ' ') {
                return null;
            }
            int body = isoEnd + 1;
            char first = line.charAt(body);
            if (first == ' ' || first == '\t' || first == '[') {
                return null; // more space, or a process id: as the text reading strips them
            }
            int idEnd = messageIdEnd(line, body);
            Instant time = idEnd > 0 ? prefix.isoTime() : null;
            if (time == null) {
                return null;
            }
            int rest = idEnd < n ? idEnd + 1 : idEnd; // a message id is followed by a space or the end
            int after = n - rest > 3 ? rest + 3 : n;
            Outcome outcome = null;
            if (n - rest >= 2 && (n - rest == 2 || line.charAt(rest + 2) == ' ')) {
                char a = line.charAt(rest);
                char b = line.charAt(rest + 1);
                if (b == '=' && (a == '<' || a == '(')) {
                    arrival(line.substring(body, idEnd), EximDeliveryLine.read(line, after, n, "id"));
                    return ARRIVAL;
                }
                if (b == '>' && (a == '=' || a == '-' || a == '>')) {
                    outcome = Outcome.DELIVERED;
                } else if (a == '*' && b == '*') {
                    outcome = Outcome.BOUNCED;
                } else if (a == '=' && b == '=') {
                    outcome = Outcome.DEFERRED;
                } else if (a == '*' && b == '>') {
                    return SUPPRESSED;
                }
            }
            if (outcome != null) {
                try {
                    // what event() reads: the host and the fields T and C
                    EximDeliveryLine d = EximDeliveryLine.read(line, after, n, "H", "T", "C");
                    if (outcome == Outcome.BOUNCED && isExpiry(d.text())) {
                        outcome = Outcome.EXPIRED;
                    }
                    return event(time, null, number, line.substring(body, idEnd), d, outcome);
                } catch (IllegalArgumentException | DateTimeException e) {
                    return LineResult.malformed("unreadable entry: " + e.getMessage());
                }
            }
            if (line.startsWith("Completed", rest)) {
                messages.completed(line.substring(body, idEnd));
                return COMPLETED;
            }
            return null;
        }

        private LineResult body(EximPrefix.Entry entry, long number) {
            String body = entry.body();
            int idEnd = messageIdEnd(body);
            String messageId = null;
            String rest = body;
            if (idEnd > 0) {
                messageId = body.substring(0, idEnd);
                rest = body.substring(idEnd < body.length() && body.charAt(idEnd) == ' ' ? idEnd + 1 : idEnd);
                String flag = rest.length() >= 2 && (rest.length() == 2 || rest.charAt(2) == ' ')
                        ? rest.substring(0, 2) : "";
                String after = rest.length() > 3 ? rest.substring(3) : "";
                switch (flag) {
                    case "<=", "(=" -> {
                        arrival(messageId, EximDeliveryLine.read(after, "id"));
                        return ARRIVAL;
                    }
                    case "=>", "->", ">>" -> {
                        return result(entry, number, messageId, after, Outcome.DELIVERED);
                    }
                    case "*>" -> {
                        return SUPPRESSED;
                    }
                    case "**" -> {
                        EximDeliveryLine d = EximDeliveryLine.read(after);
                        Outcome outcome = isExpiry(d.text()) ? Outcome.EXPIRED : Outcome.BOUNCED;
                        return event(entry.time(), entry.host(), number, messageId, d, outcome);
                    }
                    case "==" -> {
                        return result(entry, number, messageId, after, Outcome.DEFERRED);
                    }
                    default -> {
                        // not a delivery line: Completed, Frozen, rejections after DATA, ...
                    }
                }
                if (rest.startsWith("Completed")) {
                    messages.completed(messageId);
                    return COMPLETED;
                }
            }
            EximRefusal refusal = EximRefusal.read(rest);
            if (refusal != null) {
                return refusal(entry, number, messageId, refusal);
            }
            if (EximRefusal.isSenderVerification(rest)) {
                return LineResult.ignored("sender verification (the refusal it causes is logged on its own line)");
            }
            return LineResult.ignored(messageId == null ? "not a delivery result" : "message event");
        }

        /** Remembers the sender and Message-ID of an arrival line ({@code <=}), read after its flag. */
        private void arrival(String messageId, EximDeliveryLine a) {
            String sender = a.address();
            if (sender.startsWith("<") && sender.endsWith(">")) {
                sender = sender.substring(1, sender.length() - 1);
            }
            messages.arrived(messageId, new EximMessages.Arrival(sender.isEmpty() ? null : sender, a.field("id")));
        }

        private LineResult result(EximPrefix.Entry entry, long number, String messageId, String after,
                Outcome outcome) {
            return event(entry.time(), entry.host(), number, messageId, EximDeliveryLine.read(after), outcome);
        }

        /** The event of a delivery line; reads the fields T and C of the line. */
        private LineResult event(Instant time, String reportingHost, long number, String messageId,
                EximDeliveryLine d, Outcome outcome) {
            String text = flatten(d.text());
            if (text.isEmpty() && d.errno() != null) {
                text = "defer (" + d.errno() + ")";
            }
            String host = d.hostName();
            String ip = d.hostIp();
            if (host == null && ip == null) {
                Matcher remote = REMOTE_IN_TEXT.matcher(text);
                if (remote.find()) {
                    host = remote.group(1);
                    ip = remote.group(2);
                }
            }
            Integer code;
            String enhanced;
            SmtpPhase phase = null;
            String diagnostic;
            if (outcome == Outcome.DELIVERED) {
                // the receiving server's confirmation, logged as C="250 ..." with log_selector +smtp_confirmation
                diagnostic = d.field("C") == null ? "" : flatten(d.field("C"));
                SmtpReplyText reply = SmtpReplyText.of(diagnostic);
                code = reply.replyCode();
                enhanced = reply.enhancedStatus();
            } else {
                diagnostic = text;
                SmtpReplyText reply = SmtpReplyText.of(text);
                code = reply.replyCode();
                enhanced = reply.enhancedStatus();
                phase = reply.phase();
            }
            EximMessages.Arrival arrival = messages.peek(messageId);
            return LineResult.of(new DeliveryEvent(time, direction(d, text), id(), reportingHost, messageId,
                    arrival == null ? null : arrival.messageId(), arrival == null ? null : arrival.sender(),
                    d.recipient(), null, outcome, code, enhanced, host, ip, phase, diagnostic, fileId, number));
        }

        private LineResult refusal(EximPrefix.Entry entry, long number, String messageId, EximRefusal r) {
            String diagnostic = flatten(r.diagnostic());
            SmtpReplyText reply = SmtpReplyText.of(diagnostic);
            return LineResult.of(new DeliveryEvent(entry.time(), Direction.INBOUND, id(), entry.host(), messageId,
                    null, r.sender(), r.recipient(), null, Outcome.REJECTED, reply.replyCode(),
                    reply.enhancedStatus(), r.clientHost(), r.clientIp(), r.phase(), diagnostic, fileId, number));
        }
    }

    /**
     * Outbound when a remote host took part: an {@code H=} host, a failure only a remote delivery
     * can have, or an SMTP transport. Inbound for local transports (appendfile, pipe, lmtp) and
     * pipe, file and auto-reply destinations. A router failure with neither ({@code ** a@b:
     * Unrouteable address}) is outbound: mail for our own users is refused in the SMTP dialogue
     * rather than accepted and bounced, so what bounces at routing is mostly mail we send.
     */
    private static Direction direction(EximDeliveryLine d, String text) {
        if (d.hostName() != null || d.hostIp() != null || REMOTE_FAILURE.matcher(text).find()) {
            return Direction.OUTBOUND;
        }
        String transport = d.field("T");
        if (transport != null) {
            String t = transport.toLowerCase(Locale.ROOT);
            return t.contains("smtp") && !t.contains("lmtp") ? Direction.OUTBOUND : Direction.INBOUND;
        }
        String a = d.address();
        if (!a.isEmpty() && "|/>:".indexOf(a.charAt(0)) >= 0) {
            return Direction.INBOUND;
        }
        return Direction.OUTBOUND;
    }


    private static final LineResult ARRIVAL = LineResult.ignored("arrival");
    private static final LineResult COMPLETED = LineResult.ignored("completed");
    private static final LineResult SUPPRESSED = LineResult.ignored("delivery suppressed (-N)");

    /** A failure after the retry time ran out: the message expired rather than bounced. */
    private static boolean isExpiry(String text) {
        return text.contains("retry timeout exceeded")
                || text.contains("retry time not reached for any host after a long failure period");
    }

    /** Exim writes a newline inside a text as the two characters {@code \n}: a space, as for joined lines. */
    private static String flatten(String text) {
        if (!text.contains("\\n")) {
            return text.strip();
        }
        return text.replace("\\n", " ").replaceAll(" {2,}", " ").strip();
    }
}

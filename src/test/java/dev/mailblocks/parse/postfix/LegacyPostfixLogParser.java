package dev.mailblocks.parse.postfix;

import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.LineReader;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.ParseSink;
import dev.mailblocks.parse.SyslogClock;
import dev.mailblocks.parse.SyslogHeader;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Direction;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import dev.mailblocks.model.SmtpReplyText;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Postfix parser as it was before the byte path (commit a5195e4), kept as the reference that
 * {@link PostfixByteParityTest} holds the byte path to: every line the same result, every event equal.
 *
 * <p>Postfix logs as written through syslog: delivery results of smtp, lmtp, local, virtual, pipe
 * and error ({@code status=sent|deferred|bounced}), qmgr expiries, and refusals of incoming
 * mail by smtpd, postscreen and cleanup ({@code NOQUEUE: reject:}, {@code milter-reject:}).
 */
final class LegacyPostfixLogParser implements InputFormat {

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
        LineReader lines = new LineReader(input);
        SyslogClock clock = new SyslogClock(context.zone(), context.yearReference());
        PostfixQueue queue = new PostfixQueue();
        String line;
        while ((line = lines.next()) != null) {
            LineResult result = lines.screen(line);
            if (result == null) {
                result = parseLine(line, lines.number(), clock, queue, context);
            }
            sink.accept(lines.number(), 1, result, line);
        }
        return id();
    }

    private LineResult parseLine(String line, long number, SyslogClock clock, PostfixQueue queue, ParseContext ctx) {
        SyslogClock.Stamp stamp = clock.read(line);
        if (stamp == null) {
            return LineResult.malformed("no syslog timestamp");
        }
        SyslogHeader h = SyslogHeader.read(line, stamp.length());
        if (h == null) {
            return LineResult.malformed("no syslog host and program");
        }
        if (!h.program().startsWith("postfix")) {
            return LineResult.ignored("not a Postfix line: " + h.program());
        }
        String service = h.program().substring(h.program().lastIndexOf('/') + 1);
        Line l = new Line(stamp.instant(), h.host(), service, number, ctx.fileId());
        String message = h.message();
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

package dev.mailblocks.parse.exim;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Direction;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import dev.mailblocks.model.SmtpReplyText;
import dev.mailblocks.parse.LineResult;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of Exim entries into results, with the state that links them (the arrivals of the
 * messages still in the queue): {@link EximLogParser} hands it each entry, whole lines of printable
 * ASCII first to {@link #quick}, which reads the common ones in place.
 */
final class EximEntries {

    private static final String FORMAT = "exim";
    private static final Pattern REMOTE_IN_TEXT = Pattern.compile(
            "(?:^|[\\s(])(?:H=|host )([A-Za-z0-9._-]+)? ?\\[([0-9A-Fa-f.:]+)\\]");
    /** Failures that only reaching out to another host can give. */
    private static final Pattern REMOTE_FAILURE = Pattern.compile("(?i)SMTP error from remote|Connection refused"
            + "|Connection timed out|Connection reset|retry time not reached for any host|retry timeout exceeded"
            + "|unrouteable mail domain|Network is unreachable|No route to host|Network Error|remote host"
            + "|failed to lookup IP address|all relevant MX records|SMTP timeout|DANE error|TLS session");

    private final EximPrefix prefix;
    private final long fileId;
    private final EximMessages messages = new EximMessages();

    EximEntries(EximPrefix prefix, long fileId) {
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
        int idEnd = EximLogParser.messageIdEnd(line, body);
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
        int idEnd = EximLogParser.messageIdEnd(body);
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
        return LineResult.of(new DeliveryEvent(time, direction(d, text), FORMAT, reportingHost, messageId,
                arrival == null ? null : arrival.messageId(), arrival == null ? null : arrival.sender(),
                d.recipient(), null, outcome, code, enhanced, host, ip, phase, diagnostic, fileId, number));
    }

    private LineResult refusal(EximPrefix.Entry entry, long number, String messageId, EximRefusal r) {
        String diagnostic = flatten(r.diagnostic());
        SmtpReplyText reply = SmtpReplyText.of(diagnostic);
        return LineResult.of(new DeliveryEvent(entry.time(), Direction.INBOUND, FORMAT, entry.host(), messageId,
                null, r.sender(), r.recipient(), null, Outcome.REJECTED, reply.replyCode(),
                reply.enhancedStatus(), r.clientHost(), r.clientIp(), r.phase(), diagnostic, fileId, number));
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

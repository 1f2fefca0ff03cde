package dev.mailblocks.parse.exchange;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Direction;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpReplyText;
import dev.mailblocks.parse.ByteLineReader;
import dev.mailblocks.parse.CsvRows;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.LineReader;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.ParseSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Exchange message tracking logs ({@code MSGTRK*.LOG}, Exchange 2007 to 2019): {@code #}
 * header lines, then one CSV row per event, read by the names of the last {@code #Fields}
 * line, so the 26-field (2010) and the 27- to 30-field (2013 and later) layouts both work.
 *
 * <p>FAIL, DROP and DELIVERFAIL rows are bounces (expired for {@code 4.4.7} / QUEUE.Expired),
 * DEFER rows deferrals, SEND, SENDEXTERNAL and DELIVER rows deliveries; one event per
 * recipient. DSN rows are ignored: a DSN row records the notification Exchange sent to the
 * sender (its recipient is our own sender), after the FAIL row that already holds the refusal.
 *
 * <p>Direction: DELIVER (into our own mailboxes) is inbound and SENDEXTERNAL outbound; other
 * rows follow the {@code directionality} field of Exchange 2013 and later (Incoming: inbound,
 * Originating: outbound); without it (2010) rows from the SMTP source are outbound (we were
 * sending), the rest inbound (our own routing refused or deferred the mail).
 *
 * <p>The remote side: for SEND and SENDEXTERNAL, and for FAIL and DEFER from the SMTP source,
 * Exchange logs the server it talked to in {@code server-hostname}/{@code server-ip} and
 * itself in {@code client-hostname}; for the other rows it logs itself in
 * {@code server-hostname}. A status in Exchange's last-error form ({@code {FQDN=...};{IP=...}})
 * names the remote server too.
 *
 * <p>Exchange writes line breaks inside values as {@code \r}/{@code \n}, so every row is one
 * physical line; a line with the wrong number of fields (a row cut off) is malformed.
 */
public final class ExchangeTrackingLogParser implements InputFormat {

    /** Every cell name {@link #row} reads. */
    private static final Set<String> CELLS_READ = Set.of("event-id", "date-time", "source", "client-hostname",
            "server-hostname", "server-ip", "directionality", "sender-address", "return-path", "message-id",
            "internal-message-id", "recipient-address", "recipient-status");
    private static final Set<String> BOUNCES = Set.of("FAIL", "DROP", "DELIVERFAIL");
    private static final Set<String> DELIVERIES = Set.of("SEND", "SENDEXTERNAL", "DELIVER");
    private static final Pattern LAST_ERROR_HOST = Pattern.compile("\\{FQDN=([^}]+)}");
    private static final Pattern LAST_ERROR_IP = Pattern.compile("\\{IP=([^}]+)}");

    /** The fields of the last {@code #Fields} line and the CSV format reading rows by them. */
    private record Header(List<String> names, CSVFormat format, String problem, int eventIndex,
            Map<String, Integer> index) {
    }

    /** The cells of one row by header name: read by the CSV reader, or split by hand when that gives the same. */
    private interface Cells {
        /** A cell by name, trimmed; {@code null} when the header lacks the name or the cell is empty. */
        String get(String name);
    }

    @Override
    public String id() {
        return "exchange";
    }

    @Override
    public boolean sniff(List<String> head) {
        for (String raw : head) {
            String line = LineReader.withoutBom(raw);
            if (!line.startsWith("#")) {
                return false; // the header lines come first
            }
            if (line.startsWith("#Log-type: Message Tracking Log")) {
                return true;
            }
            if (line.startsWith("#Fields:") && line.contains("event-id") && line.contains("recipient-address")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String parse(Reader input, ParseContext context, ParseSink sink) throws IOException {
        LineReader lines = new LineReader(input);
        Rows rows = new Rows(context);
        String line;
        while ((line = lines.next()) != null) {
            LineResult result = lines.screen(line);
            if (result == null) {
                result = rows.line(line, lines.number());
            }
            sink.accept(lines.number(), 1, result, line);
        }
        return id();
    }

    /**
     * The byte path: a row of printable ASCII whose event is not a result (RECEIVE, AGENTINFO,
     * SUBMIT...: most rows) is typed from its bytes, without decoding it; every other line is decoded
     * and read as {@link #parse(Reader, ParseContext, ParseSink)} reads it.
     */
    @Override
    public String parse(InputStream input, ParseContext context, ParseSink sink) throws IOException {
        ByteLineReader lines = new ByteLineReader(input);
        Rows rows = new Rows(context);
        while (lines.next()) {
            LineResult result = lines.screen();
            if (result == null && lines.plain()) {
                result = rows.ignoredRow(lines.bytes(), lines.start(), lines.end());
            }
            if (result == null) {
                result = rows.line(lines.text(), lines.number());
            }
            sink.accept(lines.number(), 1, result, result instanceof LineResult.Ignored ? null : lines.text());
        }
        return id();
    }

    /** The rows of one input: the header in force, and the reasons of the ignored events seen. */
    private final class Rows {
        private final ParseContext context;
        private Header header;
        /**
         * The upper-cased event names met on plain rows (a few names in a log), and what a row with that
         * event is when it is not a result; {@code null} for a result event.
         */
        private final List<byte[]> ignoredNames = new ArrayList<>();
        private final List<LineResult> ignoredResults = new ArrayList<>();
        private byte[] scratch = new byte[32];

        Rows(ParseContext context) {
            this.context = context;
        }

        /** A line that is neither cut, binary nor blank. */
        LineResult line(String line, long number) {
            if (line.startsWith("#Fields:")) {
                header = header(line);
                return LineResult.ignored("#Fields header");
            } else if (line.startsWith("#")) {
                return LineResult.ignored("header line");
            } else if (header == null) {
                return LineResult.malformed("row before any #Fields header");
            } else if (header.problem() != null) {
                return LineResult.malformed(header.problem());
            }
            return row(line, header, number, context);
        }

        /**
         * The result of a plain (printable ASCII) row whose event cell, found by its commas, is a
         * non-empty event that is not a result, as {@link #row} gives it; {@code null} for any other
         * line (a header line, a row with a quote, a result row...), which is then read as text.
         */
        LineResult ignoredRow(byte[] b, int start, int end) {
            Header h = header;
            if (h == null || h.problem() != null || h.index() == null || b[start] == '#') {
                return null;
            }
            int eventIndex = h.eventIndex();
            int cellStart = start;
            int field = 0;
            int i = start;
            for (; i < end; i++) { // up to the comma after the event cell, byte by byte
                byte c = b[i];
                if (c == '"') {
                    return null; // quoted cells: split whole
                }
                if (c == ',') {
                    if (field == eventIndex) {
                        break;
                    }
                    field++;
                    cellStart = i + 1;
                }
            }
            if (field != eventIndex) {
                return null; // fewer cells than the header has
            }
            int cellEnd = i;
            int more = i == end ? 0 : ExchangeCells.commasAfter(b, i, end); // the rest, eight bytes at a time
            if (more < 0 || eventIndex + 1 + more != h.names().size()) {
                return null; // a quote, or more or fewer cells than the header has: the text path says what
            }
            while (cellStart < cellEnd && (b[cellStart] == ' ' || b[cellStart] == '\t')) {
                cellStart++;
            }
            while (cellEnd > cellStart && (b[cellEnd - 1] == ' ' || b[cellEnd - 1] == '\t')) {
                cellEnd--;
            }
            int n = cellEnd - cellStart;
            if (n == 0) {
                return null; // no event-id: malformed, said by the text path
            }
            if (scratch.length < n) {
                scratch = new byte[n];
            }
            for (int k = 0; k < n; k++) {
                byte c = b[cellStart + k];
                scratch[k] = c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
            }
            for (int k = 0; k < ignoredNames.size(); k++) {
                if (Arrays.equals(ignoredNames.get(k), 0, ignoredNames.get(k).length, scratch, 0, n)) {
                    return ignoredResults.get(k);
                }
            }
            String event = new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
            LineResult result = BOUNCES.contains(event) || event.equals("DEFER") || DELIVERIES.contains(event)
                    ? null // a result: read as text
                    : ignoredEvent(event);
            if (ignoredNames.size() < 64) {
                ignoredNames.add(Arrays.copyOf(scratch, n));
                ignoredResults.add(result);
            }
            return result;
        }
    }

    /**
     * The event-id cell of a row with no quote and no carriage return whose commas make exactly
     * {@code count} cells (the rows {@link CsvRows#simpleFields} splits the same way), or {@code null}
     * for any other row, which is split whole.
     */
    static String plainEventCell(String line, int count, int eventIndex) {
        int[] ends = CsvRows.simpleCellEnds(line, count);
        return ends == null ? null : CsvRows.cell(line, ends, eventIndex);
    }

    private static Header header(String line) {
        List<String> names = new ArrayList<>();
        for (String name : line.substring("#Fields:".length()).split(",", -1)) {
            names.add(name.strip());
        }
        String problem = null;
        if (!names.contains("date-time") || !names.contains("event-id")) {
            problem = "the #Fields header has no date-time or event-id field";
        }
        int eventIndex = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase("event-id")) {
                eventIndex = eventIndex == -1 ? i : -2; // twice: leave the lookup to the CSV reader
            }
        }
        // the columns of the names a row is read by, looked up as the CSV reader looks them up (ignoring
        // case); names that differ in case only leave the lookup to the CSV reader: no index then
        Map<String, Integer> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), i);
        }
        Map<String, Integer> index = null;
        if (byName.size() == names.size() && eventIndex >= 0) {
            index = new HashMap<>();
            for (String name : CELLS_READ) {
                Integer i = byName.get(name);
                if (i != null) {
                    index.put(name, i);
                }
            }
        }
        return new Header(List.copyOf(names), CsvRows.format(names), problem, Math.max(eventIndex, -1), index);
    }

    private LineResult row(String line, Header header, long number, ParseContext ctx) {
        int[] commas = header.index() != null ? CsvRows.simpleCellEnds(line, header.names().size()) : null;
        String[] split = header.index() != null && commas == null
                ? CsvRows.simpleFields(line, header.names().size()) : null;
        Cells r;
        if (commas != null) {
            // no quote and no line break: the cells are what lies between the commas, cut only when read;
            // most rows (RECEIVE, SUBMIT, ...) end at their event cell
            String quickEvent = CsvRows.cell(line, commas, header.eventIndex()).strip().toUpperCase(Locale.ROOT);
            if (!quickEvent.isEmpty() && !BOUNCES.contains(quickEvent) && !quickEvent.equals("DEFER")
                    && !DELIVERIES.contains(quickEvent)) {
                return ignoredEvent(quickEvent);
            }
            Map<String, Integer> index = header.index();
            r = name -> {
                Integer i = index.get(name);
                String v = i == null ? null : CsvRows.cell(line, commas, i).strip();
                return v == null || v.isEmpty() ? null : v;
            };
        } else if (split != null) {
            String quickEvent = split[header.eventIndex()].strip().toUpperCase(Locale.ROOT);
            if (!quickEvent.isEmpty() && !BOUNCES.contains(quickEvent) && !quickEvent.equals("DEFER")
                    && !DELIVERIES.contains(quickEvent)) {
                return ignoredEvent(quickEvent); // most rows (RECEIVE, SUBMIT, ...) end here
            }
            Map<String, Integer> index = header.index();
            r = name -> {
                if (!CELLS_READ.contains(name)) {
                    throw new IllegalArgumentException("not in CELLS_READ: " + name);
                }
                Integer i = index.get(name);
                String v = i == null ? null : split[i].strip();
                return v == null || v.isEmpty() ? null : v;
            };
        } else {
            CSVRecord record;
            try {
                record = CsvRows.one(line, header.format());
            } catch (CsvRows.BadRow e) {
                return LineResult.malformed(e.getMessage());
            }
            if (record.size() != header.names().size()) {
                return LineResult.malformed(record.size() + " fields where the #Fields header has "
                        + header.names().size());
            }
            r = name -> CsvRows.get(record, name);
        }
        String event = r.get("event-id");
        if (event == null) {
            return LineResult.malformed("no event-id");
        }
        event = event.toUpperCase(Locale.ROOT);
        Outcome outcome = BOUNCES.contains(event) ? Outcome.BOUNCED
                : event.equals("DEFER") ? Outcome.DEFERRED
                : DELIVERIES.contains(event) ? Outcome.DELIVERED
                : null;
        if (outcome == null) {
            return ignoredEvent(event);
        }
        Instant time = ExchangeTime.read(r.get("date-time"));
        if (time == null) {
            return LineResult.malformed("unreadable date-time");
        }
        String source = upper(r.get("source"));
        boolean remoteSide = event.startsWith("SEND")
                || ("SMTP".equals(source) && (event.equals("FAIL") || event.equals("DEFER")));
        String reporting = remoteSide ? r.get("client-hostname") : r.get("server-hostname");
        String remoteHost = remoteSide ? r.get("server-hostname") : null;
        String remoteIp = remoteSide ? r.get("server-ip") : null;
        Direction direction = direction(event, source, r.get("directionality"));
        String sender = r.get("sender-address");
        if (sender == null || sender.equals("<>")) {
            sender = unbracket(r.get("return-path"));
        }
        String messageId = unbracket(r.get("message-id"));
        String queueId = r.get("internal-message-id");

        List<String> recipients = ExchangeValueList.members(r.get("recipient-address"));
        List<String> statuses = ExchangeValueList.statuses(r.get("recipient-status"), recipients.size());
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = 0; i < Math.max(1, recipients.size()); i++) {
            String recipient = recipients.isEmpty() ? null : recipients.get(i);
            String status = statuses.get(i);
            SmtpReplyText reply = SmtpReplyText.of(status);
            Outcome o = outcome;
            if (o == Outcome.BOUNCED && ("4.4.7".equals(reply.enhancedStatus()) || status.contains("QUEUE.Expired"))) {
                o = Outcome.EXPIRED;
            }
            String host = remoteHost;
            String ip = remoteIp;
            if (host == null && ip == null) {
                host = group(LAST_ERROR_HOST, status);
                ip = group(LAST_ERROR_IP, status);
            }
            events.add(new DeliveryEvent(time, direction, id(), reporting, queueId, messageId, sender, recipient,
                    null, o, reply.replyCode(), reply.enhancedStatus(), host, ip, reply.phase(), status,
                    ctx.fileId(), number));
        }
        return new LineResult.Parsed(events);
    }

    private static final LineResult DSN_ROW =
            LineResult.ignored("DSN: the notification sent to the sender; the refusal is its FAIL row");

    private static LineResult ignoredEvent(String event) {
        return event.equals("DSN") ? DSN_ROW : LineResult.ignored("event " + event);
    }

    private static Direction direction(String event, String source, String directionality) {
        if (event.equals("DELIVER")) {
            return Direction.INBOUND;
        }
        if (event.equals("SENDEXTERNAL")) {
            return Direction.OUTBOUND;
        }
        if ("Incoming".equalsIgnoreCase(directionality)) {
            return Direction.INBOUND;
        }
        if ("Originating".equalsIgnoreCase(directionality)) {
            return Direction.OUTBOUND;
        }
        return "SMTP".equals(source) ? Direction.OUTBOUND : Direction.INBOUND;
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }

    private static String unbracket(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.startsWith("<") && t.endsWith(">")) {
            t = t.substring(1, t.length() - 1);
        }
        return t.isEmpty() ? null : t;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}

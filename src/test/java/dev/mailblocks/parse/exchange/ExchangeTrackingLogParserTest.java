package dev.mailblocks.parse.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.parse.AnnotatedLog;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExchangeTrackingLogParserTest {

    private static final String FIELDS_2019 = "#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,"
            + "source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,"
            + "recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,"
            + "message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,"
            + "original-server-ip,custom-data,transport-traffic-type,log-id,schema-version";

    static Stream<Path> annotatedLogs() throws IOException {
        return Files.list(Path.of("src/test/resources/parse/exchange")).filter(p -> p.toString().endsWith(".log"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("annotatedLogs")
    void everyAnnotatedLineParsesAsExpected(Path log) throws IOException {
        new AnnotatedLog(log).check(new ExchangeTrackingLogParser(), Instant.parse("2027-01-02T00:00:00Z"));
    }

    /** What the parser made of each line, and the events in order. */
    private record Parsed(Map<Long, LineResult> byLine, List<DeliveryEvent> events, long lines) {
    }

    private static Parsed parse(Reader in) throws IOException {
        Map<Long, LineResult> byLine = new TreeMap<>();
        List<DeliveryEvent> events = new ArrayList<>();
        long[] lines = {0};
        new ExchangeTrackingLogParser().parse(in, new ParseContext("t", 1, ZoneOffset.UTC, Instant.EPOCH),
                (first, count, r, text) -> {
                    byLine.put(first, r);
                    lines[0] += count;
                    if (r instanceof LineResult.Parsed p) {
                        events.addAll(p.events());
                    }
                });
        return new Parsed(byLine, events, lines[0]);
    }

    private static String row2019(String event, String recipients, String statuses) {
        return "2026-11-21T10:00:00.000Z,,EX01,192.0.2.80,mx.example.com,,,SMTP," + event + ",1,<m@x>,n,"
                + recipients + "," + statuses + ",1,3,,,Subject,ops@corp.example.com,ops@corp.example.com,,"
                + "Originating,,,,,Email,l,15";
    }

    @Test
    void multiRecipientRowGivesOneEventPerRecipientButCountsAsOneLine() throws IOException {
        Parsed p = parse(new StringReader(FIELDS_2019 + "\n" + row2019("FAIL", "a@x.example;b@y.example;c@z.example",
                "'550 5.1.1 RESOLVER.ADR.RecipNotFound; not found';'452 4.2.2 mailbox full';"
                        + "'550 5.7.1 RESOLVER.RST.AuthRequired; authentication required'") + "\n"));
        assertEquals(2, p.lines());
        assertEquals(3, p.events().size());
        assertEquals("a@x.example", p.events().get(0).recipient());
        assertEquals("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", p.events().get(0).diagnostic());
        assertEquals("y.example", p.events().get(1).recipientDomain());
        assertEquals(452, p.events().get(1).replyCode());
        assertEquals("5.7.1", p.events().get(2).enhancedStatus());
    }

    @Test
    void unquotedStatusListsAreSplitBeforeEachReplyCode() throws IOException {
        Parsed p = parse(new StringReader(FIELDS_2019 + "\n" + row2019("FAIL", "a@x.example;b@y.example",
                "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found;550 5.2.2 mailbox full; try later") + "\n"));
        assertEquals(List.of("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", "550 5.2.2 mailbox full; try later"),
                p.events().stream().map(DeliveryEvent::diagnostic).toList());
    }

    @Test
    void oneStatusForSeveralRecipientsAppliesToEach() throws IOException {
        Parsed p = parse(new StringReader(FIELDS_2019 + "\n"
                + row2019("DEFER", "a@x.example;b@y.example", "451 4.4.0 DNS query failed") + "\n"));
        assertEquals(2, p.events().size());
        assertEquals("451 4.4.0 DNS query failed", p.events().get(1).diagnostic());
    }

    @Test
    void quotedAddressWithApostropheIsUnquoted() {
        assertEquals(List.of("o'brien@example.com", "x@example.com"),
                ExchangeValueList.members("'o''brien@example.com';x@example.com"));
    }

    @Test
    void rowsBeforeAnyFieldsHeaderAreMalformed() throws IOException {
        Parsed p = parse(new StringReader(row2019("FAIL", "a@x.example", "550 5.1.1 unknown") + "\n"));
        assertInstanceOf(LineResult.Malformed.class, p.byLine().get(1L));
    }

    @Test
    void byteOrderMarkBeforeTheFirstHeaderLineIsTolerated() throws IOException {
        String log = "\uFEFF#Software: Microsoft Exchange Server\n" + FIELDS_2019 + "\n"
                + row2019("SEND", "a@x.example", "250 2.1.5 Recipient OK") + "\n";
        Parsed p = parse(new StringReader(log));
        assertEquals(1, p.events().size());
        assertTrue(new ExchangeTrackingLogParser().sniff(List.of("\uFEFF#Software: Microsoft Exchange Server",
                "#Version: 15.02.1118.007", "#Log-type: Message Tracking Log")));
    }

    @Test
    void sniffAcceptsTrackingLogsOnly() {
        ExchangeTrackingLogParser f = new ExchangeTrackingLogParser();
        assertTrue(f.sniff(List.of("#Software: Microsoft Exchange Server", "#Version: 14.0.0.0",
                "#Log-type: Message Tracking Log")));
        assertTrue(f.sniff(List.of(FIELDS_2019)));
        assertFalse(f.sniff(List.of("#Software: Microsoft Exchange Server", "#Version: 15.0.0.0",
                "#Log-type: SMTP Send Protocol Log", "#Fields: date-time,connector-id,session-id,sequence-number")));
        assertFalse(f.sniff(List.of("Jan  3 10:00:00 mx postfix/smtp[1]: 1A2B3C4D5E: to=<a@example.net>, status=sent")));
        assertFalse(f.sniff(List.of("email,reason,detail,created_at,expires_at,last_event_at,expires_at,subaccount")));
    }

    @Test
    void realExchange2010LogWithByteOrderMarkIsAccountedLineByLine() throws IOException {
        Path real = Path.of("../shared/data/real-logs/elastic-beats/bom8.log");
        assumeTrue(Files.exists(real), "shared real logs not present");
        try (Reader in = new InputStreamReader(Files.newInputStream(real), StandardCharsets.UTF_8)) {
            Parsed p = parse(in);
            assertEquals(7, p.lines());
            for (long line = 1; line <= 5; line++) {
                assertInstanceOf(LineResult.Ignored.class, p.byLine().get(line), "header line " + line);
            }
            // two STOREDRIVER NOTIFYMAPI rows: 26 fields each, read by the header, not delivery results
            assertEquals("event NOTIFYMAPI", ((LineResult.Ignored) p.byLine().get(6L)).why());
            assertEquals("event NOTIFYMAPI", ((LineResult.Ignored) p.byLine().get(7L)).why());
            assertTrue(p.events().isEmpty());
        }
        List<String> head = Files.readAllLines(real, StandardCharsets.UTF_8).subList(0, 5);
        assertTrue(new ExchangeTrackingLogParser().sniff(head));
    }
}

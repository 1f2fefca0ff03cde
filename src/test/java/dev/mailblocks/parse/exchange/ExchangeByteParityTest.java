package dev.mailblocks.parse.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.parse.ByteParity;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte path of {@link ExchangeTrackingLogParser} gives exactly what the text parser gave before it
 * ({@link LegacyExchangeTrackingLogParser}): the same result for every line (the same reasons, the same
 * events field by field), on the test logs and the real one, a generated log, mutated rows and hostile input.
 */
class ExchangeByteParityTest {

    private static final String HEAD = "#Software: Microsoft Exchange Server\n#Version: 15.02.1118.007\n"
            + "#Log-type: Message Tracking Log\n#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,"
            + "source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,"
            + "recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,"
            + "message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,"
            + "original-server-ip,custom-data,transport-traffic-type,log-id,schema-version\n";

    private static final String[] ROWS = {
        "2026-12-26T04:00:00.806Z,::1,EXCH01.corp.example.com,::1,EXCH01.corp.example.com,08DD;2026-12-26T04:00:00.806Z;0,,"
                + "STOREDRIVER,RECEIVE,1985445332977,<FB17@EXCH01.corp.example.com>,2001995c,pjohn@att.net,,246704,1,,,"
                + "Quarterly report,john@example.com,john@example.com,,Originating,,,,S:DeliveryPriority=Normal,Email,2001,15.02",
        "2026-12-26T04:00:00.806Z,198.51.100.12,EXCH01.corp.example.com,,,,,AGENT,AgentInfo,1985445332977,<FB17@EXCH01>,"
                + "2001995c,pjohn@att.net,,246704,1,,,Quarterly report,john@example.com,john@example.com,,Originating,,,,"
                + "S:AccountForest=corp.example.com,Email,2001,15.02",
        "2026-12-26T04:00:00.806Z,198.51.100.12,EXCH01.corp.example.com,203.0.113.179,mx.prodigy.net,,Outbound,SMTP,SEND,"
                + "1985445332977,<FB17@EXCH01>,2001995c,pjohn@att.net,250 2.6.0 <FB17@EXCH01> Queued mail for delivery,"
                + "246704,1,,,Quarterly report,john@example.com,john@example.com,,Originating,,,,,Email,2001,15.02",
        "2026-11-21T10:05:00.000Z,,EX01,203.0.113.9,mx.example.org,,,SMTP,FAIL,3004,<CAB123@corp.example.com>,6c1e,"
                + "c1@example.org;c2@example.org,'550 5.7.1 Service unavailable; Client host [192.0.2.200] blocked';"
                + "'550 5.7.1 blocked using Spamhaus',20480,2,,,Status,ops@corp.example.com,<ops@corp.example.com>,,"
                + "Originating,,,,,Email,b2f9,15.02",
        "2026-11-22T10:00:00.000Z,,,,EX01,,,QUEUE,FAIL,3003,<CAB123@corp.example.com>,6c1e,b1@example.net,'550 4.4.7"
                + " QUEUE.Expired; message expired [{LRT=2026-11-22T09:50:00.000Z};{FQDN=mx.example.net};{IP=198.51.100.7}]',"
                + "20480,1,,,Status,<>,<ops@corp.example.com>,,Incoming,,,,,Email,b2f9,15.02",
        "2026-11-21T10:06:00.000Z,,,,EX01,,,AGENT,DROP,3005,<CAB123@corp.example.com>,6c1e,d1@example.com,"
                + "\"550 5.7.1 Delivery not authorized, message refused\",20480,1,,,Status,ops@corp.example.com,,,"
                + "Originating,,,,,Email,b2f9,15.02",
        "2026-11-21T11:00:00+01:00,,EX01,192.0.2.80,mx.example.com,,,SMTP,DEFER,3007,<CAB999@corp.example.com>,x,"
                + "f1@example.com;f2@example.com,451 4.7.0 Temporary server error; 452 4.2.2 full,100,1,,,Later,"
                + "ops@corp.example.com,ops@corp.example.com,,,,,,,Email,b2f9,15.02",
        "2026-11-21T11:01:00.123456789Z,,,,EX01,,,STOREDRIVER,DELIVER,3008,<CAB998@corp.example.com>,x,g1@example.com,"
                + "250 2.1.5 RecipientSuccessfullyDelivered,100,1,,,,ops@corp.example.com,,,Incoming,,,,,Email,b2f9,15.02",
        "2026-11-21T11:01:00Z,,,,EX01,,,SMTP,SENDEXTERNAL,3008,<CAB998@corp.example.com>,x,'o''brien@example.com',"
                + "250 ok,100,1,,,,ops@corp.example.com,,,,,,,,Email,b2f9,15.02",
        "2026-11-21T11:01:00Z,,,,EX01,,,DSN,DSN,3008,<CAB998@corp.example.com>,x,ops@corp.example.com,,100,1,,,,"
                + "postmaster@corp.example.com,,,,,,,,Email,b2f9,15.02",
        "2026-02-30T11:01:00Z,,,,EX01,,,SMTP,FAIL,3009,<C@x>,x,h@example.com,550 5.1.1 no,100,1,,,,s@x,,,,,,,,Email,b,1",
        "2026-11-21T11:01:00Z,,,,EX01,,,SMTP, ,3009,<C@x>,x,h@example.com,550 5.1.1 no,100,1,,,,s@x,,,,,,,,Email,b,1",
        "2026-11-21T11:01:00Z,,,,EX01,,,SMTP,\tsubmit ,3009,<C@x>,x,h@example.com,,100,1,,,,s@x,,,,,,,,Email,b,1",
    };

    private static void assertSame(byte[] input) throws IOException {
        ByteParity.assertSame(new LegacyExchangeTrackingLogParser(), new ExchangeTrackingLogParser(), input,
                ZoneId.of("UTC"));
    }

    private static void assertSame(String input) throws IOException {
        assertSame(input.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTestLogsParseTheSame() throws IOException {
        List<Path> logs = ByteParity.testLogs(p -> p.toString().toLowerCase().contains("msgtrk")
                || p.toString().contains("exchange") || p.toString().contains("elastic-beats"));
        assertTrue(logs.size() >= 4, "test logs found: " + logs);
        for (Path log : logs) {
            assertSame(Files.readAllBytes(log));
        }
    }

    @Test
    void aGeneratedLogParsesTheSame(@TempDir Path dir) throws IOException {
        byte[] log = ByteParity.generated("exchange", 30_000, dir);
        assertSame(log);
        List<String> got = ByteParity.asBytes(new ExchangeTrackingLogParser(), log, ZoneId.of("UTC"));
        assertTrue(got.stream().filter(s -> s.contains("BOUNCED")).count() > 100, "bounces read");
    }

    @Test
    void typicalAndMutatedRowsParseTheSame() throws IOException {
        assertSame(HEAD + String.join("\n", ROWS) + "\n");
        assertSame(HEAD.replace("\n", "\r\n") + String.join("\r\n", ROWS));
        String[] inserts = {"\"", ",", ";", "'", "''", " ", "\t", "FAIL", "RECEIVE", "é", "\u0000", "\r", "Z", ":",
            "{FQDN=a}", "550 ", "5.4.7", "4.4.7", "#", "\uFFFD"};
        assertSame(ByteParity.mutated(ROWS, inserts, 20_000, 5, HEAD));
        // rows before any header, a header without the fields read, a header naming a field twice
        assertSame(ROWS[0] + "\n" + HEAD.replace("event-id", "event") + ROWS[1] + "\n");
        assertSame(HEAD.replace("client-ip", "EVENT-ID") + ROWS[1] + "\n" + ROWS[4] + "\n");
        assertSame(HEAD.replace("client-ip", "DATE-TIME") + ROWS[1] + "\n" + ROWS[4] + "\n");
    }

    @Test
    void hostileInputIsAccountedForTheSame() throws IOException {
        byte[] input = ByteParity.hostile(HEAD, ROWS[3], ROWS[2].substring(0, 30));
        assertSame(input);
        List<String> got = ByteParity.asBytes(new ExchangeTrackingLogParser(), input, ZoneId.of("UTC"));
        assertTrue(got.get(4).contains("BOUNCED"), got.get(4));
        assertTrue(got.get(5).startsWith("6+1 malformed: binary data"), got.get(5));
        assertTrue(got.stream().anyMatch(s -> s.contains("malformed: line longer than")), got.toString());
    }

    @Test
    void ignoredRowsAreNotDecoded() throws IOException {
        List<String> texts = new ArrayList<>();
        List<LineResult> results = new ArrayList<>();
        new ExchangeTrackingLogParser().parse(new ByteArrayInputStream((HEAD + ROWS[0] + "\n" + ROWS[1] + "\n" + ROWS[2]
                + "\n").getBytes(StandardCharsets.UTF_8)), new ParseContext("t", 3, ZoneId.of("UTC"),
                        Instant.parse("2027-01-01T00:00:00Z")), (first, count, r, text) -> {
                            texts.add(text);
                            results.add(r);
                        });
        assertEquals(LineResult.ignored("event RECEIVE"), results.get(4));
        assertEquals(LineResult.ignored("event AGENTINFO"), results.get(5));
        assertNull(texts.get(4));
        assertNull(texts.get(5));
        assertInstanceOf(LineResult.Parsed.class, results.get(6));
        assertEquals(ROWS[2], texts.get(6));
    }

    @Test
    void commasAreCountedEightBytesAtATimeAsOneByOne() {
        Random rnd = new Random(3);
        byte[] alphabet = ",,,\"a Z~\t\u007f0".getBytes(StandardCharsets.ISO_8859_1);
        for (int t = 0; t < 50_000; t++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(4) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) (0x20 + rnd.nextInt(95));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int to = from + rnd.nextInt(b.length - from + 1);
            int want = 0;
            for (int i = from; i < to && want >= 0; i++) {
                want = b[i] == '"' ? Integer.MIN_VALUE : b[i] == ',' ? want + 1 : want;
            }
            assertEquals(want, ExchangeCells.commasAfter(b, from, to), new String(b, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void theHandReadTimeIsWhatInstantParseGives() {
        Random rnd = new Random(7);
        String[] samples = {"2026-12-26T04:00:00.806Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z",
            "2026-12-26t04:00:00.8z", "2026-12-26T24:00:00Z", "2026-12-26T23:59:60Z", "2026-12-26T04:00:00.Z",
            "2026-12-26T04:00:00.1234567891Z", "2026-13-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-12-26T04:00:00",
            "2026-12-26T04:00:00+01:00", "2026-12-26 04:00:00Z", "+2026-12-26T04:00:00Z", "2026-1a-26T04:00:00Z"};
        int read = 0;
        for (int i = 0; i < 200_000; i++) {
            String v = i < samples.length ? samples[i] : String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s",
                    rnd.nextInt(10_000), rnd.nextInt(14), rnd.nextInt(33), rnd.nextInt(26), rnd.nextInt(61),
                    rnd.nextInt(62), rnd.nextBoolean() ? "" : "." + "1234567890".substring(0, rnd.nextInt(11)),
                    rnd.nextInt(5) == 0 ? "" : rnd.nextBoolean() ? "Z" : "z");
            Instant fast = ExchangeTime.plainUtc(v);
            if (fast != null) {
                read++;
                assertEquals(Instant.parse(v), fast, v);
            } else if (i < 2) {
                throw new AssertionError("not read by hand: " + v);
            }
        }
        assertTrue(read > 10_000, "read by hand: " + read);
    }
}

package dev.mailblocks.parse.postfix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.parse.AnnotatedLog;
import dev.mailblocks.parse.LineReader;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PostfixLogParserTest {

    static Stream<Path> annotatedLogs() throws IOException {
        return Files.list(Path.of("src/test/resources/parse/postfix")).filter(p -> p.toString().endsWith(".log")).sorted();
    }

    @ParameterizedTest
    @MethodSource("annotatedLogs")
    void everyAnnotatedLineParsesAsExpected(Path log) throws IOException {
        new AnnotatedLog(log).check(new PostfixLogParser(), Instant.parse("2027-01-02T00:00:00Z"));
    }

    private static List<DeliveryEvent> events(String log, ZoneId zone, Instant reference) throws IOException {
        List<DeliveryEvent> out = new ArrayList<>();
        new PostfixLogParser().parse(new StringReader(log), new ParseContext("t", 1, zone, reference),
                (first, count, r, text) -> {
                    if (r instanceof LineResult.Parsed p) {
                        out.addAll(p.events());
                    }
                });
        return out;
    }

    private static final String SENT = ": 1A2B3C4D5E: to=<a@example.net>, relay=mx.example.net[203.0.113.5]:25,"
            + " delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)";

    @Test
    void decemberToJanuaryRolloverInsideOneFileAddsAYear() throws IOException {
        String log = "Dec 31 23:59:58 mx postfix/smtp[1]" + SENT + "\n"
                + "Jan  1 00:00:02 mx postfix/smtp[1]" + SENT + "\n"
                + "Dec 31 23:59:59 mx postfix/smtp[1]" + SENT + "\n" // a straggler written late
                + "Jan  2 10:00:00 mx postfix/smtp[1]" + SENT + "\n";
        List<DeliveryEvent> ev = events(log, ZoneOffset.UTC, Instant.parse("2027-03-01T00:00:00Z"));
        assertEquals("2026-12-31T23:59:58Z", ev.get(0).time().toString());
        assertEquals("2027-01-01T00:00:02Z", ev.get(1).time().toString());
        assertEquals("2026-12-31T23:59:59Z", ev.get(2).time().toString());
        assertEquals("2027-01-02T10:00:00Z", ev.get(3).time().toString());
    }

    @Test
    void yearComesFromModificationTimeSoTheFirstLineIsNotInTheFuture() throws IOException {
        String log = "Nov 20 08:00:00 mx postfix/smtp[1]" + SENT + "\n";
        assertEquals("2026-11-20T08:00:00Z",
                events(log, ZoneOffset.UTC, Instant.parse("2026-11-23T00:00:00Z")).get(0).time().toString());
        assertEquals("2025-11-20T08:00:00Z",
                events(log, ZoneOffset.UTC, Instant.parse("2026-11-19T00:00:00Z")).get(0).time().toString());
    }

    @Test
    void syslogLocalTimeIsConvertedWithTheGivenZone() throws IOException {
        String log = "Jul  1 12:00:00 mx postfix/smtp[1]" + SENT + "\n";
        assertEquals("2026-07-01T10:00:00Z", events(log, ZoneId.of("Europe/Berlin"),
                Instant.parse("2026-12-01T00:00:00Z")).get(0).time().toString());
    }

    @Test
    void flattenedMultilineReplyKeepsWholeTextAndFinalCodes() throws IOException {
        String log = "Jan  3 10:00:00 mx postfix/smtp[1]: 1A2B3C4D5E: to=<a@gmail.com>,"
                + " relay=gmail-smtp-in.l.google.com[142.250.1.27]:25, delay=1, delays=0/0/0/1, dsn=5.7.26,"
                + " status=bounced (host gmail-smtp-in.l.google.com[142.250.1.27] said: 550-5.7.26 Unauthenticated"
                + " email from example.com is not accepted due 550-5.7.26 to domain's DMARC policy. 550 5.7.26"
                + " Please contact the administrator. - gsmtp (in reply to end of DATA command))\n";
        DeliveryEvent e = events(log, ZoneOffset.UTC, Instant.parse("2027-01-04T00:00:00Z")).get(0);
        assertEquals(550, e.replyCode());
        assertEquals("5.7.26", e.enhancedStatus());
        assertTrue(e.diagnostic().startsWith("host gmail-smtp-in.l.google.com[142.250.1.27] said: 550-5.7.26"));
        assertTrue(e.diagnostic().endsWith("(in reply to end of DATA command)"));
    }

    @Test
    void queueMemoryIsBoundedWhateverTheInput() throws IOException {
        StringBuilder log = new StringBuilder();
        int n = PostfixQueue.MAX_MESSAGES + 500;
        for (int i = 0; i < n; i++) {
            log.append(String.format("Jan  3 10:00:00 mx postfix/qmgr[1]: Q%08X: from=<s%d@example.com>, size=1,"
                    + " nrcpt=1 (queue active)%n", i, i));
        }
        // the last message's sender is still known, the first one's is evicted
        log.append("Jan  3 10:00:01 mx postfix/smtp[1]: Q")
                .append(String.format("%08X", n - 1)).append(SENT.substring(": 1A2B3C4D5E".length())).append('\n');
        log.append("Jan  3 10:00:01 mx postfix/smtp[1]: Q00000000").append(SENT.substring(": 1A2B3C4D5E".length()))
                .append('\n');
        List<DeliveryEvent> ev = events(log.toString(), ZoneOffset.UTC, Instant.parse("2027-01-04T00:00:00Z"));
        assertEquals("s" + (n - 1) + "@example.com", ev.get(0).sender());
        assertEquals(null, ev.get(1).sender());
    }

    @Test
    void binaryJunkAndHugeLinesAreMalformedNotFatal() throws IOException {
        String huge = "Jan  3 10:00:00 mx postfix/smtp[1]: " + "x".repeat(LineReader.MAX_LINE + 10);
        String junk = "\u0000\u0001\u0002\u0003binary\u0000junk";
        Map<Long, LineResult> results = new java.util.TreeMap<>();
        new PostfixLogParser().parse(new StringReader(huge + "\n" + junk + "\nJan  3 10:00:00 mx postfix/smtp[1]"
                + SENT + "\n"), new ParseContext("t", 1, ZoneOffset.UTC, Instant.parse("2027-01-04T00:00:00Z")),
                (first, count, r, text) -> results.put(first, r));
        assertInstanceOf(LineResult.Malformed.class, results.get(1L));
        assertInstanceOf(LineResult.Malformed.class, results.get(2L));
        assertInstanceOf(LineResult.Parsed.class, results.get(3L));
    }

    @Test
    void sniffAcceptsPostfixAndRejectsOtherLogs() {
        assertTrue(new PostfixLogParser().sniff(List.of("Jan  3 10:00:00 mx postfix/smtp[1]" + SENT)));
        assertTrue(new PostfixLogParser().sniff(List.of("2026-01-03T10:00:00+00:00 mx postfix-out/smtp[1]" + SENT)));
        assertFalse(new PostfixLogParser().sniff(List.of("2026-11-22 10:27:01 1UlasQ-0003fr-45 <= a@example.com")));
    }

    @Test
    void waitingRecipientsAreBoundedOverAllMessages() throws IOException {
        PostfixQueue queue = new PostfixQueue();
        int messages = PostfixQueue.MAX_PENDING / 5 + 100;
        for (int m = 0; m < messages; m++) {
            for (int r = 0; r < 5; r++) {
                queue.deferred("Q" + m, new PostfixQueue.Deferral("u" + r + "@example.net", "x".repeat(5000), "4.7.0",
                        null, null));
            }
        }
        assertEquals(PostfixQueue.MAX_PENDING, queue.pending());
        queue.removed("Q0");
        assertEquals(PostfixQueue.MAX_PENDING - 5, queue.pending());
        assertEquals(PostfixQueue.MAX_TEXT, queue.peek("Q1").pending.values().iterator().next().text().length());
    }
}

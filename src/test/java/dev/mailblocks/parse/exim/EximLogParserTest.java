package dev.mailblocks.parse.exim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.parse.AnnotatedLog;
import dev.mailblocks.parse.Formats;
import dev.mailblocks.parse.LineReader;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.postfix.PostfixLogParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EximLogParserTest {

    private static final Instant REFERENCE = Instant.parse("2027-01-02T00:00:00Z");

    static Stream<Path> annotatedLogs() throws IOException {
        return Files.list(Path.of("src/test/resources/parse/exim")).filter(p -> p.toString().endsWith(".log")).sorted();
    }

    @ParameterizedTest
    @MethodSource("annotatedLogs")
    void everyAnnotatedLineParsesAsExpected(Path log) throws IOException {
        new AnnotatedLog(log).check(new EximLogParser(), REFERENCE);
    }

    /** One reported record. */
    private record Reported(long first, int count, LineResult result) {
    }

    private static List<Reported> parse(Reader in, ZoneId zone) throws IOException {
        List<Reported> out = new ArrayList<>();
        new EximLogParser().parse(in, new ParseContext("t", 1, zone, REFERENCE),
                (first, count, r, text) -> out.add(new Reported(first, count, r)));
        return out;
    }

    private static List<DeliveryEvent> events(String log) throws IOException {
        List<DeliveryEvent> out = new ArrayList<>();
        for (Reported r : parse(new StringReader(log), ZoneOffset.UTC)) {
            if (r.result() instanceof LineResult.Parsed p) {
                out.addAll(p.events());
            }
        }
        return out;
    }

    @Test
    void plainTimestampsWithoutAnOffsetAreInTheGivenZone() throws IOException {
        String log = "2026-07-01 12:00:00 1vQx7A-0004Xa-2B ** a@example.net: retry timeout exceeded\n";
        List<Reported> r = parse(new StringReader(log), ZoneId.of("Europe/Berlin"));
        assertEquals("2026-07-01T10:00:00Z",
                ((LineResult.Parsed) r.get(0).result()).events().get(0).time().toString());
    }

    @Test
    void senderOfAnArrivalIsForgottenAtCompleted() throws IOException {
        String log = "2026-11-22 10:00:00 1vQx7A-0004Xa-2B <= s@example.com U=a P=local S=1\n"
                + "2026-11-22 10:00:01 1vQx7A-0004Xa-2B ** a@example.net: Unrouteable address\n"
                + "2026-11-22 10:00:02 1vQx7A-0004Xa-2B Completed\n"
                + "2026-11-22 10:00:03 1vQx7A-0004Xa-2B ** b@example.net: Unrouteable address\n";
        List<DeliveryEvent> ev = events(log);
        assertEquals("s@example.com", ev.get(0).sender());
        assertNull(ev.get(1).sender());
    }

    @Test
    void messageMemoryIsBoundedWhateverTheInput() throws IOException {
        StringBuilder log = new StringBuilder();
        int n = EximMessages.MAX_MESSAGES + 500;
        for (int i = 0; i < n; i++) {
            log.append(String.format("2026-11-22 10:00:00 1v%04X-%06X-00 <= s%d@example.com U=a P=local S=1%n",
                    i >> 24, i & 0xFFFFFF, i));
        }
        // the last message's sender is still known, the first one's is evicted
        log.append(String.format("2026-11-22 10:00:01 1v%04X-%06X-00 ** a@example.net: Unrouteable address%n",
                (n - 1) >> 24, (n - 1) & 0xFFFFFF));
        log.append("2026-11-22 10:00:01 1v0000-000000-00 ** a@example.net: Unrouteable address\n");
        List<DeliveryEvent> ev = events(log.toString());
        assertEquals("s" + (n - 1) + "@example.com", ev.get(0).sender());
        assertNull(ev.get(1).sender());
    }

    @Test
    void continuationLinesOfAMalformedEntryAreOneMalformedRecord() throws IOException {
        List<Reported> r = parse(new StringReader("Filter entered: x\n   second\n   third\n"), ZoneOffset.UTC);
        assertEquals(1, r.size());
        assertEquals(3, r.get(0).count());
        assertInstanceOf(LineResult.Malformed.class, r.get(0).result());
    }

    @Test
    void anEntryCutByAStreamErrorIsAccountedForBeforeTheErrorIsRaised() {
        String text = "2026-11-22 10:00:00 1vQx7A-0004Xa-2B ** a@example.net: SMTP error from remote mail server"
                + " after RCPT TO:<a@example.net>:\n  550-5.1.1 no such user\n  550 5.1.1\n";
        Reader failing = new Reader() {
            private final StringReader in = new StringReader(text);

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, Math.min(len, 16));
                if (n < 0) {
                    throw new IOException("gzip data is truncated");
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
        List<Reported> r = new ArrayList<>();
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new EximLogParser().parse(failing, new ParseContext("t", 1, ZoneOffset.UTC, REFERENCE),
                        (first, count, res, t) -> r.add(new Reported(first, count, res))));
        assertEquals("gzip data is truncated", e.getMessage());
        assertEquals(1, r.size());
        assertEquals(3, r.get(0).count());
        assertInstanceOf(LineResult.Parsed.class, r.get(0).result());
    }

    @Test
    void endlessContinuationLinesAreBoundedInOneRecord() throws IOException {
        StringBuilder log = new StringBuilder("2026-11-22 10:00:00 Warning: something\n");
        int extra = EximLogParser.MAX_RECORD_LINES + 5;
        for (int i = 0; i < extra; i++) {
            log.append("   more\n");
        }
        List<Reported> r = parse(new StringReader(log.toString()), ZoneOffset.UTC);
        assertEquals(EximLogParser.MAX_RECORD_LINES, r.get(0).count());
        assertEquals(extra + 1, r.stream().mapToLong(Reported::count).sum());
        assertTrue(r.stream().skip(1).allMatch(x -> x.result() instanceof LineResult.Malformed));
    }

    @Test
    void binaryJunkAndHugeLinesAreMalformedNotFatal() throws IOException {
        String huge = "2026-11-22 10:00:00 " + "x".repeat(LineReader.MAX_LINE + 10);
        String junk = "\u0000\u0001\u0002\u0003binary\u0000junk";
        Map<Long, LineResult> results = new TreeMap<>();
        for (Reported r : parse(new StringReader(huge + "\n" + junk + "\n   indented after junk\n"
                + "2026-11-22 10:00:01 1vQx7A-0004Xa-2B ** a@example.net: retry timeout exceeded\n"), ZoneOffset.UTC)) {
            results.put(r.first(), r.result());
        }
        assertInstanceOf(LineResult.Malformed.class, results.get(1L));
        assertInstanceOf(LineResult.Malformed.class, results.get(2L));
        assertInstanceOf(LineResult.Malformed.class, results.get(3L));
        assertInstanceOf(LineResult.Parsed.class, results.get(4L));
    }

    @Test
    void sniffAcceptsEximFormsAndRejectsPostfix() {
        EximLogParser exim = new EximLogParser();
        assertTrue(exim.sniff(List.of("2026-11-22 10:27:01 1UlasQ-0003fr-45 <= a@example.com U=a P=local S=1")));
        assertTrue(exim.sniff(List.of("2026-11-22 10:27:01.123 +0100 [77] 10HmaX-000000005vi-0000 Completed")));
        assertTrue(exim.sniff(List.of("2026-11-22 10:27:01 H=(x) [192.0.2.1] F=<a@b.example> rejected RCPT <c@d>: no")));
        assertTrue(exim.sniff(List.of("Dec 31 10:27:01 mx exim4[12]: Start queue run: pid=12")));
        assertTrue(exim.sniff(List.of("mx exim[12]: 2026-12-31 10:27:01 Start queue run: pid=12")));
        assertFalse(exim.sniff(List.of("Dec 31 10:27:01 mx postfix/smtp[1]: 1A2B3C4D5E: to=<a@example.net>,"
                + " relay=none, delay=1, delays=0/0/0/1, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25:"
                + " Connection timed out)")));
        assertFalse(exim.sniff(List.of("2026-11-22 10:27:01 some other program's message")));
        assertFalse(exim.sniff(List.of("#Software: Microsoft Exchange Server", "#Fields: date-time,client-ip")));
    }

    @Test
    void postfixDoesNotClaimEximSyslogLines() {
        PostfixLogParser postfix = new PostfixLogParser();
        assertFalse(postfix.sniff(List.of("Dec 31 10:27:01 mx exim4[1234]: 1UlasQ-0003fr-45 ** a@example.net:"
                + " retry timeout exceeded")));
        assertFalse(postfix.sniff(List.of("Dec 31 10:27:01 mx exim[1234]: 2026-12-31 10:27:01 1UlasQ-0003fr-45"
                + " => a@example.net R=dnslookup T=remote_smtp H=mx [192.0.2.1]")));
        assertEquals("exim", Formats.builtIn().detect(List.of("Dec 31 10:27:01 mx exim4[1234]: 1UlasQ-0003fr-45 Completed"))
                .orElseThrow().id());
        assertEquals("postfix", Formats.builtIn().detect(List.of("Dec 31 10:27:01 mx postfix/qmgr[1]: 1A2B3C4D5E: removed"))
                .orElseThrow().id());
    }
}

package dev.mailblocks.parse.postfix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.parse.ByteParity;
import dev.mailblocks.parse.LineReader;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The byte path of {@link PostfixLogParser} gives exactly what the text parser gave before it
 * ({@link LegacyPostfixLogParser}): the same result for every line (the same reasons, the same
 * events field by field, the same state carried between lines), on the test logs, on realistic
 * generated logs, on mutated lines, and on hostile input.
 */
class PostfixByteParityTest {

    private static final Path REPO = Path.of(System.getProperty("mailblocks.repo", "."));
    private static final Instant REFERENCE = Instant.parse("2027-01-04T00:00:00Z");

    /** One line's outcome as a comparable text. */
    private static List<String> legacy(byte[] input, ZoneId zone) throws IOException {
        List<String> out = new ArrayList<>();
        new LegacyPostfixLogParser().parse(new InputStreamReader(new ByteArrayInputStream(input),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                new ParseContext("t", 3, zone, REFERENCE), (first, count, r, text) -> out.add(describe(first, count, r,
                        r instanceof LineResult.Ignored ? null : text)));
        return out;
    }

    private static List<String> bytePath(byte[] input, ZoneId zone) throws IOException {
        List<String> out = new ArrayList<>();
        new PostfixLogParser().parse(new ByteArrayInputStream(input), new ParseContext("t", 3, zone, REFERENCE),
                (first, count, r, text) -> out.add(describe(first, count, r, text)));
        return out;
    }

    private static String describe(long first, int count, LineResult r, String text) {
        String what;
        if (r instanceof LineResult.Parsed p) {
            what = p.events().toString();
        } else if (r instanceof LineResult.Ignored i) {
            what = "ignored: " + i.why();
        } else {
            what = "malformed: " + ((LineResult.Malformed) r).why();
        }
        return first + "+" + count + " " + what + (r instanceof LineResult.Ignored ? "" : " | " + text);
    }

    private static void assertSame(byte[] input, ZoneId zone) throws IOException {
        List<String> want = legacy(input, zone);
        List<String> got = bytePath(input, zone);
        assertEquals(want.size(), got.size(), "lines accounted for");
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i), got.get(i), "line " + (i + 1));
        }
    }

    private static void assertSame(String input) throws IOException {
        assertSame(input.getBytes(StandardCharsets.UTF_8), ZoneId.of("UTC"));
    }

    @Test
    void theTestLogsParseTheSame() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (String dir : List.of("src/test/resources", "sample-logs", "../shared/data/real-logs")) {
            Path root = REPO.resolve(dir);
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).filter(p -> p.toString().contains("postfix")
                            || p.toString().contains("maillog") || p.toString().endsWith(".log")).forEach(logs::add);
                }
            }
        }
        assertTrue(logs.size() >= 3, "test logs found: " + logs);
        for (Path log : logs) {
            byte[] bytes = Files.readAllBytes(log);
            if (bytes.length > 0 && bytes[0] == 0x1f) {
                continue; // compressed
            }
            assertSame(bytes, ZoneId.of("UTC"));
            assertSame(bytes, ZoneId.of("Europe/Berlin"));
        }
    }

    private static final String[] LINES = {
        "Jan  3 10:00:00 mx postfix/smtp[123]: 1A2B3C4D5E: to=<user@example.com>, relay=mx.example.com[192.0.2.1]:25,"
                + " delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.7.1, status=bounced (host mx.example.com[192.0.2.1] said:"
                + " 550 5.7.1 <user@example.com>: Relay access denied (in reply to RCPT TO command))",
        "Jan  3 10:00:01 mx postfix/smtp[123]: 1A2B3C4D5E: to=<u@x.org>, orig_to=<a@b>, relay=none, delay=0,"
                + " delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to mx.x.org[2001:db8::1]:25: Connection refused)",
        "Jan  3 10:00:02 mx postfix/smtp[123]: 1A2B3C4D5E: to=<u@x.org>, relay=mx.x.org[203.0.113.5]:25, delay=2,"
                + " delays=0/0/1/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4Q2xyz)",
        "Jan  3 10:00:02 mx postfix/lmtp[9]: 1A2B3C4D5E: to=<\"odd>name\"@x.org>, relay=local[private/dovecot-lmtp],"
                + " delay=0.1, dsn=2.0.0, status=sent (250 2.0.0 <u@x> Saved)",
        "Jan  3 10:00:03 mx postfix/qmgr[77]: 1A2B3C4D5E: from=<sender@ours.example>, size=1234, nrcpt=1 (queue active)",
        "Jan  3 10:00:03 mx postfix/cleanup[78]: 1A2B3C4D5E: message-id=<abc.123@ours.example>",
        "Jan  3 10:00:04 mx postfix/qmgr[77]: 1A2B3C4D5E: removed",
        "Jan  3 10:00:05 mx postfix/smtpd[80]: connect from unknown[198.51.100.7]",
        "Jan  3 10:00:05 mx postfix/smtpd[80]: disconnect from unknown[198.51.100.7] ehlo=1 mail=1 rcpt=0/1 quit=1",
        "Jan  3 10:00:06 mx postfix/smtpd[80]: NOQUEUE: reject: RCPT from unknown[198.51.100.7]: 554 5.7.1"
                + " Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org;"
                + " from=<spam@bad.example> to=<u@ours.example> proto=ESMTP helo=<bad>",
        "Jan  3 10:00:07 mx postfix/qmgr[77]: 2B3C4D5E6F: from=<x@y>, status=expired, returned to sender",
        "Jan  3 10:00:08 mx postfix/smtp[1]: 2B3C4D5E6F: to=<v@y>, relay=none, delay=1, dsn=5.0.0,"
                + " status=undeliverable (verification)",
        "Jan  3 10:00:09 mx postfix/smtp[1]: 2B3C4D5E6F: to=<v@y>, relay=none, delay=1, dsn=5.0.0, status=weird (x)",
        "Jan  3 10:00:10 mx postfix/smtp[1]: 2B3C4D5E6F: to=<v@y>, relay=none, delay=1, dsn=5.0.0",
        "Jan  3 10:00:11 mx postfix/smtp[1]: 2B3C4D5E6F: warning: TLS library problem",
        "Jan  3 10:00:12 mx dovecot: imap-login: Login: user=<u>",
        "2026-01-03T10:00:13.123456+01:00 mx postfix/smtp[1]: 3C4D5E6F70: to=<w@z>, relay=z[1.2.3.4]:25, delay=1,"
                + " dsn=4.7.0, status=deferred (host z[1.2.3.4] said: 421-4.7.0 a 421 4.7.0 b (in reply to MAIL FROM command))",
        "Jan  3 10:00:14 mx postfix/pickup[5]: 4D5E6F7081: uid=1000 from=<me>",
        "Jan  3 10:00:15 mx postfix/error[5]: 4D5E6F7081: to=<>, relay=none, delay=0, dsn=5.0.0, status=bounced ()",
        "Jan  3 10:00:16 mx postfix/smtp[5]: 4D5E6F7081: to=<a@b>, relay=x[ipv6:2001:db8::2]:25, dsn=5.1.1, status=bounced (",
        "Jan  3 10:00:17 mx postfix/bounce[5]: 4D5E6F7081: sender non-delivery notification: 5E6F708192",
        "Feb 30 10:00:17 mx postfix/smtp[5]: 4D5E6F7081: to=<a@b>, relay=none, status=sent (250 ok)",
        "Jan 3 10:00:18 mx postfix/smtp[5]: 4D5E6F7081: to=<a@b>, relay=none, status=sent (250 ok)",
        "Jan  3 10:00:19.5 mx postfix/smtp[5]: 4D5E6F7081: to=<a@b>, relay=none, dsn=2.0.0, status=sent (ok 250 x)",
        "Jan  3 10:00:20 mx postfix-out/smtp[5]: 4D5E6F7081: to=<a@b>,relay=none, status=sent (250)",
    };

    @Test
    void typicalLinesParseTheSame() throws IOException {
        assertSame(String.join("\n", LINES) + "\n");
        assertSame(String.join("\r\n", LINES));
    }

    @Test
    void mutatedLinesParseTheSame() throws IOException {
        String[] inserts = {"\"", ">", "<", ", ", "(", ")", "=", ":", " ", "\t", "[", "]", "é", "\u0000", "\r", "dsn=",
            "status=", "relay=", "from=<", "to=<", "550 ", "5.7.1", "\uFFFD", "ipv6:", "host "};
        assertSame(ByteParity.mutated(LINES, inserts, 20_000, 11, ""));
    }

    @Test
    void hostileInputIsAccountedForTheSame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a byte order mark
        out.writeBytes((LINES[0] + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {0, 1, 2, 3, 'b', 'i', 'n', 0, '\n'}); // binary junk with NULs
        out.writeBytes("Jan  3 10:00:00 mx postfix/smtp[1]: 1A2B3C4D5E: to=<a@b>, relay=none, status=bounced (\u00e9"
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, ')', '\n'}); // invalid UTF-8
        out.writeBytes(("Jan  3 10:00:00 mx postfix/smtp[1]: " + "x".repeat(LineReader.MAX_LINE + 10) + "\n")
                .getBytes(StandardCharsets.UTF_8)); // longer than a line may be
        out.writeBytes(("Jan  3 10:00:00 mx postfix/smtp[1]: " + "\u00e9".repeat(LineReader.MAX_LINE / 2 + 100) + "\n")
                .getBytes(StandardCharsets.UTF_8)); // more bytes than the bound, fewer characters
        out.writeBytes("x".repeat(5 * LineReader.MAX_LINE).getBytes(StandardCharsets.UTF_8)); // a runaway line
        out.writeBytes(("\n" + LINES[2] + "\n  \t \n\n" + LINES[3].substring(0, 60)).getBytes(StandardCharsets.UTF_8));
        byte[] input = out.toByteArray();
        assertSame(input, ZoneId.of("UTC"));

        List<String> got = bytePath(input, ZoneId.of("UTC"));
        assertEquals(10, got.size());
        assertTrue(got.get(0).contains("BOUNCED"), got.get(0));
        assertTrue(got.get(1).startsWith("2+1 malformed: binary data"), got.get(1));
        assertTrue(got.get(2).contains("BOUNCED") && got.get(2).contains("\u00e9\uFFFD("), got.get(2));
        assertTrue(got.get(3).startsWith("4+1 malformed: line longer than"), got.get(3));
        assertTrue(got.get(4).startsWith("5+1 ignored"), got.get(4));
        assertTrue(got.get(5).startsWith("6+1 malformed: line longer than"), got.get(5));
        assertTrue(got.get(6).contains("DELIVERED"), got.get(6));
        assertTrue(got.get(7).startsWith("8+1 ignored: blank line"), got.get(7));
        assertTrue(got.get(8).startsWith("9+1 ignored: blank line"), got.get(8));
        assertTrue(got.get(9).startsWith("10+1 "), got.get(9));
    }

    @Test
    void ignoredLinesAreNotDecoded() throws IOException {
        List<String> texts = new ArrayList<>();
        List<LineResult> results = new ArrayList<>();
        new PostfixLogParser().parse(new ByteArrayInputStream((LINES[4] + "\n" + LINES[7] + "\n" + LINES[2] + "\n")
                .getBytes(StandardCharsets.UTF_8)), new ParseContext("t", 3, ZoneId.of("UTC"), REFERENCE),
                (first, count, r, text) -> {
                    texts.add(text);
                    results.add(r);
                });
        assertInstanceOf(LineResult.Ignored.class, results.get(0));
        assertNull(texts.get(0));
        assertNull(texts.get(1));
        assertEquals(LINES[2], texts.get(2));
    }
}

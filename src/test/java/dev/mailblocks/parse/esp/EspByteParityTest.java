package dev.mailblocks.parse.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.parse.ByteParity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte path of {@link EspExportParser} gives exactly what the parser gave before it
 * ({@link LegacyEspExportParser}): the same result for every record (the same reasons, the same events
 * field by field, the same row keys), on the test exports and the real one, a generated export, mutated
 * rows (cells with commas, quotes and line breaks, wrong numbers of columns) and hostile input.
 */
class EspByteParityTest {

    private static final String MANDRILL = "Date,Email Address,Sender,Subject,Status,Tags,Opens,Clicks,Bounce Detail\n";
    private static final String[] ROWS = {
        "2026-12-26 03:59:59,jennifer5300@aperture2.fr,billing@example.com,Your December statement,sent,newsletter,2,1,",
        "2026-12-26 04:00:00.123,Robert.Ivan@Gmail.com,billing@example.com,Hi,hard-bounced,,0,0,"
                + "\"550 5.1.1 The email account that you tried to reach does not exist, please check\"",
        "2026-12-26 04:00:01,a@b.example,billing@example.com,\"Multi\nline subject\",soft-bounced,,0,0,452 4.2.2 mailbox full",
        "2026-12-26 04:00:02,a@b.example,billing@example.com,x,rejected,,0,0,\"quoted \"\"inner\"\" text\"",
        "2026-12-26T04:00:03Z,c@d.example,billing@example.com,x,spam,,0,0,",
        "2026-02-30 04:00:03,c@d.example,billing@example.com,x,sent,,0,0,",
        "2026-12-26 04:00:04,c@d.example,billing@example.com,x,weird-status,,0,0,",
        "2026-12-26 04:00:05,c@d.example,billing@example.com,x,sent,,0,0,,extra",
        "2026-12-26 04:00:06,c@d.example,billing@example.com,x,sent",
    };

    /** The export parser reads {@code input} as its legacy reference does (also for the JSON-lines parity). */
    static void assertSame(byte[] input) throws IOException {
        EspProfiles profiles = EspProfiles.builtIn();
        ByteParity.assertSame(new LegacyEspExportParser(profiles), new EspExportParser(profiles), input,
                ZoneId.of("UTC"));
    }

    static void assertSame(String input) throws IOException {
        assertSame(input.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTestExportsParseTheSame() throws IOException {
        List<Path> exports = ByteParity.testLogs(p -> p.toString().contains("esp") && !p.toString().endsWith(".md"));
        assertTrue(exports.size() >= 10, "test exports found: " + exports);
        for (Path export : exports) {
            byte[] bytes = Files.readAllBytes(export);
            // the test resources carry annotations (# lines) before the header: without them, as exported
            String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("(?m)^#.*\n", "");
            assertSame(text);
            assertSame(bytes); // with them: the same error, or the same records
        }
    }

    @Test
    void aGeneratedExportParsesTheSame(@TempDir Path dir) throws IOException {
        assertSame(ByteParity.generated("esp", 30_000, dir));
    }

    @Test
    void typicalAndMutatedRowsParseTheSame() throws IOException {
        assertSame(MANDRILL + String.join("\n", ROWS) + "\n");
        assertSame(MANDRILL.replace("\n", "\r\n") + String.join("\r\n", ROWS));
        String[] inserts = {"\"", ",", "\n", "\r\n", " ", "\t", "é", "\u0000", "\uFFFD", "sent", "bounced", "550 ",
            "5.1.1", "{", "\"\"", ",\""};
        assertSame(ByteParity.mutated(ROWS, inserts, 20_000, 17, MANDRILL));
    }

    @Test
    void hostileInputIsAccountedForTheSame() throws IOException {
        assertSame(ByteParity.hostile(MANDRILL, ROWS[1], "2026-12-26 04:00:00,a@b,s@x,"));
        assertSame(MANDRILL + "\"open quote," + ROWS[0] + "\n" + ROWS[0] + "\n");
        assertSame("{\"not\": \"a known record\"}\n{}\n");
        assertSame("[1,2]\n{\"eventType\":\"Bounce\"\n");
        // a header no profile knows: both stop with the same one-line error
        byte[] unknown = "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8);
        assertSame(unknown);
        List<String> got = ByteParity.asBytes(new EspExportParser(EspProfiles.builtIn()), unknown, ZoneId.of("UTC"));
        assertTrue(got.get(0).startsWith("error t: the header row (a,b,c) matches no ESP export profile"), got.get(0));
    }

    @Test
    void theRowKeyTimeIsWhatInstantToStringGives() {
        Random rnd = new Random(5);
        long[] edges = {0, -62_167_219_200L, -62_167_219_201L, 253_402_300_799L, 253_402_300_800L, 951_782_400L};
        for (int i = 0; i < 200_000; i++) {
            long seconds = i < edges.length ? edges[i] : rnd.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nanos = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(1000) * 1_000_000;
                case 2 -> rnd.nextInt(1_000_000) * 1000;
                default -> rnd.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(t.toString(), EspEvents.instantText(t));
        }
    }
}

package dev.mailblocks.parse.esp;

import static dev.mailblocks.parse.esp.EspByteParityTest.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mailblocks.parse.ByteParity;
import dev.mailblocks.parse.LineReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON lines read by the scan ({@link EspJsonLine}) give exactly what Jackson's tree gave
 * ({@link LegacyEspExportParser}, and {@link EspJsonRecord} path by path): on the test exports, a generated
 * SES export, mutated lines (escapes, unicode, nested objects, values of the wrong type, repeated keys,
 * numbers of every shape, cuts) and hostile input (HTML, binary, huge and deep lines).
 */
class EspJsonParityTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String SES_BOUNCE = "{\"eventType\":\"Bounce\",\"bounce\":{\"feedbackId\":\"f-1\",\"bounceType\":"
            + "\"Permanent\",\"bounceSubType\":\"General\",\"bouncedRecipients\":[{\"emailAddress\":\"dan@example.com\","
            + "\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 <dan@example.com>: user unknown\"},"
            + "{\"emailAddress\":\"Eli@Example.com\",\"status\":\"5.7.1\",\"diagnosticCode\":\"smtp; 550 5.7.1 blocked\"}],"
            + "\"timestamp\":\"2026-12-26T04:00:00.500Z\",\"remoteMtaIp\":\"192.0.2.44\",\"reportingMTA\":\"dsn; a8-70.smtp-out.amazonses.com\"},"
            + "\"mail\":{\"timestamp\":\"2026-12-26T04:00:00.000Z\",\"source\":\"news@example.com\",\"messageId\":\"0100-a\","
            + "\"destination\":[\"dan@example.com\",\"Eli@Example.com\"],\"headers\":[{\"name\":\"Subject\",\"value\":\"Hi\"}],"
            + "\"commonHeaders\":{\"subject\":\"Hi\",\"to\":[\"dan@example.com\"]},\"tags\":{\"a\":[\"b\"]}}}";
    private static final String SES_DELIVERY = "{\"eventType\":\"Delivery\",\"mail\":{\"timestamp\":\"2026-12-26T04:00:01Z\","
            + "\"source\":\"news@example.com\",\"messageId\":\"0100-b\",\"destination\":[\"fay@example.org\"]},\"delivery\":"
            + "{\"timestamp\":\"2026-12-26T04:00:02.123Z\",\"processingTimeMillis\":1234,\"recipients\":[\"fay@example.org\"],"
            + "\"smtpResponse\":\"250 2.0.0 OK 1798257599 - gsmtp\",\"remoteMtaIp\":\"203.0.113.9\",\"reportingMTA\":\"a8-70.smtp-out.amazonses.com\"}}";
    private static final String SES_DELAY = "{\"eventType\":\"DeliveryDelay\",\"mail\":{\"timestamp\":\"2026-12-26T04:00:01Z\","
            + "\"source\":\"news@example.com\",\"messageId\":\"0100-c\",\"destination\":[\"gil@example.net\"]},\"deliveryDelay\":"
            + "{\"timestamp\":\"2026-12-26T04:00:03Z\",\"delayType\":\"MailboxFull\",\"delayedRecipients\":[{\"emailAddress\":"
            + "\"gil@example.net\",\"status\":\"4.2.2\",\"diagnosticCode\":\"smtp; 452 4.2.2 mailbox full\"}],\"reportingMTA\":\"mx.example.net\"}}";
    private static final String SES_ESCAPED = "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Transient\","
            + "\"bouncedRecipients\":[{\"emailAddress\":\"h\\u00e9l\\u00e8ne@exampl\\u0065.fr\",\"status\":\"4.4.7\","
            + "\"diagnosticCode\":\"smtp; 421 \\\"quoted\\\" \\\\ back\\/slash\\ttab\\nline \u00e9t\u00e9 \\ud83d\\ude00\"}]},"
            + "\"mail\":{\"timestamp\":\"2026-12-26T04:00:04Z\",\"source\":\"n@example.com\",\"messageId\":\"0100-d\"}}";
    private static final String SNS = "{\"Type\":\"Notification\",\"MessageId\":\"sns-1\",\"Message\":\"{\\\"notificationType\\\":"
            + "\\\"Bounce\\\",\\\"bounce\\\":{\\\"bounceType\\\":\\\"Permanent\\\",\\\"bouncedRecipients\\\":[{\\\"emailAddress\\\":"
            + "\\\"x@example.com\\\"}]},\\\"mail\\\":{\\\"timestamp\\\":\\\"2026-12-26T04:00:05Z\\\",\\\"messageId\\\":\\\"m\\\"}}\"}";
    private static final String POSTMARK = "{\"RecordType\":\"Bounce\",\"ID\":4323372036,\"Type\":\"HardBounce\",\"TypeCode\":1,"
            + "\"MessageID\":\"883953f4-6105\",\"Description\":\"The server was unable to deliver\",\"Details\":"
            + "\"smtp;550 5.1.1 The email account does not exist.\",\"Email\":\"lou@example.com\",\"From\":\"b@corp.example.com\","
            + "\"BouncedAt\":\"2026-12-26T16:33:54.9070259-05:00\",\"Inactive\":true,\"CanActivate\":false,\"Subject\":null,"
            + "\"Content\":null,\"Metadata\":{\"a\":1.5,\"b\":[1,2,{\"c\":-0.0e+1}]}}";
    private static final String[] SES_ROWS = {SES_BOUNCE, SES_DELIVERY, SES_DELAY, SES_ESCAPED, SNS};
    private static final String[] INSERTS = {"\"", ",", ":", "{", "}", "[", "]", "\\", "\\\"", "\\u00e9", "\\ud83d",
        "\\x", " ", "\t", "\r", "\u0001", "\u00e9", "\uD83D\uDE00", "null", "true", "1", "-0", "01", "1.50", "1e3",
        "123456789012345678901234567890", "\"\":1,", "\"bounce\":{},", "\"eventType\":\"Delivery\",",
        "\"mail\":[],", "\"emailAddress\":7,", "\"status\":\"5.1.1\",", "{\"a\":[[[{}]]]},", "<b>html</b>"};

    @Test
    void theTestExportsParseTheSame() throws IOException {
        List<Path> exports = ByteParity.testLogs(p -> p.toString().endsWith(".jsonl"));
        assertTrue(exports.size() >= 4, "JSON-lines exports found: " + exports);
        for (Path export : exports) {
            String text = Files.readString(export, StandardCharsets.UTF_8).replaceAll("(?m)^#.*\n", "");
            assertSame(text);
        }
    }

    @Test
    void aGeneratedSesExportParsesTheSame(@TempDir Path dir) throws IOException {
        assertSame(ByteParity.generated("ses", 20_000, dir));
    }

    @Test
    void mutatedLinesParseTheSame() throws IOException {
        assertSame(String.join("\n", SES_ROWS) + "\n");
        assertSame(ByteParity.mutated(SES_ROWS, INSERTS, 20_000, 23, SES_BOUNCE + "\n"));
        assertSame(ByteParity.mutated(new String[] {POSTMARK}, INSERTS, 5_000, 29, POSTMARK + "\n"));
    }

    @Test
    void hostileInputIsAccountedForTheSame() throws IOException {
        assertSame(ByteParity.hostile("", SES_BOUNCE, "{\"eventType\":\"Bounce\",\"x\":\""));
        String deep = "{\"eventType\":\"Delivery\",\"mail\":{\"timestamp\":\"2026-12-26T04:00:01Z\"},\"x\":"
                + "[".repeat(400) + "]".repeat(400) + "}";
        String deepOnPath = "{\"eventType\":\"Delivery\",\"mail\":" + "{\"a\":".repeat(300) + "1" + "}".repeat(300) + "}";
        String huge = SES_DELIVERY.replace("\"Delivery\",", "\"Delivery\",\"pad\":\"" + "\\u00e9\\\"".repeat(100_000) + "\",");
        String duplicate = SES_DELIVERY.replace("\"Delivery\",", "\"Delivery\",\"eventType\":\"Bounce\",");
        String duplicateElsewhere = SES_DELIVERY.replace("\"Delivery\",", "\"Delivery\",\"x\":1,\"x\":2,");
        String wrongTypes = "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":7,\"bouncedRecipients\":{\"emailAddress\":"
                + "\"a@b.c\"},\"timestamp\":1798257599},\"mail\":{\"timestamp\":\"2026-12-26T04:00:01Z\",\"destination\":"
                + "[1,true,null,{\"x\":1},[\"y\"],\"  \",\"z@example.com\"],\"messageId\":12345,\"source\":false}}";
        String elements = "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":"
                + "[\"not an object\",{\"status\":\"5.1.1\"},{\"emailAddress\":null},{\"emailAddress\":\" c@d.e \","
                + "\"diagnosticCode\":[\"x\"]},{}]},\"mail\":{\"timestamp\":\"2026-12-26T04:00:01Z\"}}";
        assertSame(String.join("\n", SES_BOUNCE, deep, deepOnPath, huge, duplicate, duplicateElsewhere, wrongTypes,
                elements, "{}", "{\"eventType\":\"Open\"}", "<html><body>{\"a\":1}</body></html>", "[" + SES_BOUNCE + "]",
                SES_BOUNCE + " {}", SES_BOUNCE + "  \t", "  " + SES_BOUNCE, "\uFEFF" + SES_BOUNCE, "x".repeat(LineReader.MAX_LINE + 5),
                SES_DELIVERY) + "\n");
    }

    /** Path by path, a line the scan reads gives what {@link EspJsonRecord} reads from Jackson's tree of it. */
    @Test
    void theScanReadsEveryPathAsTheTreeDoes() throws IOException {
        String yaml = String.join("\n", "id: odd", "format: json-lines", "recognise:", "  - [eventType]", "  - [a.b, \"x[]\"]",
                "time:", "  from: [bounce.timestamp, mail.timestamp]", "  format: iso8601", "fields:",
                "  recipient: [\"bounce.bouncedRecipients[].emailAddress\", \"mail.destination[]\", \"[].q\"]",
                "  diagnostic: [\"bounce.bouncedRecipients[].diagnosticCode\", \"bounce.bouncedRecipients[]\"]",
                "  sender: [mail.source, mail, ID, Metadata.b, .mail..source, mail.source.]",
                "  messageId: [mail.messageId, Inactive, Subject, Metadata.a]", "outcome:",
                "  from: [bounce.bounceType, eventType, Type]", "  default: bounced",
                "diagnosticFallback: \"{bounce.bounceType} { bounce.bounceSubType }\"", "");
        List<EspProfile> profiles = new ArrayList<>(EspProfiles.builtIn().all());
        profiles.add(0, EspProfiles.of(List.of(new EspProfiles.Source("odd.yaml", yaml))).all().get(0));
        List<String> lines = new ArrayList<>(List.of(SES_ROWS));
        lines.add(POSTMARK);
        String numbers = "{\"eventType\":-0,\"ID\":1.50,\"mail\":{\"source\":1e3,\"messageId\":-12,\"destination\":"
                + "[0,-0,1E+2,12345678901234567890123,123456789012345678]},\"Inactive\":12345678901234567890123,"
                + "\"Subject\":0,\"Metadata\":{\"a\":-0.0,\"b\":true},\"Type\":false}";
        lines.add(numbers);
        String mutated = numbers + "\n" + ByteParity.mutated(lines.toArray(String[]::new), INSERTS, 30_000, 37, "");
        int read = 0;
        for (String line : mutated.split("\r?\n", -1)) {
            JsonNode tree;
            try {
                tree = JSON.readTree(line);
            } catch (IOException e) {
                tree = null;
            }
            for (EspProfile p : profiles) {
                if (p.kind() != EspProfile.Kind.JSON_LINES) {
                    continue;
                }
                EspJsonLine scan = EspJsonLine.of(p);
                if (!scan.read(line)) {
                    continue;
                }
                read++;
                assertTrue(tree != null && tree.isObject(), "the scan read what Jackson does not: " + line);
                assertEquals(p.recognises(tree), scan.recognisedBy(p), line);
                EspJsonRecord want = new EspJsonRecord(tree);
                List<String> paths = new ArrayList<>(p.timeFrom());
                paths.addAll(p.outcomeFrom());
                p.fields().values().forEach(paths::addAll);
                for (String path : paths) {
                    assertEquals(want.size(path), scan.size(path), path + " in " + line);
                    for (int i = 0; i < 4; i++) {
                        assertEquals(want.value(path, i), scan.value(path, i), path + "#" + i + " in " + line);
                    }
                }
            }
        }
        assertTrue(read > 20_000, "lines the scan read: " + read);
    }
}

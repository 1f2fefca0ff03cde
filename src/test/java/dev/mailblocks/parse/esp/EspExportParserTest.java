package dev.mailblocks.parse.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.parse.AnnotatedLog;
import dev.mailblocks.parse.Formats;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.InputFormatException;
import dev.mailblocks.pipeline.EspProfileFiles;
import dev.mailblocks.source.InputException;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EspExportParserTest {

    private static final EspProfiles BUILT_IN = EspProfiles.builtIn();

    static Stream<Path> annotatedExports() throws IOException {
        return Files.list(Path.of("src/test/resources/parse/esp")).sorted();
    }

    @ParameterizedTest
    @MethodSource("annotatedExports")
    void everyAnnotatedLineParsesAsExpected(Path export) throws IOException {
        new AnnotatedLog(export).check(new EspExportParser(BUILT_IN), Instant.parse("2027-01-02T00:00:00Z"));
    }

    /** What the parser made of an input: results by first line, their line counts, the events, the id. */
    private record Parsed(Map<Long, LineResult> byLine, Map<Long, Integer> spans, List<DeliveryEvent> events,
            String id) {
    }

    private static Parsed parse(InputFormat format, Reader in) throws IOException {
        Map<Long, LineResult> byLine = new TreeMap<>();
        Map<Long, Integer> spans = new TreeMap<>();
        List<DeliveryEvent> events = new ArrayList<>();
        String id = format.parse(in, new ParseContext("exports/suppressions.csv", 1, ZoneOffset.UTC,
                Instant.parse("2027-01-02T00:00:00Z")), (first, count, r, text) -> {
                    byLine.put(first, r);
                    spans.put(first, count);
                    if (r instanceof LineResult.Parsed p) {
                        events.addAll(p.events());
                    }
                });
        return new Parsed(byLine, spans, events, id);
    }

    private static Parsed parse(String text) throws IOException {
        return parse(new EspExportParser(BUILT_IN), new StringReader(text));
    }

    @Test
    void profileIdIsRecordedForTheInputAndInEveryEvent() throws IOException {
        Parsed p = parse("address,code,error,created_at\nx@example.com,550,no such user,\"Fri, 21 Nov 2025 11:02:55 GMT\"\n");
        assertEquals("mailgun", p.id());
        assertEquals("mailgun", p.events().get(0).sourceFormat());
    }

    @Test
    void quotedNewlinesInAReasonMakeOneRecordSpanningItsLines() throws IOException {
        Parsed p = parse("status,reason,email,created\n"
                + "5.7.1,\"550-5.7.1 first line\n550-5.7.1 second, with a comma\n550 5.7.1 last\",a@example.com,1763700000\n"
                + "5.1.1,550 5.1.1 unknown,b@example.com,1763700000\n");
        assertEquals(3, p.spans().get(2L));
        assertInstanceOf(LineResult.Parsed.class, p.byLine().get(2L));
        assertInstanceOf(LineResult.Parsed.class, p.byLine().get(5L));
        assertTrue(p.events().get(0).diagnostic().contains("\n550-5.7.1 second, with a comma\n"));
        assertEquals("b@example.com", p.events().get(1).recipient());
    }

    @Test
    void aQuoteLeftOpenAtTheEndIsMalformedNotFatal() throws IOException {
        Parsed p = parse("status,reason,email,created\n5.1.1,ok,a@example.com,1763700000\n"
                + "5.1.1,\"never closed,b@example.com,1763700000\nmore text\n");
        assertInstanceOf(LineResult.Parsed.class, p.byLine().get(2L));
        assertInstanceOf(LineResult.Malformed.class, p.byLine().get(3L));
        assertEquals(2, p.spans().get(3L));
    }

    @Test
    void headerMissingAColumnIsAnErrorNamingTheFileAndTheProfilesTried() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> parse("status,reason,created\n5.1.1,unknown,1763700000\n"));
        assertTrue(e.getMessage().startsWith("exports/suppressions.csv: the header row (status,reason,created)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("tried sendgrid, mandrill-rejects, mandrill-activity, mailgun, sparkpost"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--esp-profile"), e.getMessage());
    }

    @Test
    void headerWithAnUnknownExtraColumnMatchesNoProfile() {
        // a profile is the exact column set: an unknown column may mean another export whose rows mean otherwise
        assertThrows(InputFormatException.class,
                () -> parse("status,reason,email,created,campaign\n5.1.1,unknown,a@example.com,1763700000,x\n"));
    }

    @Test
    void optionalColumnsAndColumnOrderAndCaseDoNotMatter() throws IOException {
        Parsed p = parse("Description,Recipient,Type,Source\n\"550 5.1.1 unknown\",a@example.com,transactional,"
                + "Bounce Rule\n");
        assertEquals("sparkpost", p.id());
        assertEquals("a@example.com", p.events().get(0).recipient());
        assertEquals("550 5.1.1 unknown", p.events().get(0).diagnostic());
    }

    @Test
    void rowWithTooFewOrTooManyCellsIsMalformed() throws IOException {
        Parsed p = parse("status,reason,email,created\n5.1.1,unknown,a@example.com\n5.1.1,x,a@example.com,1,2\n");
        assertInstanceOf(LineResult.Malformed.class, p.byLine().get(2L));
        assertInstanceOf(LineResult.Malformed.class, p.byLine().get(3L));
        assertEquals("3 cells where the header has 4", ((LineResult.Malformed) p.byLine().get(2L)).why());
    }

    @Test
    void byteOrderMarkBeforeTheHeaderIsTolerated() throws IOException {
        String text = "\uFEFFstatus,reason,email,created\n5.1.1,unknown,a@example.com,1763700000\n";
        assertEquals(1, parse(text).events().size());
        assertTrue(new EspExportParser(BUILT_IN).sniff(List.of("\uFEFFstatus,reason,email,created")));
    }

    @Test
    void lineThatIsNotJsonIsMalformedAndTheRestIsRead() throws IOException {
        String ses = "{\"notificationType\":\"Delivery\",\"mail\":{\"source\":\"a@corp.example\"},"
                + "\"delivery\":{\"timestamp\":\"2025-11-20T10:07:02Z\",\"recipients\":[\"b@example.com\"]}}";
        Parsed p = parse(ses + "\n{\"notificationType\": tru\n" + ses + "\n");
        assertEquals("ses", p.id());
        assertInstanceOf(LineResult.Malformed.class, p.byLine().get(2L));
        assertEquals(2, p.events().size());
        assertEquals(Outcome.DELIVERED, p.events().get(1).outcome());
    }

    @Test
    void jsonObjectsOfNoProfileAreAnError() {
        InputFormatException e = assertThrows(InputFormatException.class, () -> parse("{\"event\":\"bounce\",\"email\":\"a@x\"}\n"));
        assertTrue(e.getMessage().contains("its JSON objects match no ESP export profile"), e.getMessage());
    }

    @Test
    void sniffClaimsKnownHeadersAndNotificationsButNotSyslog() {
        EspExportParser esp = new EspExportParser(BUILT_IN);
        assertTrue(esp.sniff(List.of("email,reason,detail,created_at,expires_at,last_event_at,expires_at,subaccount")));
        assertTrue(esp.sniff(List.of("{\"notificationType\":\"Bounce\",\"bounce\":{},\"mail\":{}}")));
        assertTrue(esp.sniff(List.of("{\"RecordType\":\"Bounce\",\"MessageID\":\"x\",\"Email\":\"a@example.com\"}")));
        assertFalse(esp.sniff(List.of("Jan  3 10:00:00 mx postfix/smtp[1]: 1A2B3C4D5E: to=<a@example.net>, "
                + "relay=mx.example.net[203.0.113.5]:25, delay=1, dsn=2.0.0, status=sent (250 ok)")));
        assertFalse(esp.sniff(List.of("2026-11-22 10:27:01 1UlasQ-0003fr-45 <= a@example.com H=mx [192.0.2.1]")));
        assertFalse(esp.sniff(List.of("{\"some\":\"other json\"}")));
        assertFalse(esp.sniff(List.of("name,email,phone")));
    }

    @Test
    void inputFormatNamedByProfileIdReadsOnlyThatProfile() throws IOException {
        Formats formats = Formats.builtIn();
        InputFormat sendgrid = formats.byId("sendgrid").orElseThrow();
        assertEquals("sendgrid", sendgrid.id());
        assertEquals("sendgrid",
                parse(sendgrid, new StringReader("status,reason,email,created\n5.1.1,x,a@example.com,1\n")).id());
        assertThrows(InputFormatException.class,
                () -> parse(sendgrid, new StringReader("address,code,error,created_at\na@example.com,550,x,\n")));
        assertEquals("mandrill", formats.byId("mandrill").orElseThrow().id());
        assertTrue(formats.ids().containsAll(List.of("exchange", "esp", "postfix", "sendgrid", "mandrill", "mailgun",
                "sparkpost", "ses", "postmark")));
    }

    @Test
    void userProfileAddsAnEspWithoutCode(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("acme.yaml");
        Files.writeString(yaml, """
                id: acme
                description: Acme Mail bounce export
                format: csv
                columns: [Recipient Address, SMTP Response, When (ms), Kind]
                time: {from: "When (ms)", format: unix-millis}
                fields:
                  recipient: Recipient Address
                  diagnostic: SMTP Response
                outcome:
                  from: Kind
                  map: {hard: bounced, soft: deferred, ok: delivered}
                """);
        Formats formats = EspProfileFiles.formats(List.of(yaml));
        String export = "Recipient Address,SMTP Response,When (ms),Kind\n"
                + "a@example.com,550 5.1.1 unknown,1763700000000,hard\nb@example.com,421 try later,1763700000000,soft\n"
                + "c@example.com,,1763700000000,what\n";
        InputFormat detected = formats.detect(List.of(export.lines().findFirst().orElseThrow())).orElseThrow();
        assertEquals("esp", detected.id());
        Parsed p = parse(detected, new StringReader(export));
        assertEquals("acme", p.id());
        assertEquals(Outcome.BOUNCED, p.events().get(0).outcome());
        assertEquals(Outcome.DEFERRED, p.events().get(1).outcome());
        assertEquals("2025-11-21T04:40:00Z", p.events().get(1).time().toString());
        // no default in the profile: an unknown status value is malformed, not guessed
        assertInstanceOf(LineResult.Malformed.class, p.byLine().get(4L));
        assertTrue(formats.byId("acme").isPresent());
    }

    @Test
    void unusableProfileFileStopsTheRunNamingTheFileAndKey(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("broken.yaml");
        Files.writeString(yaml, "id: broken\nformat: csv\ncolumns: [a]\nfields: {recipient: a}\n"
                + "time: {from: b, format: epoch}\noutcome: {default: bounced}\n");
        InputException e = assertThrows(InputException.class, () -> EspProfileFiles.formats(List.of(yaml)));
        assertTrue(e.getMessage().startsWith(yaml + ": invalid ESP profile: time.format: epoch"), e.getMessage());
        Files.writeString(yaml, "id: broken\nformat: csv\ncolumns: [a]\nfields: {recipient: a, recipe: b}\n"
                + "outcome: {default: bounced}\n");
        e = assertThrows(InputException.class, () -> EspProfileFiles.formats(List.of(yaml)));
        assertTrue(e.getMessage().contains("fields.recipe: unknown field"), e.getMessage());
        Files.writeString(yaml, "id: broken\nformat: csv\ncolumns: [a]\nfields: {recipient: a}\noutcome: {}\n");
        e = assertThrows(InputException.class, () -> EspProfileFiles.formats(List.of(yaml)));
        assertTrue(e.getMessage().contains("outcome: give a map of status values, a default, or both"), e.getMessage());
        Files.writeString(yaml, "id: broken\nformat: csv\ncolumns: [a[]]\n");
        e = assertThrows(InputException.class, () -> EspProfileFiles.formats(List.of(yaml)));
        assertTrue(e.getMessage().startsWith(yaml + ": invalid ESP profile: not valid YAML"), e.getMessage());
    }

    @Test
    void realMandrillRejectsExportWithRepeatedColumnIsRead() throws IOException {
        Path real = Path.of("../shared/data/real-logs/esp-samples/mandrill_blacklist_export__SparkPost-java-sparkpost.csv");
        assumeTrue(Files.exists(real), "shared real logs not present");
        List<String> head = Files.readAllLines(real, StandardCharsets.UTF_8).subList(0, 1);
        assertTrue(new EspExportParser(BUILT_IN).sniff(head));
        try (Reader in = new InputStreamReader(Files.newInputStream(real), StandardCharsets.UTF_8)) {
            Parsed p = parse(new EspExportParser(BUILT_IN), in);
            assertEquals("mandrill", p.id());
            assertEquals(15, p.byLine().size());
            assertInstanceOf(LineResult.Ignored.class, p.byLine().get(1L));
            assertEquals(14, p.events().size());
            assertTrue(p.events().stream().allMatch(e -> e.outcome() == Outcome.BOUNCED));
            DeliveryEvent second = p.events().get(1);
            assertEquals("example.com", second.recipientDomain());
            assertEquals(550, second.replyCode());
            assertEquals("5.4.1", second.enhancedStatus());
            assertEquals("2016-01-14T19:08:17.512580Z", second.time().toString());
            assertEquals("Mandrill rejection list: soft-bounce", p.events().get(0).diagnostic());
        }
    }
}

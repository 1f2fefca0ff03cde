package dev.mailblocks.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailblocks.model.DeliveryEvent;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sample log whose lines carry their expectation on the line above ({@code # expect: ...}):
 * {@code ignored}, {@code malformed}, or JSON fields of the line's first event ({@code "lines"}: how
 * many lines its record spans, with continuation lines). Annotation and
 * comment lines ({@code # }) are removed before parsing.
 */
public final class AnnotatedLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One expectation: the line (in the stripped input) and what it must be. */
    public record Expectation(long line, String text, String expect) {
    }

    final List<Expectation> expectations = new ArrayList<>();
    final String input;
    /** How many lines each reported record spans, by its first line. */
    private final Map<Long, Integer> lineCounts = new TreeMap<>();

    public AnnotatedLog(Path file) throws IOException {
        StringBuilder in = new StringBuilder();
        String pending = null;
        long number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("# expect: ")) {
                pending = line.substring("# expect: ".length()).trim();
                continue;
            }
            if (line.startsWith("# ")) {
                continue;
            }
            number++;
            in.append(line).append('\n');
            if (pending != null) {
                expectations.add(new Expectation(number, line, pending));
                pending = null;
            }
        }
        input = in.toString();
    }

    /** Parses the stripped input and checks every expectation; returns the results by line. */
    public Map<Long, LineResult> check(InputFormat format, Instant yearReference) throws IOException {
        Map<Long, LineResult> results = new TreeMap<>();
        long[] lines = {0};
        format.parse(new StringReader(input), new ParseContext("test", 7, ZoneOffset.UTC, yearReference),
                (first, count, result, text) -> {
                    if (results.put(first, result) != null) {
                        fail("line " + first + " reported twice");
                    }
                    lines[0] += count;
                    lineCounts.put(first, count);
                });
        assertEquals(input.lines().count(), lines[0], "every line is accounted for exactly once");
        for (Expectation e : expectations) {
            LineResult r = results.get(e.line());
            String where = "line " + e.line() + ": " + e.text();
            switch (e.expect()) {
                case "ignored" -> assertInstanceOf(LineResult.Ignored.class, r, where);
                case "malformed" -> assertInstanceOf(LineResult.Malformed.class, r, where);
                default -> checkEvent(e, assertInstanceOf(LineResult.Parsed.class, r, where), where);
            }
        }
        return results;
    }

    private void checkEvent(Expectation e, LineResult.Parsed parsed, String where) throws IOException {
        JsonNode want = JSON.readTree(e.expect());
        DeliveryEvent ev = parsed.events().get(0);
        assertEquals(e.line(), ev.line(), where);
        assertEquals(7, ev.fileId(), where);
        for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String expected = f.getValue().isNull() ? null : f.getValue().asText();
            Object actual = switch (f.getKey()) {
                case "events" -> String.valueOf(parsed.events().size());
                case "lines" -> String.valueOf(lineCounts.get(e.line()));
                case "outcome" -> ev.outcome().id();
                case "direction" -> ev.direction().id();
                case "recipient" -> ev.recipient();
                case "domain" -> ev.recipientDomain();
                case "sender" -> ev.sender();
                case "messageId" -> ev.messageId();
                case "queueId" -> ev.queueId();
                case "host" -> ev.remoteHost();
                case "ip" -> ev.remoteIp();
                case "reply" -> ev.replyCode() == null ? null : ev.replyCode().toString();
                case "enhanced" -> ev.enhancedStatus();
                case "phase" -> ev.phase() == null ? null : ev.phase().id();
                case "time" -> ev.time().toString();
                case "message" -> ev.diagnostic();
                case "format" -> ev.sourceFormat();
                case "reportingHost" -> ev.reportingHost();
                default -> throw new IllegalArgumentException("unknown expectation key " + f.getKey());
            };
            assertEquals(expected, actual == null ? null : actual.toString(), where + " [" + f.getKey() + "]");
        }
    }
}

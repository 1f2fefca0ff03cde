package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.postfix.PostfixLogParser;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus of texts we cannot classify yet: parsed without a crash, and kept as unclassified. */
class ToBeDebuggedTest {

    private static final Classifier CLASSIFIER = new Classifier(new CatalogueLoader().loadAll(null));

    static Stream<String> texts() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/classify/to-be-debugged.txt"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.isBlank() && !l.startsWith("#"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void staysUnclassifiedThroughParserAndClassifier(String text) throws IOException {
        String line = "Jan  3 10:00:00 mx postfix/smtp[1]: 1A2B3C4D5E: to=<a@example.net>, relay=mx.example.net"
                + "[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=5.0.0, status=bounced (host mx.example.net"
                + "[203.0.113.5] said: " + text + " (in reply to end of DATA command))";
        List<DeliveryEvent> events = new ArrayList<>();
        new PostfixLogParser().parse(new StringReader(line + "\n"), new ParseContext("t", 1, ZoneOffset.UTC,
                Instant.parse("2027-01-04T00:00:00Z")), (first, count, r, raw) ->
                events.addAll(assertInstanceOf(LineResult.Parsed.class, r).events()));
        DeliveryEvent e = events.get(0);
        // the log's dsn=5.0.0 says only "permanent failure": nothing decides but the text
        assertEquals("unclassified", CLASSIFIER.classify(new Diagnostic(e.diagnostic(), e.replyCode(), null,
                e.phase(), e.remoteHost(), e.outcome())).patternId(), text);
    }
}

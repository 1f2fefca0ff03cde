package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.model.Classification;
import dev.mailblocks.model.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wordings of MTAs, RFC 5321/3463/7505 and providers' documented replies, written by us (not taken
 * from any labelled corpus), one or more per category: each gets one of its acceptable categories, with
 * the outcome the row names (a connection timeout is network-error on a deferral, expired when final).
 */
class MtaWordingsTest {

    private static final Classifier CLASSIFIER = new Classifier(new CatalogueLoader().loadAll(null));

    static Stream<Arguments> rows() throws IOException {
        try (InputStream in = MtaWordingsTest.class.getResourceAsStream("/corpus/mta-wordings.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertEquals(List.of("id", "diagnostic_text", "expected", "outcome"),
                    Arrays.asList(lines.get(0).split("\t", -1)), "header of mta-wordings.tsv");
            return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                    .map(f -> Arguments.of(f[0], f[1], f[2], f[3]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void wordingGetsOneOfItsAcceptableCategories(String id, String text, String expected, String outcome) {
        Classification c = CLASSIFIER.classify(
                Diagnostic.fromText(text, null, null, null, null, Outcome.fromId(outcome)));
        List<String> acceptable = Arrays.asList(expected.split("\\|"));
        assertTrue(acceptable.contains(c.category().id()),
                id + ": got " + c.category().id() + " (" + c.patternId() + "), expected " + expected + ": " + text);
    }
}

package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailblocks.model.Classification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of ../shared/data/corpus/seed-messages.tsv (the refusals deliverability guides quote
 * most: id, diagnostic_text, expected with '|' between acceptable categories, note) gets one of its
 * acceptable categories. Skipped only when the shared data is not beside the repository.
 */
class SharedSeedMessagesTest {

    static final Path SEEDS = Path.of("../shared/data/corpus/seed-messages.tsv");
    private static final Classifier CLASSIFIER = new Classifier(new CatalogueLoader().loadAll(null));

    static Stream<Arguments> seeds() throws IOException {
        if (!Files.exists(SEEDS)) {
            return Stream.of(Arguments.of("(shared data not present)", null, null));
        }
        List<String> lines = Files.readAllLines(SEEDS, StandardCharsets.UTF_8);
        assertEquals(List.of("id", "diagnostic_text", "expected", "note"), Arrays.asList(lines.get(0).split("\t", -1)),
                "header of " + SEEDS);
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                .map(f -> Arguments.of(f[0], f[1], f[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void seedGetsOneOfItsAcceptableCategories(String id, String text, String expected) {
        assumeTrue(text != null, "shared data not present");
        Classification c = CLASSIFIER.classify(Diagnostic.fromText(text, null, null, null, null, null));
        List<String> acceptable = Arrays.asList(expected.split("\\|"));
        assertTrue(acceptable.contains(c.category().id()),
                id + ": got " + c.category().id() + " (" + c.patternId() + "), expected " + expected + ": " + text);
    }

    @Test
    void theSeedFileHasRows() throws IOException {
        assumeTrue(Files.exists(SEEDS), "shared data not present");
        assertFalse(Files.readAllLines(SEEDS, StandardCharsets.UTF_8).size() < 2, SEEDS + " has no rows");
    }
}

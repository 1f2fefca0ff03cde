package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mailblocks.model.Classification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refusals the first issue named (src/test/resources/classify/seed-messages.tsv: text, expected
 * category) are each decided by a catalogue entry, not by a code fallback, and land in the
 * category a postmaster would give them.
 */
class SeedMessagesTest {

    private static final Classifier CLASSIFIER = new Classifier(new CatalogueLoader().loadAll(null));

    static Stream<String[]> seeds() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/classify/seed-messages.tsv"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.isBlank()).map(l -> l.split("\t"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void seedMessageIsClassifiedByAnEntry(String text, String category) {
        Classification c = CLASSIFIER.classify(Diagnostic.fromText(text, null, null, null, null, null));
        assertEquals(category, c.category().id(), text);
        assertFalse(c.patternId().contains(":") || c.patternId().equals("unclassified"), c.patternId());
    }
}

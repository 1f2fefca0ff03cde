package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.model.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every catalogue example through the real classifier: matches win for their entry, near misses do not. */
class CatalogueExamplesTest {

    private static final Catalogue CATALOGUE = new CatalogueLoader().loadAll(null);
    private static final Classifier CLASSIFIER = new Classifier(CATALOGUE);

    @TestFactory
    Stream<DynamicTest> everyExampleIsClassifiedAsItsEntry() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CatalogueEntry e : CATALOGUE.entries()) {
            int i = 0;
            for (Example ex : e.matchExamples()) {
                tests.add(DynamicTest.dynamicTest(e.id() + " match " + (++i), () -> assertEquals(e.id(),
                        CLASSIFIER.classify(ex.diagnostic()).patternId(), ex.text())));
            }
            i = 0;
            for (Example ex : e.missExamples()) {
                tests.add(DynamicTest.dynamicTest(e.id() + " near miss " + (++i), () -> assertNotEquals(e.id(),
                        CLASSIFIER.classify(ex.diagnostic()).patternId(), ex.text())));
            }
        }
        return tests.stream();
    }

    @Test
    void everyEntryHasAMatchAndANearMiss() {
        for (CatalogueEntry e : CATALOGUE.entries()) {
            assertTrue(!e.matchExamples().isEmpty() && !e.missExamples().isEmpty(), e.id());
        }
    }

    @Test
    void everyCategoryHasRemediationAdvice() {
        for (Category c : Category.values()) {
            if (c != Category.UNCLASSIFIED) {
                assertTrue(CATALOGUE.adviceFor(c).length() > 40, c.id());
            }
        }
    }
}

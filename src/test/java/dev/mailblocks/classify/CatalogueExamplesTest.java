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
                        CLASSIFIER.classify(ex.diagnostic()).patternId().replace(Classifier.FINAL_SUFFIX, ""), ex.text())));
            }
            i = 0;
            for (Example ex : e.missExamples()) {
                tests.add(DynamicTest.dynamicTest(e.id() + " near miss " + (++i), () -> assertNotEquals(e.id(),
                        CLASSIFIER.classify(ex.diagnostic()).patternId(), ex.text())));
            }
        }
        return tests.stream();
    }

    /**
     * One text, one answer: an example of an entry that does not constrain the provider gets the
     * same entry with no host, an unknown host and every provider's host, unless an entry that
     * constrains the provider (and states why in its ref) wins for that provider.
     */
    @TestFactory
    Stream<DynamicTest> theRemoteHostDoesNotChangeTheAnswerUnlessAnEntryStatesIt() {
        List<String> hosts = new ArrayList<>();
        hosts.add(null);
        hosts.add("mx.example.net");
        CATALOGUE.providers().all().forEach(p -> hosts.add("mx." + p.hosts().get(0)));
        List<DynamicTest> tests = new ArrayList<>();
        for (CatalogueEntry e : CATALOGUE.entries()) {
            if (!e.providers().isEmpty() || !e.hosts().isEmpty()) {
                continue;
            }
            int i = 0;
            for (Example ex : e.matchExamples()) {
                tests.add(DynamicTest.dynamicTest(e.id() + " match " + (++i), () -> {
                    for (String host : hosts) {
                        Classifier.Explanation x = CLASSIFIER.explain(Diagnostic.fromText(ex.text(), ex.reply(),
                                ex.enhanced(), ex.phase(), host, ex.outcome()));
                        CatalogueEntry winner = x.winner() == null ? null : x.winner().entry();
                        boolean statedException = winner != null && !winner.providers().isEmpty()
                                && winner.ref().contains("host-dependent on purpose");
                        assertTrue(statedException
                                || e.id().equals(x.classification().patternId().replace(Classifier.FINAL_SUFFIX, "")),
                                "with host " + host + ": " + x.classification().patternId() + " for " + ex.text());
                    }
                }));
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

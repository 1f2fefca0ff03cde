package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site catalogue that is wrong stops the load with a message naming the file, the entry and the problem. */
class CatalogueValidationTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            entries:
              - id: site-acme-gateway-block
                category: blocklisted
                priority: 95
                match:
                  any: ["acme gateway refused"]
                advice: "Ask ACME's admin to allow our IP."
                ref: "bounce seen from acme.example"
                reviewed: 2026-11-23
                examples:
                  match: ["554 5.7.1 ACME gateway refused your IP"]
                  miss: ["554 5.7.1 ACME gateway busy"]
            """;

    private String problem(String yaml) throws IOException {
        Files.writeString(dir.resolve("site.yaml"), yaml);
        CatalogueException e = assertThrows(CatalogueException.class, () -> new CatalogueLoader().loadAll(dir));
        return e.getMessage();
    }

    @Test
    void aValidSiteEntryIsAddedOnTopOfTheBundledCatalogue() throws IOException {
        Files.writeString(dir.resolve("site.yaml"), GOOD);
        Catalogue c = new CatalogueLoader().loadAll(dir);
        assertEquals("site-acme-gateway-block", new Classifier(c)
                .classify(Diagnostic.fromText("554 5.7.1 ACME gateway refused your IP", null, null, null, null, null))
                .patternId());
    }

    @Test
    void aSiteEntryOverridesTheBundledEntryOfTheSameId() throws IOException {
        Catalogue bundled = new CatalogueLoader().loadAll(null);
        CatalogueEntry any = bundled.entries().get(0);
        Files.writeString(dir.resolve("site.yaml"), GOOD.replace("site-acme-gateway-block", any.id()));
        Catalogue c = new CatalogueLoader().loadAll(dir);
        assertEquals(bundled.entries().size(), c.entries().size());
        CatalogueEntry replaced = c.entries().stream().filter(e -> e.id().equals(any.id())).findFirst().orElseThrow();
        assertEquals("Ask ACME's admin to allow our IP.", replaced.advice());
    }

    @Test
    void invalidRegexIsNamed() throws IOException {
        String m = problem(GOOD.replace("any: [\"acme gateway refused\"]", "regex: 'acme (gateway'"));
        assertTrue(m.contains("site.yaml") && m.contains("site-acme-gateway-block") && m.contains("regex does not compile"), m);
    }

    @Test
    void nestedQuantifierIsRejected() throws IOException {
        String m = problem(GOOD.replace("any: [\"acme gateway refused\"]", "regex: '(a+)+ gateway refused'"));
        assertTrue(m.contains("nested quantifier"), m);
    }

    @Test
    void unknownCategoryIsNamed() throws IOException {
        String m = problem(GOOD.replace("category: blocklisted", "category: blocked-ish"));
        assertTrue(m.contains("unknown category blocked-ish"), m);
    }

    @Test
    void duplicateIdInOneSourceIsRejected() throws IOException {
        String m = problem(GOOD + GOOD.substring("entries:\n".length()));
        assertTrue(m.contains("duplicate id"), m);
    }

    @Test
    void anExampleThatLosesToAnotherEntryIsRejected() throws IOException {
        String m = problem(GOOD.replace("priority: 95", "priority: 0")
                .replace("ACME gateway refused your IP", "ACME gateway refused: 550 5.1.1 User unknown"));
        assertTrue(m.contains("example is classified as"), m);
    }

    @Test
    void aNearMissThatMatchesIsRejected() throws IOException {
        String m = problem(GOOD.replace("ACME gateway busy", "ACME gateway refused again"));
        assertTrue(m.contains("near miss is classified as this entry"), m);
    }

    @Test
    void aNeedleThatNormalisationWouldMaskIsRejected() throws IOException {
        String m = problem(GOOD.replace("acme gateway refused", "refused 203.0.113.9"));
        assertTrue(m.contains("would never match"), m);
    }

    @Test
    void unknownKeysAndMissingExamplesAreRejected() throws IOException {
        String m = problem(GOOD.replace("advice:", "advise:"));
        assertTrue(m.contains("unknown key advise") || m.contains("no advice"), m);
        String m2 = problem(GOOD.replace("  miss: [\"554 5.7.1 ACME gateway busy\"]\n", ""));
        assertTrue(m2.contains("no near-miss example"), m2);
    }

    @Test
    void brokenYamlIsOneLine() throws IOException {
        String m = problem("entries: [ {id: x");
        assertTrue(m.contains("invalid YAML") && !m.contains("\n"), m);
    }

    @Test
    void anEntryWithoutRefOrReviewDateIsRejected() throws IOException {
        String m = problem(GOOD.replace("ref: \"bounce seen from acme.example\"", "links: []"));
        assertTrue(m.contains("no ref"), m);
        String m2 = problem(GOOD.replace("reviewed: 2026-11-23", "reviewed: last spring"));
        assertTrue(m2.contains("reviewed must be the date"), m2);
    }
}

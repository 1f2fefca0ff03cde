package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one-pass needle search gives exactly what each entry's own substring search gives. */
class NeedleIndexTest {

    private static final Catalogue CATALOGUE = new CatalogueLoader().loadAll(null);

    private static CatalogueEntry entry(String id, List<String> any, List<String> all, String regex, int order) {
        return new CatalogueEntry(id, dev.mailblocks.model.Category.BLOCKLISTED, null, null, 0, any, all,
                regex == null ? null : Pattern.compile(regex), Set.of(), List.of(), Set.of(), false, List.of(), Set.of(),
                "", List.of(), null, null, List.of(), List.of(), "test.yaml", order);
    }

    private static void assertSame(NeedleIndex index, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean[] present = index.present(lower);
        for (int i = 0; i < index.entries().size(); i++) {
            CatalogueEntry e = index.entries().get(i);
            assertEquals(e.matchText(lower), index.matchText(i, lower, present), e.id() + " on: " + text);
        }
    }

    @Test
    void everyCatalogueExampleAndNearMissMatchesAsTheEntriesThemselvesSay() {
        NeedleIndex index = new NeedleIndex(CATALOGUE.entries());
        int texts = 0;
        for (CatalogueEntry e : CATALOGUE.entries()) {
            for (var ex : e.matchExamples()) {
                assertSame(index, ex.text());
                texts++;
            }
            for (var ex : e.missExamples()) {
                assertSame(index, ex.text());
                texts++;
            }
        }
        assertTrue(texts > 500, "examples checked: " + texts);
    }

    @Test
    void overlappingNestedAndRepeatedNeedlesAreAllFound() {
        // needles that are suffixes and prefixes of one another, shared between entries, an empty one,
        // non-ASCII text and needles: what a failure link must get right
        NeedleIndex index = new NeedleIndex(List.of(
                entry("a", List.of("he", "she", "his", "hers"), List.of(), null, 0),
                entry("b", List.of(), List.of("blocked", "ked"), null, 1),
                entry("c", List.of("spam"), List.of(), "\\bspam\\b", 2),
                entry("d", List.of(""), List.of("übermäßig"), null, 3),
                entry("e", List.of(), List.of(), "^\\W*hard ?bounce\\W*$", 4),
                entry("f", List.of("aab", "ab", "b"), List.of("a"), null, 5)));
        for (String t : List.of("ushers", "she sells", "his", "BLOCKED by a kedge", "antispam", "spam blocked",
                "Übermäßig viele Verbindungen", "hard bounce", "aaab", "", "x", "hhhershe", "zzz ab aab")) {
            assertSame(index, t);
        }
    }

    @Test
    void randomTextsBuiltFromCatalogueNeedlesMatchAsTheEntriesSay() {
        NeedleIndex index = new NeedleIndex(CATALOGUE.entries());
        List<String> words = new ArrayList<>();
        for (CatalogueEntry e : CATALOGUE.entries()) {
            words.addAll(e.any());
            words.addAll(e.all());
        }
        Random r = new Random(7);
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(6); k >= 0; k--) {
                String w = words.get(r.nextInt(words.size()));
                // pieces of needles too: the automaton must not report a needle cut short
                b.append(r.nextBoolean() ? w : w.substring(r.nextInt(w.length() + 1))).append(r.nextBoolean() ? " " : "");
            }
            assertSame(index, b.toString());
        }
    }

    @Test
    void aRegexNeedsTheLiteralsEveryMatchHolds() {
        assertEquals(List.of(".7.2"), NeedleIndex.requiredLiterals("\\b[45]\\.7\\.2[34]\\b"));
        assertEquals(List.of("[hm"), NeedleIndex.requiredLiterals("\\[hm\\d\\d\\]"));
        assertEquals(List.of("spam", "ube"), NeedleIndex.requiredLiterals("\\b(spam|ube)\\b"));
        assertEquals(List.of(" closing connection"), // the longest run of an alternative
                NeedleIndex.requiredLiterals("try again later,? closing connection"));
        assertEquals(List.of(".uceprotect", "uceprotect"),
                NeedleIndex.requiredLiterals("dnsbl-[23]\\.uceprotect|uceprotect[ -]?level ?[23]\\b"));
        // an optional character, group or lookaround is not required; x+ is, but not joined to what follows
        assertEquals(List.of("colo"), NeedleIndex.requiredLiterals("colou?r (?:is )?(?=nice)"));
        assertEquals(List.of("aaa"), NeedleIndex.requiredLiterals("aaa+bb"));
        // an alternative with no literal of three characters: nothing to go by
        assertEquals(null, NeedleIndex.requiredLiterals("^\\W*(hard|soft)-bounce\\W*$|ab"));
        assertEquals(null, NeedleIndex.requiredLiterals("\\b(rbl|ab)\\b"));
        assertEquals(null, NeedleIndex.requiredLiterals("(?i)blocked"));
        assertEquals(null, NeedleIndex.requiredLiterals("\\x41bc"));
    }

    @Test
    void aRegexSkippedForWantOfItsLiteralsNeverMatches() {
        // every catalogue regex, and hostile ones, on random texts made of its own pieces: whenever the
        // literals say "cannot match", the regex finds nothing
        List<String> regexes = new ArrayList<>();
        for (CatalogueEntry e : CATALOGUE.entries()) {
            if (e.regex() != null) {
                regexes.add(e.regex().pattern());
            }
        }
        regexes.addAll(List.of("a[]b]cde|x{2}yyy", "(?:abc|(def)+)ghi?", "(a|b)c{0,2}ddd", "\\(xyz\\)+q", "[\\]abc]+def"));
        Random r = new Random(11);
        int decided = 0;
        for (String re : regexes) {
            Pattern p = Pattern.compile(re, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            List<String> required = NeedleIndex.requiredLiterals(re);
            if (required == null) {
                continue;
            }
            String pieces = re.replaceAll("\\\\[bBwWdDsS]", " ").replaceAll("[\\\\^$|?*+(){}\\[\\]]", " ") + " 4 5 7 23 x";
            String[] words = pieces.split(" +");
            for (int n = 0; n < 300; n++) {
                StringBuilder b = new StringBuilder();
                for (int k = r.nextInt(8); k >= 0; k--) {
                    String w = words[r.nextInt(words.length)];
                    b.append(r.nextInt(3) == 0 && !w.isEmpty() ? w.substring(r.nextInt(w.length())) : w);
                    b.append(r.nextBoolean() ? " " : r.nextBoolean() ? "." : "");
                }
                String t = b.toString().toLowerCase(Locale.ROOT);
                boolean found = p.matcher(t).find();
                boolean hasLiteral = required.stream().anyMatch(t::contains);
                assertTrue(hasLiteral || !found, re + " matches \"" + t + "\" without any of " + required);
                decided++;
            }
        }
        assertTrue(decided > 10_000, "texts: " + decided);
    }
}

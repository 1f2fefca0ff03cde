package dev.mailblocks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.store.ReportRows.Day;
import dev.mailblocks.store.ReportRows.TemplateSample;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How text from logs is written into Markdown, YAML and SVG charts. */
class ReportTextTest {

    @Test
    void markdownShowsLogTextAsWrittenWithoutMarkupOrTableBreaks() {
        String hostile = "550 <b>x</b> | [link](http://evil.example) `code` *bold*\nsecond line";
        String md = BriefMarkdown.md(hostile);
        assertFalse(md.contains("\n"), md);
        assertFalse(md.matches(".*[^\\\\]\\|.*"), "every pipe is escaped: " + md);
        assertTrue(md.contains("\\<b\\>x\\</b\\>"), md);
        assertTrue(md.contains("\\[link\\](http://evil.example)"), md);
        assertTrue(md.contains("\\`code\\`"), md);
    }

    @Test
    void senderDomainsAndHostsFromLogsNeverPoseAsDraftPlaceholders() {
        String senders = EscalationBrief.join(List.of(new dev.mailblocks.store.ReportRows.Count("[[x]].example", 3),
                new dev.mailblocks.store.ReportRows.Count("mx[[fill in]]", 1)), 5);
        assertFalse(senders.contains("[[") || senders.contains("]]"), senders);
        assertEquals("[ [x] ].example, mx[ [fill in] ]", senders);
    }

    @Test
    void suggestedEntriesStayOneEntryWhenLogTextHoldsUnicodeLineBreaks() throws Exception {
        // YAML reads NEL (U+0085) and the Unicode separators as line breaks: in a comment or a
        // scalar they would let a log line add an entry of its own, or make the file unreadable
        String evil = "550 blocked\u0085  - id: injected\u2028category: filtered\u009b";
        String yaml = PatternSuggestions.render(List.of(new TemplateSample(evil, 2, 1, "550", "RCPT",
                List.of(evil))));
        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
        assertEquals(1, tree.get("entries").size(), yaml);
        assertEquals(evil, tree.get("entries").get(0).get("examples").get("match").get(0).asText());
    }

    @Test
    void suggestedEntryQuotesHostileExamplesAndRedactsAddresses() {
        String yaml = PatternSuggestions.render(List.of(new TemplateSample(
                "host mx.odd.example[<ip>] said: 550 <addr> quota \"x\" exceeded: <n> (in reply to RCPT TO command)",
                3, 2, "550", "RCPT", List.of("host mx.odd.example[203.0.113.9] said: 550 jane@odd.example quota \"x\""
                        + " exceeded: 12\n# not a comment"))));
        assertTrue(yaml.contains("any: [\"quota \\\"x\\\" exceeded\"]"), yaml);
        assertTrue(yaml.matches("(?s).*anon-[0-9a-f]{12}@odd\\.example.*"), yaml);
        assertFalse(yaml.contains("jane@"), yaml);
        assertTrue(yaml.contains("\\n# not a comment"), "a newline in an example stays inside its string: " + yaml);
        assertTrue(yaml.contains("category:            # TO CHOOSE"), yaml);
    }

    @Test
    void noUnclassifiedTemplateGivesAnEmptyListThatSaysWhy() {
        String yaml = PatternSuggestions.render(List.of());
        assertTrue(yaml.contains("entries: []"), yaml);
        assertTrue(yaml.contains("every stored refusal was classified"), yaml);
    }

    @Test
    void dailyChartStacksGroupsAndGridLinesFallOnWholeNumbers() {
        Charts.DailyChart c = Charts.daily(List.of(new Day(LocalDate.of(2026, 12, 30), 10, 4, 4, 3, 2, 1),
                new Day(LocalDate.of(2026, 12, 31), 7, 0, 0, 0, 1, 0)));
        assertEquals(5, c.bars().size(), "one segment per non-empty group and day");
        assertEquals(List.of("0", "3", "6", "9", "12"), c.gridLines().stream().map(Charts.Label::text).toList());
        assertEquals(2, c.markers().size());
        assertTrue(c.markers().get(0).title().contains("block rate 40.0% (4 of 10 recipients)"));
        assertTrue(Charts.daily(List.of()).isEmpty());
    }

    @Test
    void briefFileNamesCannotLeaveTheFolder() {
        assertEquals("escalation-example.com", EscalationBrief.fileName("Example.COM"));
        assertEquals("escalation-.._.._etc", EscalationBrief.fileName("../../etc"));
    }
}

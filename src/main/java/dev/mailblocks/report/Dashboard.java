package dev.mailblocks.report;

import dev.mailblocks.report.Charts.DailyChart;
import dev.mailblocks.report.Charts.Sparkline;
import dev.mailblocks.report.Views.Figure;
import dev.mailblocks.store.ReportRows.Day;
import java.util.List;

/**
 * What {@code report.jte} shows: plain values, every one escaped by the template.
 *
 * @param previousWindow the window compared with, or null when there is none
 */
public record Dashboard(String generated, String window, String stored, String previousWindow, List<Figure> figures,
        DailyChart chart, List<Day> days, List<Change> changes, HtmlTable domains, List<DomainSection> top,
        HtmlTable providers, HtmlTable sendingIps, HtmlTable senderDomains, HtmlTable patterns, HtmlTable groups,
        HtmlTable incoming, HtmlTable unclassified, HtmlTable inputs, List<String> inputTotals, HtmlTable malformed) {

    /** A new or resolved blocking domain with its sparkline. */
    public record Change(String domain, String status, String provider, long blockedBefore, long blockedNow,
            long deliveredNow, Sparkline spark) {
    }

    /** One top blocking domain: its figures, timeline, sample refusals, advice, brief and what the DNS says. */
    public record DomainSection(String anchor, String domain, String provider, String facts, Sparkline spark,
            List<Sample> samples, String advice, List<String> links, String brief, SendingEvidence evidence) {
    }

    /** One refusal text as logged, with when and where. */
    public record Sample(String time, String codes, String permanence, String mx, String text, long times) {
    }
}

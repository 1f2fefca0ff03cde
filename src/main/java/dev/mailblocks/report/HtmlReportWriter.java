package dev.mailblocks.report;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.CatalogueEntry;
import dev.mailblocks.model.Category;
import dev.mailblocks.model.SmtpReplyText;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.ReportRows;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes {@code report.html}: one self-contained file (inline style, no script, font or image)
 * with the accounting, totals, blocking domains, error patterns, incoming refusals and
 * unclassified templates, each with the catalogue's advice. Every string from a log is escaped.
 */
public final class HtmlReportWriter {

    private static final int MAX_ROWS = 200;

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1280px;\
            padding:0 1em;color:#1d232a}
            h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #d8dee4;padding-bottom:.2em}
            table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{text-align:left;padding:.3em .5em;\
            border-bottom:1px solid #e5e8eb;vertical-align:top}th{background:#f3f5f7}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.msg{font-family:ui-monospace,monospace;\
            font-size:12px;word-break:break-word}.advice{color:#4a5560;font-size:13px;margin-top:.2em}
            tr.detail td{border-bottom:1px solid #c9d1d9;padding:0 .5em .6em 1.5em}tr.detail .msg{color:#33404d}
            .muted{color:#66717c}.cards{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #d8dee4;\
            border-radius:6px;padding:.6em 1em;min-width:9em}.card b{display:block;font-size:1.5em}
            .policy{color:#b3261e}.bad{color:#b3261e;font-weight:600}code{background:#f3f5f7;padding:0 .2em}
            """;

    private final ReportQueries queries;
    private final ReportTables tables;
    private final ReportFilter filter;
    private final Catalogue catalogue;
    private final Redactor redactor;
    private final Instant generated;
    private final String window;

    public HtmlReportWriter(ReportQueries queries, ReportTables tables, Catalogue catalogue, Redactor redactor,
            Instant generated, String window) {
        this.queries = queries;
        this.tables = tables;
        this.filter = tables.filter();
        this.catalogue = catalogue;
        this.redactor = redactor;
        this.generated = generated;
        this.window = window;
    }

    /** Writes the report file. */
    public void write(Path file) {
        String html = render();
        ReportFiles.write(file, w -> w.write(html));
    }

    String render() {
        Map<String, CatalogueEntry> entries = catalogue.entries().stream()
                .collect(Collectors.toMap(CatalogueEntry::id, Function.identity()));
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>mailblocks report</title><style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>Who is refusing our mail</h1>\n<p class=\"muted\">Generated ")
                .append(Html.esc(CsvCells.time(generated))).append(" &middot; ").append(Html.esc(window))
                .append(" &middot; times in UTC</p>\n");

        List<ReportRows.Count> outbound = queries.countBy(filter, "outcome", "direction = 'outbound'");
        List<ReportRows.Count> inbound = queries.countBy(filter, "outcome", "direction = 'inbound'");
        List<ReportRows.BlockingDomain> domains = tables.blockingDomains();
        long blocked = domains.stream().mapToLong(ReportRows.BlockingDomain::blocked).sum();
        h.append("<div class=\"cards\">");
        card(h, "outbound results", sum(outbound));
        for (ReportRows.Count c : outbound) {
            card(h, "outbound " + c.key(), c.count());
        }
        card(h, "blocked (policy)", blocked);
        card(h, "blocking domains", domains.size());
        card(h, "incoming refused", sum(inbound) - count(inbound, "delivered"));
        h.append("</div>\n");

        h.append("<h2 id=\"domains\">Blocking domains</h2>\n<p class=\"muted\">Recipient domains that refused our mail")
                .append(" for policy reasons (blocklists, reputation, authentication, rate limits, content, rules).")
                .append(" Block rate = blocked / all outbound results for the domain.</p>\n");
        table(h, new String[] {"domain", "provider", "delivered", "deferred", "bounced", "expired", "blocked",
            "block rate", "top category", "top pattern", "first seen", "last seen"});
        int n = 0;
        for (ReportRows.BlockingDomain d : domains) {
            if (n++ >= MAX_ROWS) {
                break;
            }
            h.append("<tr><td>").append(Html.esc(d.domain())).append("</td><td>").append(Html.esc(d.provider()))
                    .append("</td>");
            num(h, d.delivered());
            num(h, d.deferred());
            num(h, d.bounced());
            num(h, d.expired());
            num(h, d.blocked());
            h.append("<td class=\"n bad\">").append(String.format(java.util.Locale.ROOT, "%.1f%%", d.blockRate() * 100))
                    .append("</td><td>").append(Html.esc(d.topCategory())).append("</td><td><code>")
                    .append(Html.esc(d.topPattern())).append("</code></td><td>").append(Html.esc(CsvCells.time(d.firstSeen())))
                    .append("</td><td>").append(Html.esc(CsvCells.time(d.lastSeen()))).append("</td></tr>\n");
            detail(h, 12, d.example(), d.exampleCodes(), advice(entries, d.topPattern(), d.topCategory(), d.provider()));
        }
        h.append("</table>\n");
        more(h, domains.size(), "blocking-domains.csv");

        h.append("<h2 id=\"patterns\">Error patterns</h2>\n");
        List<ReportRows.ErrorPattern> patterns = tables.errorPatterns();
        table(h, new String[] {"pattern", "category", "group", "events", "domains", "first seen", "last seen"});
        n = 0;
        for (ReportRows.ErrorPattern p : patterns) {
            if (n++ >= MAX_ROWS) {
                break;
            }
            h.append("<tr><td><code>").append(Html.esc(p.patternId())).append("</code></td><td>")
                    .append(Html.esc(p.category())).append("</td><td").append("policy".equals(p.group())
                            ? " class=\"policy\"" : "").append(">").append(Html.esc(p.group())).append("</td>");
            num(h, p.events());
            num(h, p.domains());
            h.append("<td>").append(Html.esc(CsvCells.time(p.firstSeen()))).append("</td><td>")
                    .append(Html.esc(CsvCells.time(p.lastSeen()))).append("</td></tr>\n");
            detail(h, 7, p.example(), p.exampleCodes(), advice(entries, p.patternId(), p.category(), null));
        }
        h.append("</table>\n");
        more(h, patterns.size(), "error-patterns.csv");

        h.append("<h2 id=\"groups\">Refusals by group and category</h2>\n");
        table(h, new String[] {"group", "refusals"});
        for (ReportRows.Count c : queries.countBy(filter, "grp", "outcome <> 'delivered'")) {
            h.append("<tr><td>").append(Html.esc(c.key().isEmpty() ? "unclassified" : c.key())).append("</td>");
            num(h, c.count());
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        table(h, new String[] {"category", "refusals"});
        for (ReportRows.Count c : queries.countBy(filter, "category", "outcome <> 'delivered'")) {
            h.append("<tr><td>").append(Html.esc(c.key())).append("</td>");
            num(h, c.count());
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2 id=\"incoming\">Incoming mail we refused</h2>\n<p class=\"muted\">Our own servers' refusals")
                .append(" of other senders. Not counted in blocking domains.</p>\n");
        table(h, new String[] {"category", "pattern", "events", "clients", "example"});
        for (ReportRows.IncomingRefusal r : queries.incoming(filter)) {
            h.append("<tr><td>").append(Html.esc(r.category())).append("</td><td><code>")
                    .append(Html.esc(r.patternId())).append("</code></td>");
            num(h, r.events());
            num(h, r.clients());
            h.append("<td class=\"msg\">").append(Html.esc(redactor.text(r.example()))).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2 id=\"unclassified\">Unclassified templates</h2>\n<p class=\"muted\">No catalogue entry")
                .append(" or status code decided these. Add an entry to <code>patterns/</code> (see README).</p>\n");
        List<ReportRows.Unclassified> unclassified = tables.unclassified();
        table(h, new String[] {"template", "events", "domains", "example"});
        n = 0;
        for (ReportRows.Unclassified u : unclassified) {
            if (n++ >= MAX_ROWS) {
                break;
            }
            h.append("<tr><td class=\"msg\">").append(Html.esc(u.template())).append("</td>");
            num(h, u.events());
            num(h, u.domains());
            h.append("<td class=\"msg\">").append(Html.esc(redactor.text(u.example()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        more(h, unclassified.size(), "unclassified.csv");

        h.append("<h2 id=\"formats\">By source format</h2>\n");
        table(h, new String[] {"format", "events"});
        for (ReportRows.Count c : queries.countBy(filter, "source_format", "")) {
            h.append("<tr><td>").append(Html.esc(c.key())).append("</td>");
            num(h, c.count());
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2 id=\"inputs\">Inputs: every line accounted for</h2>\n");
        table(h, new String[] {"file", "format", "lines", "events", "ignored", "malformed"});
        long lines = 0;
        long ev = 0;
        long ig = 0;
        long mal = 0;
        for (ReportRows.InputFile i : queries.inputs()) {
            h.append("<tr><td>").append(Html.esc(i.file())).append("</td><td>").append(Html.esc(i.format()))
                    .append("</td>");
            num(h, i.lines());
            num(h, i.events());
            num(h, i.ignored());
            num(h, i.malformed());
            h.append("</tr>\n");
            lines += i.lines();
            ev += i.events();
            ig += i.ignored();
            mal += i.malformed();
        }
        h.append("<tr><th>total</th><th></th>");
        for (long v : new long[] {lines, ev, ig, mal}) {
            h.append("<th class=\"n\">").append(v).append("</th>");
        }
        h.append("</tr></table>\n<p class=\"muted\">events = lines that gave delivery results; ignored = lines")
                .append(" that are not delivery results; malformed = lines that could not be read (kept in the store).</p>\n");
        List<ReportRows.MalformedLine> bad = queries.malformed(20);
        if (!bad.isEmpty()) {
            table(h, new String[] {"file", "line", "reason", "text"});
            for (ReportRows.MalformedLine m : bad) {
                h.append("<tr><td>").append(Html.esc(m.file())).append("</td>");
                num(h, m.line());
                h.append("<td>").append(Html.esc(m.reason())).append("</td><td class=\"msg\">")
                        .append(Html.esc(abbreviate(redactor.text(m.text())))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The advice as HTML: the entry's (else the category's) text, then its links and the provider's page. */
    private String advice(Map<String, CatalogueEntry> entries, String patternId, String category, String provider) {
        CatalogueEntry e = patternId == null ? null : entries.get(patternId);
        StringBuilder h = new StringBuilder(Html.esc(e != null ? e.advice()
                : Category.byId(category).map(catalogue::adviceFor).orElse("")));
        java.util.List<String> links = new java.util.ArrayList<>(e == null ? java.util.List.of() : e.links());
        String providerId = provider != null ? provider : e == null ? null : e.provider();
        catalogue.providers().byId(providerId).map(p -> p.postmaster()).filter(u -> !u.isBlank())
                .filter(u -> !links.contains(u)).ifPresent(links::add);
        for (String url : links) {
            if (url.startsWith("https://") || url.startsWith("http://")) {
                h.append("<br><a href=\"").append(Html.esc(url)).append("\" rel=\"noreferrer\">")
                        .append(Html.esc(url)).append("</a>");
            }
        }
        return h.toString();
    }

    /**
     * The row under a table row: the example's codes and whether they are permanent, the verbatim
     * example, and what to do, across the whole table.
     */
    private void detail(StringBuilder h, int columns, String example, String codes, String adviceHtml) {
        h.append("<tr class=\"detail\"><td colspan=\"").append(columns).append("\"><div class=\"msg\">");
        String permanence = SmtpReplyText.permanence(codes);
        if (!permanence.isEmpty()) {
            h.append("<b>").append(Html.esc(codes)).append("</b> <span class=\"muted\">").append(permanence)
                    .append("</span> &middot; ");
        }
        h.append(Html.esc(abbreviate(redactor.text(example)))).append("</div><div class=\"advice\">")
                .append(adviceHtml).append("</div></td></tr>\n");
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 397) + "...";
    }

    private static long sum(List<ReportRows.Count> counts) {
        return counts.stream().mapToLong(ReportRows.Count::count).sum();
    }

    private static long count(List<ReportRows.Count> counts, String key) {
        return counts.stream().filter(c -> c.key().equals(key)).mapToLong(ReportRows.Count::count).sum();
    }

    private static void card(StringBuilder h, String label, long value) {
        h.append("<div class=\"card\"><b>").append(value).append("</b>").append(Html.esc(label)).append("</div>");
    }

    private static void table(StringBuilder h, String[] headers) {
        h.append("<table><tr>");
        for (String s : headers) {
            h.append("<th>").append(Html.esc(s)).append("</th>");
        }
        h.append("</tr>\n");
    }

    private static void num(StringBuilder h, long v) {
        h.append("<td class=\"n\">").append(v).append("</td>");
    }

    private static void more(StringBuilder h, int size, String csv) {
        if (size > MAX_ROWS) {
            h.append("<p class=\"muted\">").append(size - MAX_ROWS).append(" more rows in ").append(Html.esc(csv))
                    .append(".</p>\n");
        }
    }
}

package dev.mailblocks.report;

import dev.mailblocks.model.SmtpReplyText;
import dev.mailblocks.report.Views.Figure;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.ReportRows;
import dev.mailblocks.store.ReportRows.BlockingDomain;
import dev.mailblocks.store.ReportRows.Headline;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Writes {@code report.html}, the dashboard: one self-contained file (inline style and SVG, no
 * script, font or image) rendered by {@code report.jte}, which escapes every value.
 */
public final class HtmlReportWriter {

    /** Rows shown per table; the rest are in the CSV file. */
    static final int MAX_ROWS = 100;
    /** Blocking domains with a section of their own (and a brief). */
    public static final int TOP_DOMAINS = 5;

    private static final Redactor NO_REDACTION = new Redactor(false);

    private final ReportQueries queries;
    private final ReportTables tables;
    private final AdviceLookup lookup;
    private final Redactor redactor;
    private final Instant generated;
    private final String stored;

    /** {@code stored} says which events the store holds (their period, what retention deleted). */
    public HtmlReportWriter(ReportQueries queries, ReportTables tables, AdviceLookup lookup, Redactor redactor,
            Instant generated, String stored) {
        this.stored = stored;
        this.queries = queries;
        this.tables = tables;
        this.lookup = lookup;
        this.redactor = redactor;
        this.generated = generated;
    }

    /** Writes the report file. */
    public void write(Path file) {
        ReportFiles.write(file, render());
    }

    String render() {
        return Templates.render("report.jte", dashboard());
    }

    Dashboard dashboard() {
        ReportTables t = tables;
        List<Dashboard.Change> changes = t.changes().stream().map(c -> new Dashboard.Change(c.domain(), c.status(),
                name(c.provider()), c.blockedBefore(), c.blockedNow(), c.deliveredNow(),
                Charts.sparkline(c.daily(), t.sparkDays()))).toList();
        List<Dashboard.DomainSection> top = new ArrayList<>();
        for (BlockingDomain d : t.blockingDomains().subList(0, Math.min(TOP_DOMAINS, t.blockingDomains().size()))) {
            top.add(section(d));
        }
        List<ReportRows.InputFile> in = t.inputs();
        List<String> totals = List.of("total", "", sum(in, ReportRows.InputFile::lines),
                sum(in, ReportRows.InputFile::eventLines), sum(in, ReportRows.InputFile::events),
                sum(in, ReportRows.InputFile::ignored), sum(in, ReportRows.InputFile::malformed));
        return new Dashboard(CsvCells.time(generated), describe(t.filter()), stored,
                t.previous() == null ? null : describe(t.previous()), figures(t.headline(), t.headlineBefore()),
                Charts.daily(t.days()), t.days(), changes,
                HtmlTable.of(Tables.BLOCKING_DOMAINS, t.blockingDomains(), redactor, MAX_ROWS,
                        java.util.Set.of("example", "example_codes", "attempts")), top,
                HtmlTable.of(Tables.PROVIDERS, t.providers(), redactor, MAX_ROWS),
                HtmlTable.of(Tables.SENDING_IPS, t.sendingIps(), redactor, MAX_ROWS),
                HtmlTable.of(Tables.SENDER_DOMAINS, t.senderDomains(), redactor, MAX_ROWS),
                HtmlTable.of(Tables.ERROR_PATTERNS, t.errorPatterns(), redactor, MAX_ROWS),
                HtmlTable.of(Tables.GROUPS, t.groups(), redactor, MAX_ROWS),
                HtmlTable.of(Tables.INCOMING, t.incoming(), redactor, MAX_ROWS),
                HtmlTable.of(Tables.UNCLASSIFIED, t.unclassified(), redactor, MAX_ROWS),
                HtmlTable.of(Tables.INPUTS, in, redactor, Integer.MAX_VALUE), totals,
                HtmlTable.of(Tables.MALFORMED, t.malformed(), redactor, MAX_ROWS));
    }

    private Dashboard.DomainSection section(BlockingDomain d) {
        ReportFilter only = ReportFilter.exactly(tables.filter().since(), tables.filter().until(), d.domain());
        List<Dashboard.Sample> samples = samples(queries.refusals(only, ReportQueries.SHARED_REFUSALS, false), redactor, 3);
        AdviceLookup.Advice advice = lookup.advice(d.topPattern(), d.topCategory(), d.provider());
        String facts = d.blocked() + " of " + d.recipients() + " recipients blocked (" + Cells.percent(d.blockRate())
                + "), " + d.refusals() + " policy refusals logged; " + d.delivered() + " delivered"
                + "; first " + Cells.html(Column.Kind.TIME, d.firstSeen(), redactor) + ", last "
                + Cells.html(Column.Kind.TIME, d.lastSeen(), redactor) + "; mostly " + d.topCategory() + " ("
                + d.topPattern() + ")";
        return new Dashboard.DomainSection("d-" + d.domain().replaceAll("[^a-z0-9.-]", "-"), d.domain(),
                name(d.provider()), facts,
                Charts.sparkline(tables.daily().getOrDefault(d.domain(), List.of()), tables.sparkDays()), samples,
                advice.text(), safeLinks(advice.links()), EscalationBrief.fileName(d.domain()) + ".html",
                evidence(queries, only, d, name(d.provider())));
    }

    /** The stored DNS checks that bear on a blocking domain's top category, with our IPs and domains its refusals name. */
    static SendingEvidence evidence(ReportQueries q, ReportFilter only, BlockingDomain d, String providerName) {
        List<String> ips = q.refusalsBy(only, "quoted_ip").stream().map(ReportRows.Count::key).toList();
        List<String> domains = q.refusalsBy(only, "sender_domain").stream().map(ReportRows.Count::key)
                .filter(k -> !k.startsWith("(")).toList();
        return SendingEvidence.of(q.storedChecks(), d.topCategory(), providerName.isEmpty() ? d.domain() : providerName,
                d.example(), ips, domains);
    }

    /** The most frequent distinct refusal texts (policy first), with their first time and MX. */
    static List<Dashboard.Sample> samples(List<ReportRows.Refusal> refusals, Redactor redactor, int limit) {
        Map<String, List<ReportRows.Refusal>> byText = new LinkedHashMap<>();
        for (ReportRows.Refusal r : refusals) {
            byText.computeIfAbsent(r.message() == null ? "" : r.message(), k -> new ArrayList<>()).add(r);
        }
        List<List<ReportRows.Refusal>> groups = new ArrayList<>(byText.values());
        groups.sort((a, b) -> {
            int policy = Boolean.compare("policy".equals(b.get(0).group()), "policy".equals(a.get(0).group()));
            return policy != 0 ? policy : Integer.compare(b.size(), a.size());
        });
        List<Dashboard.Sample> out = new ArrayList<>();
        for (List<ReportRows.Refusal> g : groups.subList(0, Math.min(limit, groups.size()))) {
            ReportRows.Refusal r = g.get(0);
            out.add(new Dashboard.Sample(Cells.html(Column.Kind.TIME, r.time(), redactor), r.codes(),
                    SmtpReplyText.permanence(r.codes()), mx(r), Cells.abbreviate(redactor.text(r.message())), g.size()));
        }
        return out;
    }

    static String mx(ReportRows.Refusal r) {
        String host = r.remoteHost() == null ? "" : r.remoteHost();
        return r.remoteIp() == null || r.remoteIp().isEmpty() ? host : (host + " [" + r.remoteIp() + "]").strip();
    }

    static List<String> safeLinks(List<String> links) {
        return links.stream().filter(u -> u.startsWith("https://") || u.startsWith("http://")).toList();
    }

    private String name(String provider) {
        return provider == null ? "" : lookup.providerName(provider);
    }

    /** The headline figures in a fixed order, with the previous window beside them. */
    static List<Figure> figures(Headline now, Headline before) {
        List<Figure> out = new ArrayList<>();
        figure(out, "recipients", "recipients", now, before, Headline::recipients);
        figure(out, "delivered", "delivered", now, before, Headline::delivered);
        figure(out, "blocked", "blocked", now, before, Headline::blocked);
        Function<Headline, String> rate = h -> Cells.percent(h.blockRate());
        out.add(new Figure("block-rate", "block rate", rate.apply(now), before == null ? null : rate.apply(before),
                before == null ? null : pointChange(now.blockRate(), before.blockRate())));
        figure(out, "blocking-domains", "blocking domains", now, before, Headline::blockingDomains);
        figure(out, "refusals", "refusals (attempts)", now, before, Headline::refusals);
        figure(out, "retried-delivered", "delivered after retries", now, before, Headline::deferredThenDelivered);
        figure(out, "incoming-refused", "incoming we refused", now, before, Headline::incomingRefused);
        return out;
    }

    private static void figure(List<Figure> out, String id, String label, Headline now, Headline before,
            ToLongFunction<Headline> f) {
        long n = f.applyAsLong(now);
        out.add(new Figure(id, label, String.valueOf(n), before == null ? null : String.valueOf(f.applyAsLong(before)),
                before == null ? null : change(n - f.applyAsLong(before))));
    }

    private static String change(long delta) {
        return delta == 0 ? "= no change" : delta > 0 ? "▲ +" + delta : "▼ " + delta;
    }

    private static String pointChange(double now, double before) {
        double d = (now - before) * 100;
        if (Math.abs(d) < 0.05) {
            return "= no change";
        }
        return (d > 0 ? "▲ +" : "▼ ") + String.format(java.util.Locale.ROOT, "%.1f", d) + " points";
    }

    private static String sum(List<ReportRows.InputFile> in, ToLongFunction<ReportRows.InputFile> f) {
        return String.valueOf(in.stream().mapToLong(f).sum());
    }

    static String describe(ReportFilter f) {
        if (f.since() == null && f.until() == null) {
            return "everything stored";
        }
        String since = f.since() == null ? "the start" : Cells.html(Column.Kind.TIME, f.since(), NO_REDACTION);
        String until = f.until() == null ? "the end" : Cells.html(Column.Kind.TIME, f.until(), NO_REDACTION);
        return since + " to " + until + " UTC";
    }
}

package dev.mailblocks.report;

import dev.mailblocks.model.SmtpReplyText;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.ReportRows.BlockingDomain;
import dev.mailblocks.store.ReportRows.Count;
import dev.mailblocks.store.ReportRows.Refusal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The evidence about one recipient domain's refusals of our mail, for its postmaster or a
 * blocklist operator: written as {@code escalation-DOMAIN.md} and {@code escalation-DOMAIN.html}
 * (template {@code brief.jte}). Recipient addresses are redacted unless asked otherwise.
 *
 * @param status {@code blocked}, {@code no longer blocked} or {@code not blocked}
 * @param statusText one sentence saying so, with the times that show it
 * @param draftTo who the draft request is for
 * @param draft the request, with {@code [[...]]} placeholders where a person must fill in
 * @param evidence what the DNS says about our IPs and domains, for the top category
 */
public record EscalationBrief(String domain, String provider, String generated, String window, String status,
        String statusText, List<String[]> facts, String category, String pattern, String advice, List<String> links,
        List<Row> refusals, long moreRefusals, List<Count> sendingIps, List<Count> sendingHosts,
        List<Count> senderDomains, List<Count> mxHosts, String draftTo, String draftSubject, String draft,
        boolean redacted, SendingEvidence evidence) {

    /** Refusals listed in a brief; the rest are in events.csv. */
    static final int MAX_REFUSALS = 50;

    /** One refusal as logged. */
    public record Row(String time, String queueId, String recipient, String mx, String codes, String permanence,
            String category, String text) {
    }

    private static final Pattern LIST_NAME = Pattern.compile(
            "(?:blocked using|listed (?:on|in|at)|blacklisted (?:on|by|at)|see)\\s+(?:https?://)?(?:www\\.)?"
                    + "([a-z0-9-]+(?:\\.[a-z0-9-]+)+)", Pattern.CASE_INSENSITIVE);

    /** The file name (without extension) of a domain's brief. */
    public static String fileName(String domain) {
        return "escalation-" + domain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_");
    }

    /** Gathers the brief of a domain (exactly that domain) over a window. */
    public static EscalationBrief gather(ReportQueries q, String domain, Instant since, Instant until,
            AdviceLookup lookup, Redactor redactor, Instant generated) {
        String d = domain.toLowerCase(Locale.ROOT);
        ReportFilter f = ReportFilter.exactly(since, until, d);
        Optional<BlockingDomain> row = q.blockingDomains(f).stream().filter(b -> b.domain().equals(d)).findFirst();
        String provider = ReportTables.providers(q, f, lookup).get(d);
        List<Refusal> all = q.refusals(f, MAX_REFUSALS, true);
        Optional<Instant> delivered = q.lastDelivered(f);

        String window = HtmlReportWriter.describe(new ReportFilter(since, until, null, null, null));
        List<String[]> facts = new ArrayList<>();
        String status;
        String statusText;
        if (row.isEmpty()) {
            status = "not blocked";
            Optional<BlockingDomain> ever = q.blockingDomains(ReportFilter.exactly(null, null, d)).stream()
                    .filter(b -> b.domain().equals(d)).findFirst();
            statusText = d + " refused none of our mail for policy reasons in this window"
                    + ever.map(b -> "; the last policy refusal stored is from " + time(b.lastSeen()) + ".")
                            .orElse(", and none is stored.")
                    + delivered.map(t -> " Last delivery: " + time(t) + ".").orElse("");
        } else {
            BlockingDomain b = row.get();
            boolean recovered = delivered.isPresent() && delivered.get().isAfter(b.lastSeen());
            status = recovered ? "no longer blocked" : "blocked";
            statusText = recovered
                    ? d + " is no longer blocking us: the last policy refusal was at " + time(b.lastSeen())
                            + " and mail has been delivered since (last delivery " + time(delivered.get())
                            + "). Keep this brief as the record; there is nothing to send unless it starts again."
                    : d + " is blocking our mail: the last policy refusal was at " + time(b.lastSeen())
                            + delivered.map(t -> ", the last delivery at " + time(t) + ".")
                                    .orElse(", and nothing was delivered in this window.");
            facts.add(new String[] {"recipients blocked", b.blocked() + " of " + b.recipients() + " ("
                    + Cells.percent(b.blockRate()) + ")"});
            facts.add(new String[] {"policy refusals logged (attempts)", String.valueOf(b.refusals())});
            facts.add(new String[] {"delivered", String.valueOf(b.delivered())});
            facts.add(new String[] {"first refused", time(b.firstSeen())});
            facts.add(new String[] {"last refused", time(b.lastSeen())});
        }
        String category = row.map(BlockingDomain::topCategory).orElse("");
        String pattern = row.map(BlockingDomain::topPattern).orElse("");
        AdviceLookup.Advice advice = row.isEmpty() ? new AdviceLookup.Advice("", List.of())
                : lookup.advice(pattern, category, provider);
        List<String> links = HtmlReportWriter.safeLinks(advice.links());

        List<Row> rows = all.stream().map(r -> new Row(time(r.time()), nz(r.queueId()),
                nz(redactor.address(r.recipient())), HtmlReportWriter.mx(r), nz(r.codes()),
                SmtpReplyText.permanence(r.codes()), nz(r.category()), nz(redactor.text(r.message())))).toList();
        List<Count> ips = q.refusalsBy(f, "quoted_ip");
        List<Count> hosts = q.refusalsBy(f, "reporting_host");
        List<Count> senders = q.refusalsBy(f, "sender_domain");
        List<Count> mx = q.refusalsBy(f, "remote");

        String listName = all.stream().map(r -> LIST_NAME.matcher(nz(r.message()))).filter(Matcher::find)
                .map(m -> m.group(1).toLowerCase(Locale.ROOT)).filter(n -> !n.endsWith(d))
                .findFirst().orElse(null);
        String page = provider == null ? null : lookup.postmasterPage(provider);
        String to = "blocklisted".equals(category) && listName != null
                ? "the operator of " + listName + " (its delisting form)"
                : page != null ? "postmaster@" + d + ", or " + lookup.providerName(provider) + "'s sender form: " + page
                : "postmaster@" + d;
        String subject = row.isEmpty() ? "" : "Mail from " + join(senders, 3) + " refused by " + literal(d) + " since "
                + time(row.get().firstSeen()) + " (" + nz(row.get().exampleCodes()) + ")";
        String draft = row.isEmpty() || !"blocked".equals(status) ? "" : draft(literal(d), row.get(), ips, hosts, senders, mx,
                redactor);
        return new EscalationBrief(d, provider == null ? "" : lookup.providerName(provider), CsvCells.time(generated),
                window, status, statusText, facts, category, pattern, advice.text(), links, rows,
                row.map(b -> Math.max(0, b.refusals() - all.size())).orElse(0L), ips, hosts, senders, mx, to, subject, draft,
                redactor.enabled(), row.map(b -> HtmlReportWriter.evidence(q, f, b, provider == null ? ""
                        : lookup.providerName(provider))).orElse(SendingEvidence.NONE));
    }

    private static String draft(String d, BlockingDomain b, List<Count> ips, List<Count> hosts, List<Count> senders,
            List<Count> mx, Redactor redactor) {
        String from = ips.isEmpty() ? "our servers " + join(hosts, 5) : "our IP address" + (ips.size() > 1 ? "es " : " ")
                + join(ips, 5) + (hosts.isEmpty() ? "" : " (" + join(hosts, 5) + ")");
        return "Hello,\n\n"
                + "Since " + time(b.firstSeen()) + " UTC, your mail servers" + (mx.isEmpty() ? "" : " (" + join(mx, 3) + ")")
                + " have refused mail sent from " + from + " to recipients at " + d + ": " + b.blocked() + " of "
                + b.recipients() + " recipients, " + b.refusals() + " refusals in all, the last at "
                + time(b.lastSeen()) + " UTC. The refusal reads:\n\n"
                + "    " + literal(nz(b.exampleCodes()) + " " + nz(redactor.text(b.example()))) + "\n\n"
                + "What we send: mail from " + join(senders, 5) + ", which is [[what these messages are, for example"
                + " order confirmations and password resets]].\n"
                + "Why it is wanted: [[why the recipients expect it: how they signed up or what they bought]].\n"
                + "What we changed: [[what was checked or fixed since " + time(b.firstSeen()) + "]].\n\n"
                + "Could you lift the block, or tell us what else you need from us?\n\n"
                + "Thank you,\n[[name, role, e-mail address and phone number]]\n";
    }

    /** Writes the Markdown and HTML files into the folder; returns the Markdown file. */
    public Path write(Path out) {
        Path md = out.resolve(fileName(domain) + ".md");
        ReportFiles.write(md, BriefMarkdown.render(this));
        ReportFiles.write(out.resolve(fileName(domain) + ".html"), Templates.render("brief.jte", this));
        return md;
    }

    static String time(Instant t) {
        return t == null ? "" : Cells.html(Column.Kind.TIME, t, null);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static String join(List<Count> counts, int max) {
        if (counts.isEmpty()) {
            return "(not in the logs)";
        }
        String s = counts.stream().limit(max).map(c -> literal(c.key())).collect(Collectors.joining(", "));
        return counts.size() > max ? s + " and " + (counts.size() - max) + " more" : s;
    }

    /** Text from the logs as it goes into the draft: it can never pose as a {@code [[...]]} placeholder. */
    static String literal(String s) {
        return s.replace("[[", "[ [").replace("]]", "] ]");
    }

    /** Whether the draft has placeholders to fill in. */
    public boolean hasDraft() {
        return !draft.isEmpty();
    }

    /** The draft split around its placeholders, for highlighting them in HTML: even parts are text. */
    public List<String> draftParts() {
        List<String> parts = new ArrayList<>();
        Matcher m = Pattern.compile("\\[\\[[^\\]]*\\]\\]").matcher(draft);
        int at = 0;
        while (m.find()) {
            parts.add(draft.substring(at, m.start()));
            parts.add(m.group());
            at = m.end();
        }
        parts.add(draft.substring(at));
        return parts;
    }

    /** Sending figures as rows of the table "what we sent". */
    public List<String[]> sending() {
        List<String[]> out = new ArrayList<>();
        for (Count c : sendingIps) {
            out.add(new String[] {"our IP quoted in refusals", c.key(), String.valueOf(c.count())});
        }
        for (Count c : sendingHosts) {
            out.add(new String[] {"our server (log host)", c.key(), String.valueOf(c.count())});
        }
        for (Count c : senderDomains) {
            out.add(new String[] {"sender domain", c.key(), String.valueOf(c.count())});
        }
        for (Count c : mxHosts) {
            out.add(new String[] {"their MX host", c.key(), String.valueOf(c.count())});
        }
        return out;
    }
}

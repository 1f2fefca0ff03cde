package dev.mailblocks.check;

import dev.mailblocks.store.CheckStore;
import dev.mailblocks.store.CheckStore.Row;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportRows.Count;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The sending-side DNS checks of a window: for our IPs (the ones receivers quoted in policy
 * refusals, and the configured ones) reverse DNS, forward confirmation, SPF for each sender domain
 * and the IP blocklists; for our sender domains the SPF record, DMARC, DKIM keys and the domain
 * blocklists. Results are kept in the store ({@link CheckStore}) with their time.
 */
public final class SendingChecks {

    /** IPs and domains taken from refusals at most (the configured ones always come on top). */
    static final int MAX_SUBJECTS = 25;

    /**
     * What a run of checks did: the rows it found now, and the stored rows of every subject of
     * the window (the ones checked earlier today among them), for the CSV file.
     */
    public record Summary(List<Row> rows, List<Row> current, int ips, int domains, int skippedRecent, long queries,
            String server, String unreachable) {

        /** Rows whose result is a problem worth a look (listed, fail, missing...). */
        public List<Row> problems() {
            return rows.stream().filter(r -> CheckStore.Verdict.of(r) == CheckStore.Verdict.BAD).toList();
        }

        /** Rows that could not be checked. */
        public long notChecked() {
            return rows.stream().filter(r -> CheckStore.NOT_CHECKED.equals(r.result())).count();
        }
    }

    private SendingChecks() {
    }

    /** What is checked: our IPs and our sender domains, in the order found. */
    public record Targets(Set<String> ips, Set<String> domains) {
    }

    /** The subjects of a window: IPs quoted in policy refusals and sender domains of them, then the configured ones. */
    public static Targets subjects(EventStore store, ReportFilter window, CheckConfig config) {
        Set<String> ips = new LinkedHashSet<>(config.sendingIps());
        Set<String> domains = new LinkedHashSet<>(config.senderDomains());
        int n = 0;
        for (Count c : store.queries().refusalsBy(window, "quoted_ip")) {
            if (Subjects.isPublicIp(c.key()) && n++ < MAX_SUBJECTS) {
                ips.add(c.key());
            }
        }
        n = 0;
        for (Count c : store.queries().refusalsBy(window, "sender_domain")) {
            String d = c.key().toLowerCase(Locale.ROOT);
            if (Subjects.isDomain(d) && n++ < MAX_SUBJECTS) {
                domains.add(d);
            }
        }
        return new Targets(ips, domains);
    }

    /** Checks the subjects of the window and keeps the results in the store. */
    public static Summary run(EventStore store, ReportFilter window, CheckConfig config, Instant now) {
        Targets t = subjects(store, window, config);
        return run(store, t.ips(), t.domains(), config, now);
    }

    /** Checks these IPs and domains (each IP against each domain's SPF) and keeps the results. */
    public static Summary run(EventStore store, Set<String> ipSet, Set<String> domainSet, CheckConfig config,
            Instant now) {
        CheckStore checks = store.checks();
        List<String> ips = new ArrayList<>(ipSet);
        List<String> domains = new ArrayList<>(domainSet);
        int skipped = 0;
        if (config.oncePerDay()) {
            List<String> all = new ArrayList<>(ips);
            all.addAll(domains);
            Map<String, Instant> last = checks.lastChecked(all);
            Instant dayAgo = now.minus(Duration.ofHours(24));
            int before = ips.size() + domains.size();
            // an IP is up to date only when it has an SPF result for every sender domain of today's set
            Map<String, Set<String>> checksOf = new HashMap<>();
            for (Row r : checks.of(ips)) {
                checksOf.computeIfAbsent(r.subject(), k -> new HashSet<>()).add(r.check());
            }
            ips.removeIf(x -> last.containsKey(x) && last.get(x).isAfter(dayAgo)
                    && domainSet.stream().allMatch(d -> checksOf.getOrDefault(x, Set.of()).contains("spf:" + d)));
            domains.removeIf(x -> last.containsKey(x) && last.get(x).isAfter(dayAgo));
            skipped = before - ips.size() - domains.size();
        }
        if (ips.isEmpty() && domains.isEmpty()) {
            return new Summary(List.of(), checks.of(all(ipSet, domainSet)), 0, 0, skipped, 0, null, null);
        }
        Dns dns = Dns.open(config.resolver(), config.timeout(), config.maxInFlight(), config.budget());
        dns.probe();
        List<Blocklist> lists = config.blocklists().stream().map(Blocklist::of).toList();
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(config.maxInFlight(),
                ips.size() + domains.size())), r -> {
                    Thread t = new Thread(r, "mailblocks-dns");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<List<Row>>> jobs = new ArrayList<>();
            for (String ip : ips) {
                jobs.add(pool.submit(() -> checkIp(dns, ip, domains, lists, now)));
            }
            for (String d : domains) {
                jobs.add(pool.submit(() -> checkDomain(dns, d, config.dkimSelectors(), lists, now)));
            }
            for (Future<List<Row>> f : jobs) {
                try {
                    rows.addAll(f.get(config.budget().toMillis() + 5_000, TimeUnit.MILLISECONDS));
                } catch (Exception e) {
                    // a check that did not end in time: its rows are missing; the others are kept
                }
            }
        } finally {
            pool.shutdownNow();
        }
        rows.sort(Comparator.comparing(Row::subject).thenComparing(Row::check));
        checks.save(rows);
        return new Summary(rows, checks.of(all(ipSet, domainSet)), ips.size(), domains.size(), skipped, dns.queries(),
                dns.server(), dns.givenUpReason());
    }

    private static Set<String> all(Set<String> ips, Set<String> domains) {
        Set<String> all = new LinkedHashSet<>(ips);
        all.addAll(domains);
        return all;
    }

    static List<Row> checkIp(Dns dns, String ip, List<String> domains, List<Blocklist> lists, Instant now) {
        List<Row> out = new ArrayList<>();
        InetAddress addr = Subjects.literal(ip);
        if (addr == null) {
            return out;
        }
        // reverse DNS and its forward confirmation
        Answer ptr = dns.query(ReverseMap.fromAddress(addr), Type.PTR);
        if (ptr instanceof Answer.Failure f) {
            out.add(row(ip, "ptr", CheckStore.NOT_CHECKED, f.reason(), now));
            out.add(row(ip, "ptr-forward", CheckStore.NOT_CHECKED, f.reason(), now));
        } else if (ptr instanceof Answer.Records r) {
            List<String> names = r.records().stream().map(x -> ((PTRRecord) x).getTarget().toString(true)
                    .toLowerCase(Locale.ROOT)).sorted().toList();
            out.add(row(ip, "ptr", "present", String.join(" ", names), now));
            out.add(forward(dns, ip, addr, names, now));
        } else {
            out.add(row(ip, "ptr", "missing", "no PTR record for " + ip, now));
            out.add(row(ip, "ptr-forward", "missing", "no PTR name to confirm", now));
        }
        for (Blocklist b : lists) {
            if (!b.domains()) {
                out.add(listed(dns, ip, reverse(addr) + "." + b.zone(), b, now));
            }
        }
        for (String d : domains) {
            Spf.Result r = Spf.check(dns, ip, d);
            out.add(row(ip, "spf:" + d, r.result(), r.detail(), now));
        }
        return out;
    }

    private static Row forward(Dns dns, String ip, InetAddress addr, List<String> names, Instant now) {
        List<String> seen = new ArrayList<>();
        for (String n : names.subList(0, Math.min(names.size(), Spf.MAX_NAMES))) {
            Answer a = dns.query(n, addr.getAddress().length == 4 ? Type.A : Type.AAAA);
            if (a instanceof Answer.Failure f) {
                return row(ip, "ptr-forward", CheckStore.NOT_CHECKED, n + ": " + f.reason(), now);
            }
            if (a instanceof Answer.Records r) {
                for (Record x : r.records()) {
                    InetAddress back = x instanceof ARecord ar ? ar.getAddress() : ((AAAARecord) x).getAddress();
                    if (back.equals(addr)) {
                        return row(ip, "ptr-forward", "confirmed", n + " resolves back to " + ip, now);
                    }
                    seen.add(back.getHostAddress());
                }
            }
        }
        return row(ip, "ptr-forward", "not confirmed", String.join(" ", names) + (seen.isEmpty() ? " has no address"
                : " resolves to " + String.join(" ", seen)) + ", not to " + ip, now);
    }

    static List<Row> checkDomain(Dns dns, String domain, List<String> selectors, List<Blocklist> lists, Instant now) {
        List<Row> out = new ArrayList<>();
        Spf.RecordLookup spf = Spf.record(dns, domain);
        out.add(row(domain, "spf-record", spf.result(), spf.text(), now));
        out.add(Dmarc.check(dns, domain, now));
        if (selectors.isEmpty()) {
            out.add(row(domain, "dkim", CheckStore.NOT_CHECKED, "no DKIM selectors configured (dkim-selectors in the"
                    + " configuration file, or --dkim-selectors)", now));
        }
        for (String sel : selectors) {
            out.add(dkim(dns, domain, sel, now));
        }
        for (Blocklist b : lists) {
            if (b.domains()) {
                out.add(listed(dns, domain, domain + "." + b.zone(), b, now));
            }
        }
        return out;
    }

    private static Row dkim(Dns dns, String domain, String selector, Instant now) {
        String name = selector + "._domainkey." + domain;
        String check = "dkim:" + selector;
        Answer a = dns.query(name, Type.TXT);
        if (a instanceof Answer.Failure f) {
            return row(domain, check, CheckStore.NOT_CHECKED, f.reason(), now);
        }
        if (a instanceof Answer.Records r) {
            for (Record x : r.records()) {
                String text = String.join("", ((TXTRecord) x).getStrings());
                Map<String, String> tags = Dmarc.tags(text);
                if (tags.containsKey("p") || "DKIM1".equalsIgnoreCase(tags.get("v"))) {
                    String p = tags.getOrDefault("p", "");
                    if (p.isEmpty()) {
                        return row(domain, check, "revoked", name + " has an empty key (p=): the key was revoked", now);
                    }
                    return row(domain, check, "present", name + ": k=" + tags.getOrDefault("k", "rsa") + ", key of "
                            + p.length() + " base64 characters", now);
                }
            }
            return row(domain, check, "missing", name + " has TXT records but none is a DKIM key", now);
        }
        return row(domain, check, "missing", "no DKIM key at " + name, now);
    }

    private static Row listed(Dns dns, String subject, String query, Blocklist b, Instant now) {
        String check = "dnsbl:" + b.zone();
        String delist = b.delist().isEmpty() ? "" : "; delisting: " + b.delist();
        Answer a = dns.query(query, Type.A);
        if (a instanceof Answer.Failure f) {
            return row(subject, check, CheckStore.NOT_CHECKED, f.reason(), now);
        }
        if (a instanceof Answer.Records r) {
            List<String> codes = r.records().stream().map(x -> ((ARecord) x).getAddress().getHostAddress()).sorted().toList();
            List<String> reasons = new ArrayList<>();
            for (String c : codes) {
                String m = b.meaning(c);
                if (m == null) {
                    return row(subject, check, CheckStore.NOT_CHECKED, b.name() + " answered " + c + ": " + b.error(c), now);
                }
                if (!reasons.contains(m)) {
                    reasons.add(m);
                }
            }
            return row(subject, check, "listed", b.name() + ": " + String.join("; ", reasons) + " (" + String.join(" ", codes)
                    + ")" + delist, now);
        }
        return row(subject, check, "not listed", b.name(), now);
    }

    private static String reverse(InetAddress addr) {
        String r = ReverseMap.fromAddress(addr).toString(true);
        return r.substring(0, r.length() - (addr.getAddress().length == 4 ? ".in-addr.arpa".length() : ".ip6.arpa".length()));
    }

    static Row row(String subject, String check, String result, String detail, Instant now) {
        return new Row(subject, check, result, detail == null ? "" : detail, now);
    }
}

package dev.mailblocks.report;

import dev.mailblocks.report.Views.DomainChange;
import dev.mailblocks.report.Views.ProviderView;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.ReportRows;
import dev.mailblocks.store.ReportRows.BlockingDomain;
import dev.mailblocks.store.ReportRows.DomainResults;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything one report shows, queried once and shared by the CSV, JSON and HTML writers and
 * the alert check (events are streamed by the writers instead: they can be many).
 *
 * @param previous the window of equal length just before, or null when the window has no start
 */
public record ReportTables(ReportFilter filter, ReportFilter previous, ReportRows.Headline headline,
        ReportRows.Headline headlineBefore, List<BlockingDomain> blockingDomains, List<DomainChange> changes,
        List<ReportRows.Day> days, List<ProviderView> providers, List<ReportRows.SendingView> sendingIps,
        List<ReportRows.SendingView> senderDomains, List<ReportRows.ErrorPattern> errorPatterns,
        List<ReportRows.GroupCount> groups, List<ReportRows.IncomingRefusal> incoming,
        List<ReportRows.Unclassified> unclassified, List<ReportRows.InputFile> inputs,
        List<ReportRows.MalformedLine> malformed, Map<String, List<Long>> daily, List<LocalDate> sparkDays) {

    /** Runs the queries for a window and, when it has a start, for the window of equal length before it. */
    public static ReportTables query(ReportQueries q, ReportFilter filter, AdviceLookup lookup) {
        return query(q, filter, lookup, top -> { });
    }

    /**
     * {@link #query(ReportQueries, ReportFilter, AdviceLookup)}, handing the blocking domains, most
     * blocked first, to {@code blockingDomains} as soon as they are known (the briefs of the top ones
     * can be written while the other tables are queried).
     */
    public static ReportTables query(ReportQueries q, ReportFilter filter, AdviceLookup lookup,
            java.util.function.Consumer<List<BlockingDomain>> blockingDomains) {
        ReportFilter previous = null;
        if (filter.since() != null && filter.until() != null) {
            previous = new ReportFilter(filter.since().minus(java.time.Duration.between(filter.since(), filter.until())),
                    filter.since(), filter.domain(), filter.provider(), filter.category(), filter.exactDomain());
        }
        ReportFilter wide = previous == null ? filter : widen(filter, previous);
        Map<String, String> providerOf = providers(q, wide, lookup);
        List<BlockingDomain> now = withProviders(q.blockingDomains(filter), providerOf);
        blockingDomains.accept(now);
        ReportRows.Headline before = previous == null ? null : q.headline(previous);
        List<DomainResults> results = q.domainResults(filter);

        List<LocalDate> days = new ArrayList<>();
        Map<String, Map<LocalDate, Long>> byDomain = new HashMap<>();
        for (ReportRows.DomainDay d : q.domainDays(wide)) {
            byDomain.computeIfAbsent(d.domain(), k -> new TreeMap<>()).put(d.day(), d.blocked());
        }
        if (wide.since() != null && wide.until() != null) {
            for (LocalDate d = day(wide.since()); d.isBefore(day(wide.until().minusNanos(1)).plusDays(1));
                    d = d.plusDays(1)) {
                days.add(d);
            }
        } else {
            byDomain.values().forEach(m -> m.keySet().forEach(days::add));
            List<LocalDate> sorted = days.stream().distinct().sorted().toList();
            days.clear();
            if (!sorted.isEmpty()) {
                for (LocalDate d = sorted.get(0); !d.isAfter(sorted.get(sorted.size() - 1)); d = d.plusDays(1)) {
                    days.add(d);
                }
            }
        }
        Map<String, List<Long>> daily = new LinkedHashMap<>();
        new TreeMap<>(byDomain).forEach((domain, m) -> daily.put(domain,
                days.stream().map(d -> m.getOrDefault(d, 0L)).toList()));

        List<DomainChange> changes = new ArrayList<>();
        if (previous != null) {
            Map<String, BlockingDomain> was = withProviders(q.blockingDomains(previous), providerOf).stream()
                    .collect(Collectors.toMap(BlockingDomain::domain, d -> d));
            Map<String, DomainResults> res = results.stream().collect(Collectors.toMap(DomainResults::domain, d -> d));
            Set<String> blockedNow = now.stream().map(BlockingDomain::domain).collect(Collectors.toSet());
            for (BlockingDomain d : now) {
                if (!was.containsKey(d.domain())) {
                    changes.add(new DomainChange(d.domain(), d.provider(), "new", 0, d.blocked(), d.recipients(),
                            d.delivered(), daily.getOrDefault(d.domain(), List.of())));
                }
            }
            for (BlockingDomain d : was.values()) {
                DomainResults r = res.get(d.domain());
                if (!blockedNow.contains(d.domain()) && r != null && r.delivered() > 0) {
                    changes.add(new DomainChange(d.domain(), d.provider(), "resolved", d.blocked(), 0, r.recipients(),
                            r.delivered(), daily.getOrDefault(d.domain(), List.of())));
                }
            }
            changes.sort(Comparator.comparing(DomainChange::status)
                    .thenComparing(Comparator.comparingLong((DomainChange c) -> c.blockedNow() + c.blockedBefore())
                            .reversed())
                    .thenComparing(DomainChange::domain));
        }

        return new ReportTables(filter, previous, q.headline(filter), before, now, changes, q.days(filter),
                byProvider(results, now, providerOf, lookup), q.bySendingIp(filter), q.bySenderDomain(filter),
                q.errorPatterns(filter), q.outboundGroups(filter), q.incoming(filter), q.unclassified(filter),
                q.inputs(), q.malformed(20), daily, List.copyOf(days));
    }

    /** The provider of each domain: the one whose MX hosts gave the most results (ties by id). */
    static Map<String, String> providers(ReportQueries q, ReportFilter f, AdviceLookup lookup) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (ReportRows.MxHost h : q.mxHosts(f)) {
            String p = lookup.providerOf(h.host());
            counts.computeIfAbsent(h.domain(), k -> new TreeMap<>()).merge(p == null ? "" : p, h.results(), Long::sum);
        }
        Map<String, String> out = new HashMap<>();
        counts.forEach((domain, m) -> {
            String best = m.entrySet().stream()
                    .max(Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse("");
            if (!best.isEmpty()) {
                out.put(domain, best);
            }
        });
        return out;
    }

    private static List<BlockingDomain> withProviders(List<BlockingDomain> rows, Map<String, String> providerOf) {
        return rows.stream().map(d -> d.withProvider(providerOf.get(d.domain()))).toList();
    }

    private static List<ProviderView> byProvider(List<DomainResults> results, List<BlockingDomain> blocking,
            Map<String, String> providerOf, AdviceLookup lookup) {
        Set<String> blockingSet = blocking.stream().map(BlockingDomain::domain).collect(Collectors.toSet());
        Map<String, long[]> acc = new TreeMap<>();
        for (DomainResults r : results) {
            String p = providerOf.get(r.domain());
            long[] a = acc.computeIfAbsent(p == null ? "" : p, k -> new long[5]);
            a[0]++;
            a[1] += blockingSet.contains(r.domain()) ? 1 : 0;
            a[2] += r.recipients();
            a[3] += r.delivered();
            a[4] += r.blocked();
        }
        List<ProviderView> out = new ArrayList<>();
        acc.forEach((p, a) -> out.add(new ProviderView(p.isEmpty() ? "(own or unlisted MX)" : lookup.providerName(p),
                a[0], a[1], a[2], a[3], a[4], a[2] == 0 ? 0 : (double) a[4] / a[2])));
        out.sort(Comparator.comparingLong(ProviderView::blocked).reversed()
                .thenComparing(Comparator.comparingLong(ProviderView::recipients).reversed())
                .thenComparing(ProviderView::provider));
        return out;
    }

    private static ReportFilter widen(ReportFilter f, ReportFilter previous) {
        return new ReportFilter(previous.since(), f.until(), f.domain(), f.provider(), f.category(), f.exactDomain());
    }

    private static LocalDate day(java.time.Instant t) {
        return LocalDate.ofInstant(t, java.time.ZoneOffset.UTC);
    }
}

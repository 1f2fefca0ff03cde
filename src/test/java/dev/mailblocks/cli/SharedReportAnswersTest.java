package dev.mailblocks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportCache;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.ReportRows.BlockingDomain;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A domain's questions answered through a report run's {@link ReportCache} (from the answers for
 * every domain, or for all the top domains at once) give exactly what the same questions asked
 * alone give: the briefs and the dashboard's sections cannot tell which way they were answered.
 */
class SharedReportAnswersTest {

    @TempDir
    Path tmp;

    @Test
    void sharedAnswersAreTheAnswersAskedAlone() {
        Path db = tmp.resolve("db.duckdb");
        CliRunner.Result r = CliRunner.run(CliRunner.offline("run", "src/test/resources/golden/postfix/input", "--db",
                db.toString(), "--out", tmp.resolve("out").toString(), "--year", "2026", "--timezone", "UTC"));
        assertEquals(0, r.exit(), r.err());
        try (EventStore store = EventStore.open(db)) {
            for (Instant since : new Instant[] {null, Instant.parse("2026-12-30T00:00:00Z")}) {
                ReportFilter all = new ReportFilter(since, null, null, null, null);
                ReportCache cache = new ReportCache();
                ReportQueries shared = store.queries().sharing(cache);
                List<BlockingDomain> top = shared.blockingDomains(all);
                shared.mxHosts(all);
                List<String> domains = top.stream().map(BlockingDomain::domain).limit(3).toList();
                cache.expect(domains);
                if (since == null) {
                    assertFalse(domains.isEmpty(), "the golden Postfix input has blocking domains");
                }
                // the domains shown, one that is not, and one that is not in the store at all
                List<String> asked = new java.util.ArrayList<>(domains);
                asked.add(top.size() > 3 ? top.get(3).domain() : "not-blocking.example");
                asked.add("nowhere.example");
                for (String d : asked) {
                    ReportFilter f = ReportFilter.exactly(since, null, d);
                    ReportQueries alone = store.queries();
                    assertEquals(alone.blockingDomains(f), shared.blockingDomains(f), d);
                    assertEquals(alone.mxHosts(f), shared.mxHosts(f), d);
                    assertEquals(alone.lastDelivered(f), shared.lastDelivered(f), d);
                    for (int limit : new int[] {1, 3, 50, ReportQueries.SHARED_REFUSALS}) {
                        for (boolean policy : new boolean[] {true, false}) {
                            assertEquals(alone.refusals(f, limit, policy), shared.refusals(f, limit, policy),
                                    d + " " + limit + " " + policy);
                        }
                    }
                    for (String what : List.of("quoted_ip", "reporting_host", "sender_domain", "remote")) {
                        assertEquals(alone.refusalsBy(f, what), shared.refusalsBy(f, what), d + " " + what);
                    }
                }
            }
        }
    }
}

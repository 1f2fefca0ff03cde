package dev.mailblocks.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.pipeline.IngestConfig;
import dev.mailblocks.pipeline.Ingestion;
import dev.mailblocks.source.Input;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-recipient aggregate of a large window runs in parts, a bucket of recipient keys each:
 * every report table reads the same from it as from one part.
 */
class RecipientPartsTest {

    @TempDir
    Path dir;

    private static final Classifier CLASSIFIER = new Classifier(CatalogueLoader.load(null));

    /**
     * Messages of one or two recipients over four domains: some deferred then sent, some deferred
     * then bounced, some refused by policy, some sent at once; a few deferred and never finished.
     */
    private static String log() {
        StringBuilder b = new StringBuilder();
        String[] domains = {"a.example", "b.example", "c.example", "d.example"};
        for (int m = 0; m < 150; m++) {
            String q = String.format("Q%05X", m);
            int minute = m / 10;
            b.append(String.format("Dec 30 09:%02d:00 out1 postfix/qmgr[2]: %s: from=<news@s%d.example>, size=900,"
                    + " nrcpt=2 (queue active)%n", minute, q, m % 3));
            for (int r = 0; r < 1 + m % 2; r++) {
                String to = "u" + m + "r" + r + "@" + domains[(m + r) % 4];
                String relay = "mx." + domains[(m + r) % 4] + "[192.0.2." + (10 + (m + r) % 4) + "]:25";
                int kind = (m * 7 + r) % 6;
                if (kind <= 2) {
                    b.append(String.format("Dec 30 09:%02d:01 out1 postfix/smtp[3]: %s: to=<%s>, relay=%s, delay=1,"
                            + " delays=0/0/0/1, dsn=4.7.0, status=deferred (host %s said: 421 4.7.0 [TSS04] Messages from"
                            + " 198.51.100.7 temporarily deferred)%n", minute, q, to, relay, relay.replace(":25", "")));
                }
                String last = switch (kind) {
                    case 0, 3 -> "dsn=2.0.0, status=sent (250 2.0.0 OK)";
                    case 1 -> "dsn=5.7.1, status=bounced (host " + relay.replace(":25", "")
                            + " said: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org)";
                    case 4 -> "dsn=5.1.1, status=bounced (host " + relay.replace(":25", "") + " said: 550 5.1.1 <" + to
                            + ">: Recipient address rejected: User unknown)";
                    case 5 -> "dsn=5.7.1, status=bounced (host " + relay.replace(":25", "")
                            + " said: 550 5.7.1 Message rejected due to content restrictions)";
                    default -> null; // deferred, never finished in this log
                };
                if (last != null) {
                    b.append(String.format("Dec 30 09:%02d:30 out1 postfix/smtp[3]: %s: to=<%s>, relay=%s, delay=1,"
                            + " delays=0/0/0/1, %s%n", minute, q, to, relay, last));
                }
            }
        }
        return b.toString();
    }

    @Test
    void theReportTablesReadTheSameFromOnePartAsFromMany() throws IOException {
        Path db = ingested();
        try (EventStore store = EventStore.open(db)) {
            ReportFilter all = ReportFilter.all();
            ReportFilter one = new ReportFilter(null, null, "b.example", null, null);
            String whole = answers(store.queries(), all) + answers(store.queries(), one);
            assertTrue(whole.contains("b.example"), whole);
            for (long rows : new long[] {1, 2, 7, 50, 1000}) {
                assertEquals(whole, answers(store.queries().inParts(rows), all) + answers(store.queries().inParts(rows), one),
                        "parts of " + rows + " rows");
            }
        }
    }

    @Test
    void recipientsCountedInTwoStepsAreTheDistinctRecipients() throws IOException, java.sql.SQLException {
        Path db = ingested();
        try (EventStore store = EventStore.open(db)) {
            // what the queries counted with count(DISTINCT rkey) before: each pattern's and group's recipients
            String rkey = DeliveredCounts.recipientHash("");
            java.util.Map<String, Long> byPattern = counts(store, "SELECT pattern_id, count(DISTINCT " + rkey + ") FROM events"
                    + " WHERE direction = 'outbound' AND recipient_domain IS NOT NULL AND outcome <> 'delivered'"
                    + " AND pattern_id <> 'unclassified' GROUP BY 1");
            java.util.Map<String, Long> byGroup = counts(store, "SELECT coalesce(nullif(grp, ''), 'unclassified'), count(DISTINCT "
                    + rkey + ") FROM events WHERE direction = 'outbound' AND recipient_domain IS NOT NULL"
                    + " AND outcome <> 'delivered' GROUP BY 1");
            ReportQueries q = store.queries();
            java.util.Map<String, Long> patterns = new java.util.HashMap<>();
            q.errorPatterns(ReportFilter.all()).forEach(p -> patterns.put(p.patternId(), p.recipients()));
            java.util.Map<String, Long> groups = new java.util.HashMap<>();
            q.outboundGroups(ReportFilter.all()).forEach(g -> groups.put(g.group(), g.recipients()));
            assertEquals(byPattern, patterns);
            assertEquals(byGroup, groups);
            assertTrue(byGroup.get("policy") > 0 && byPattern.size() >= 3, byPattern.toString());
        }
    }

    @Test
    void aQueryOutOfMemoryOnOneThreadTooSaysHowToGiveDuckDbMoreAndGivesBackItsThreads() throws IOException,
            java.sql.SQLException {
        Path db = ingested();
        try (EventStore store = EventStore.open(db)) {
            ReportQueries q = store.queries();
            q.domainResults(ReportFilter.all()); // the per-recipient tables, made with room
            String threads = counts(store, "SELECT current_setting('threads'), 0").keySet().iterator().next();
            // the least limit DuckDB takes with the tables it holds: the query fails on two threads, then on one
            boolean set = false;
            for (String limit : List.of("256KB", "512KB", "1MB", "2MB", "4MB", "8MB")) {
                try (java.sql.Statement st = store.connection().createStatement()) {
                    st.execute("SET memory_limit = '" + limit + "'");
                    set = true;
                    break;
                } catch (java.sql.SQLException e) {
                    // more than it can free: a larger one
                }
            }
            assertTrue(set);
            StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                    () -> q.errorPatterns(ReportFilter.all()));
            assertTrue(e.getMessage().contains("Out of Memory") && e.getMessage().contains("MAILBLOCKS_DUCKDB_MEMORY"),
                    e.getMessage());
            assertEquals(threads, counts(store, "SELECT current_setting('threads'), 0").keySet().iterator().next());
        }
    }

    private Path ingested() throws IOException {
        Path log = dir.resolve("maillog");
        Files.writeString(log, log());
        Path db = dir.resolve("s.duckdb");
        try (EventStore store = EventStore.open(db).keepEveryRow()) {
            IngestConfig config = new IngestConfig(List.of(log.toString()), db, null, "auto", ZoneOffset.UTC, 2026, List.of());
            assertEquals("read", new Ingestion(config, CLASSIFIER, store).ingest(new Input(log.toString(), log)).status());
        }
        return db;
    }

    private static java.util.Map<String, Long> counts(EventStore store, String sql) throws java.sql.SQLException {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        try (java.sql.Statement st = store.connection().createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static String answers(ReportQueries q, ReportFilter f) {
        return String.join("\n", q.blockingDomains(f).toString(), q.domainResults(f).toString(), q.headline(f).toString(),
                q.days(f).toString(), q.domainDays(f).toString(), q.bySenderDomain(f).toString(),
                q.bySendingIp(f).toString(), q.errorPatterns(f).toString(), q.outboundGroups(f).toString());
    }
}

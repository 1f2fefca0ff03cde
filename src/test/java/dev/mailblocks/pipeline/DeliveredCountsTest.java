package dev.mailblocks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.model.Category;
import dev.mailblocks.report.SuppressionList;
import dev.mailblocks.source.Input;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivered results folded into counts change no report figure (design.md "Counting"): the same
 * inputs read into a store that folds after each run and one that never folds give the same
 * figures, whatever the order in which a (message, recipient)'s results arrive.
 */
class DeliveredCountsTest {

    @TempDir
    Path dir;

    private static final Classifier CLASSIFIER = new Classifier(CatalogueLoader.load(null));

    private static String result(String time, String qid, String rcpt, String status) {
        String domain = rcpt.substring(rcpt.indexOf('@') + 1);
        String said = switch (status) {
            case "deferred" -> "4.7.0, status=deferred (host mx." + domain + "[192.0.2.25] said: 421 4.7.0 [TSS04] Messages from"
                    + " 198.51.100.7 temporarily deferred due to unexpected volume or user complaints (in reply to MAIL FROM command))";
            case "blocked" -> "5.7.1, status=bounced (host mx." + domain + "[192.0.2.25] said: 554 5.7.1 Service unavailable;"
                    + " Client host [198.51.100.7] blocked using zen.spamhaus.org (in reply to RCPT TO command))";
            case "unknown" -> "5.1.1, status=bounced (host mx." + domain + "[192.0.2.25] said: 550 5.1.1 <" + rcpt
                    + ">: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))";
            default -> "2.0.0, status=sent (250 2.0.0 OK 1798503922 queued as " + qid + " [192.0.2.9])";
        };
        return "Dec " + time + " out1 postfix/smtp[4401]: " + id(qid) + ": to=<" + rcpt + ">, relay=mx." + domain
                + "[192.0.2.25]:25, delay=1.2, delays=0.2/0.02/0.37/0.64, dsn=" + said + "\n";
    }

    /** A Postfix queue id for a short label ({@code A1} becomes {@code 4E5CC68A01}). */
    private static String id(String label) {
        return "4E5CC68" + label.charAt(0) + "0" + label.substring(1);
    }

    private static String qmgr(String time, String qid, String sender) {
        return "Dec " + time + " out1 postfix/qmgr[2211]: " + id(qid) + ": from=<" + sender + ">, size=4080, nrcpt=1 (queue active)\n";
    }

    private void write(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("", lines));
    }

    private void ingest(Path db, boolean fold, String... files) {
        try (EventStore store = fold ? EventStore.open(db) : EventStore.open(db).keepEveryRow()) {
            IngestConfig config = new IngestConfig(List.of(files), db, null, "auto", ZoneOffset.UTC, 2026, List.of());
            Ingestion ingestion = new Ingestion(config, CLASSIFIER, store);
            for (String f : files) {
                assertTrue(List.of("read", "resumed").contains(ingestion.ingest(new Input(f, dir.resolve(f))).status()), f);
            }
            if (fold) {
                store.foldDelivered();
            }
        }
    }

    /** Every figure the reports show, over the whole store and over a window. */
    private static String figures(Path db) {
        StringBuilder b = new StringBuilder();
        try (EventStore store = EventStore.open(db)) {
            ReportQueries q = store.queries();
            for (ReportFilter f : List.of(ReportFilter.all(), new ReportFilter(Instant.parse("2026-12-30T00:00:00Z"),
                    Instant.parse("2027-01-01T00:00:00Z"), null, null, null, false))) {
                b.append(q.headline(f)).append('\n').append(q.blockingDomains(f)).append('\n').append(q.domainResults(f))
                        .append('\n').append(q.days(f)).append('\n').append(q.domainDays(f)).append('\n')
                        .append(q.bySenderDomain(f)).append('\n').append(q.bySendingIp(f)).append('\n').append(q.mxHosts(f))
                        .append('\n').append(q.errorPatterns(f)).append('\n').append(q.outboundGroups(f)).append('\n')
                        .append(q.suppressions(f, SuppressionList.CATEGORIES.stream().map(Category::id).toList()))
                        .append('\n').append(q.lastDelivered(f)).append('\n').append(java.util.Arrays.toString(q.period(f)))
                        .append('\n');
            }
            b.append(q.newestEvent());
        }
        return b.toString();
    }

    private static long count(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void foldingChangesNoFigureWhateverTheOrderOfAMessagesResults() throws IOException, SQLException {
        // day 1: a deferral delivered later in the same file; plain deliveries; a bounce for an unknown user
        write("day1.log",
                qmgr("30 08:00:00", "A1", "news@example.com"),
                result("30 08:00:01", "A1", "ann@x.example", "deferred"),
                qmgr("30 08:00:02", "A2", "news@example.com"),
                result("30 08:00:03", "A2", "bob@x.example", "sent"),
                qmgr("30 08:00:04", "A3", "Billing <billing@example.net>"),
                result("30 08:00:05", "A3", "cat@y.example", "sent"),
                result("30 09:00:01", "A1", "ann@x.example", "sent"),
                qmgr("30 09:10:00", "A4", "news@example.com"),
                result("30 09:10:01", "A4", "dan@x.example", "deferred"),
                qmgr("30 09:20:00", "A5", "news@example.com"),
                result("30 09:20:01", "A5", "eve@y.example", "unknown"),
                qmgr("30 09:30:00", "A6", "news@example.com"),
                result("30 09:30:01", "A6", "fay@y.example", "blocked"));
        // day 2, read in a later run: the deferral of day 1 delivered; a delivery to the unknown user
        // (after the bounce: not a suppression any more); a recipient blocked then delivered
        write("day2.log",
                result("31 07:00:01", "A4", "dan@x.example", "sent"),
                qmgr("31 07:10:00", "B1", "news@example.com"),
                result("31 07:10:01", "B1", "eve@y.example", "sent"),
                qmgr("31 07:20:00", "B2", "news@example.com"),
                result("31 07:20:01", "B2", "gus@x.example", "blocked"),
                result("31 08:20:01", "B2", "gus@x.example", "sent"),
                qmgr("31 08:30:00", "B3", "news@example.com"),
                result("31 08:30:01", "B3", "hal@z.example", "sent"),
                result("31 08:30:02", "B3", "hal@z.example", "sent"));
        // read first in the same run as day4 (name order of a folder: mail.log before mail.log.1):
        // the delivery comes before the deferral it ends
        write("day3-newer.log",
                result("31 12:00:01", "C1", "ivy@x.example", "sent"),
                qmgr("31 12:10:00", "C2", "news@example.com"),
                result("31 12:10:01", "C2", "jon@y.example", "sent"));
        write("day3-older.log",
                qmgr("31 10:00:00", "C1", "news@example.com"),
                result("31 10:00:01", "C1", "ivy@x.example", "deferred"));

        Path rows = dir.resolve("rows.duckdb");
        ingest(rows, false, "day1.log", "day2.log", "day3-newer.log", "day3-older.log");
        Path folded = dir.resolve("folded.duckdb");
        ingest(folded, true, "day1.log");
        ingest(folded, true, "day2.log");
        ingest(folded, true, "day3-newer.log", "day3-older.log");

        assertEquals(figures(rows), figures(folded));
        assertEquals(16, count(rows, "SELECT count(*) FROM events"), "every result is read");
        // folded: bob, cat, jon; kept: ann, dan, gus, hal twice, ivy (another result of theirs), eve (bounced before)
        assertEquals(3, count(folded, "SELECT sum(results) FROM delivered_counts"));
        assertEquals(7, count(folded, "SELECT count(*) FROM events WHERE outcome = 'delivered'"));
        assertEquals(10, count(rows, "SELECT count(*) FROM events WHERE outcome = 'delivered'"));
        String f = figures(folded);
        assertTrue(f.contains("Headline[recipients=11, delivered=9, blocked=5"), f);
    }

    @Test
    void aBounceKeepsLaterOutboundDeliveriesToItsRecipientButNotInboundOnes() throws IOException, SQLException {
        // kim@x.example bounced once (outbound), then got our mail; the same address also receives mail
        // here (a local delivery, inbound): only the outbound delivery is needed as a row
        String local = "Dec 30 11:00:02 out1 postfix/lmtp[5120]: " + id("D3") + ": to=<kim@x.example>, relay=mail.x.example"
                + "[private/dovecot-lmtp], delay=0.1, delays=0.05/0/0.02/0.03, dsn=2.0.0, status=sent (250 2.0.0 <kim@x.example>"
                + " Saved)\n";
        write("day1.log",
                qmgr("30 10:00:00", "D1", "news@example.com"),
                result("30 10:00:01", "D1", "kim@x.example", "unknown"),
                qmgr("30 10:30:00", "D2", "news@example.com"),
                result("30 10:30:01", "D2", "kim@x.example", "sent"),
                qmgr("30 11:00:00", "D3", "friend@z.example"),
                local,
                qmgr("30 11:10:00", "D4", "news@example.com"),
                result("30 11:10:01", "D4", "lee@x.example", "sent"));
        Path rows = dir.resolve("rows.duckdb");
        ingest(rows, false, "day1.log");
        Path folded = dir.resolve("folded.duckdb");
        ingest(folded, true, "day1.log");
        assertEquals(figures(rows), figures(folded));
        assertEquals(1, count(folded, "SELECT count(*) FROM events WHERE outcome = 'delivered'"), "kim's outbound delivery");
        assertEquals(1, count(folded, "SELECT count(*) FROM events WHERE outcome = 'delivered' AND direction = 'outbound'"
                + " AND recipient = 'kim@x.example'"));
        assertEquals(2, count(folded, "SELECT sum(results) FROM delivered_counts"), "lee's, and kim's inbound one");
        assertEquals(1, count(folded, "SELECT sum(results) FROM delivered_counts WHERE direction = 'inbound'"));
    }

    @Test
    void overlappingExportsCountEachRowOnceAfterTheirDeliveriesAreFolded() throws IOException, SQLException {
        String header = "Date,Email Address,Sender,Subject,Status,Tags,Opens,Clicks,Bounce Detail\n";
        String a = "2026-12-29 02:10:20,amy@x.example,news@example.com,Statement,sent,,0,0,\n";
        String b = "2026-12-29 02:54:14,ben@y.example,news@example.com,Statement,sent,,0,0,\n";
        String c = "2026-12-29 03:37:49,cy@x.example,news@example.com,Statement,bounced,,0,0,smtp;550 5.1.1 <cy@x.example>:"
                + " Recipient address rejected: User unknown in virtual mailbox table\n";
        String d = "2026-12-29 05:59:04,dee@z.example,news@example.com,Statement,sent,,0,0,\n";
        write("export-1.csv", header, a, b, c);
        write("export-2.csv", header, b, c, d);
        Path rows = dir.resolve("rows.duckdb");
        ingest(rows, false, "export-1.csv", "export-2.csv");
        Path folded = dir.resolve("folded.duckdb");
        ingest(folded, true, "export-1.csv");
        ingest(folded, true, "export-2.csv");
        assertEquals(figures(rows), figures(folded));
        assertEquals(3, count(folded, "SELECT sum(results) FROM delivered_counts"));
        assertEquals(3, count(folded, "SELECT count(*) FROM row_keys"));
        String f = figures(folded);
        assertTrue(f.contains("Headline[recipients=4, delivered=3"), f);
        // both exports in one run, the second repeating a row of its own: held back, and each counted once
        write("export-3.csv", header, b, d, d);
        Path oneRun = dir.resolve("one-run.duckdb");
        ingest(oneRun, true, "export-1.csv", "export-2.csv", "export-3.csv");
        assertEquals(figures(rows), figures(oneRun));
        assertEquals(3, count(oneRun, "SELECT sum(results) FROM delivered_counts"));
        assertEquals(3, count(oneRun, "SELECT count(*) FROM row_keys"));
        assertEquals(0, count(oneRun, "SELECT count(*) FROM events WHERE outcome = 'delivered'"));
    }

    @Test
    void aDeliveryIsKeptWhenItsRecipientBouncedWhicheverFileIsReadFirst() throws IOException, SQLException {
        // mail.log (newer) is read before mail.log.1 (older): mo's bounce is read after the delivery that
        // follows it, and nat's delivery, which comes before nat's bounce, is read before it
        write("mail.log",
                qmgr("31 10:00:00", "E1", "news@example.com"),
                result("31 10:00:01", "E1", "mo@x.example", "sent"),
                qmgr("31 10:10:00", "E2", "news@example.com"),
                result("31 10:10:01", "E2", "nat@y.example", "unknown"));
        write("mail.log.1",
                qmgr("30 10:00:00", "E3", "news@example.com"),
                result("30 10:00:01", "E3", "mo@x.example", "unknown"),
                qmgr("30 10:10:00", "E4", "news@example.com"),
                result("30 10:10:01", "E4", "nat@y.example", "sent"),
                qmgr("30 10:20:00", "E5", "news@example.com"),
                result("30 10:20:01", "E5", "ola@z.example", "sent"));
        Path rows = dir.resolve("rows.duckdb");
        ingest(rows, false, "mail.log", "mail.log.1");
        Path folded = dir.resolve("folded.duckdb");
        ingest(folded, true, "mail.log", "mail.log.1");
        assertEquals(figures(rows), figures(folded));
        // mo's delivery after mo's bounce cancels the suppression; nat's, before nat's bounce, may matter to a
        // window that ends before it (DeliveredCountsEdgeTest): both stay rows, mo's found only at the run's
        // end (its bounce is in the older file, read second); ola has no other result and is counted
        assertEquals(1, count(folded, "SELECT count(*) FROM events WHERE outcome = 'delivered' AND recipient = 'mo@x.example'"));
        assertEquals(2, count(folded, "SELECT count(*) FROM events WHERE outcome = 'delivered'"));
        assertEquals(1, count(folded, "SELECT sum(results) FROM delivered_counts"));
        String f = figures(folded);
        assertTrue(f.contains("nat@y.example") && !f.contains("Suppression[recipient=mo@x.example"), f);
    }
}

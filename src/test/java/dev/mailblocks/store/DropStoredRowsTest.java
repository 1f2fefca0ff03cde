package dev.mailblocks.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.pipeline.IngestConfig;
import dev.mailblocks.pipeline.InputOutcome;
import dev.mailblocks.pipeline.Ingestion;
import dev.mailblocks.source.Input;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search for an export's rows stored before ({@link InputBatch#dropStoredRows}), at once and in parts (a
 * bucket of the keys' hash each): overlapping exports and rows repeated in one, lines of several rows (seq
 * above 0), which of two rows with one key is kept (the first), a held and a written row of one key in one
 * input, and keys folded by an earlier run ({@code row_keys}).
 */
class DropStoredRowsTest {

    @TempDir
    Path dir;

    private static final Classifier CLASSIFIER = new Classifier(CatalogueLoader.load(null));
    private static final String HEADER = "Date,Email Address,Sender,Subject,Status,Tags,Opens,Clicks,Bounce Detail\n";

    /** Row {@code i} of a Mandrill export: every fifth a bounce, the others sent. */
    private static String row(int i) {
        String to = "u" + i + "@d" + (i % 7) + ".example";
        String time = String.format("2026-12-29 %02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60);
        return i % 5 == 0
                ? time + "," + to + ",news@example.com,Statement,bounced,,0,0,smtp;550 5.1.1 <" + to + ">: Recipient address"
                        + " rejected: User unknown in virtual mailbox table\n"
                : time + "," + to + ",news@example.com,Statement,sent,,0,0,\n";
    }

    /** An export of rows {@code from .. to - 1}, with rows {@code again} written a second time at its end. */
    private void export(String name, int from, int to, int... again) throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = from; i < to; i++) {
            b.append(row(i));
        }
        for (int i : again) {
            b.append(row(i));
        }
        Files.writeString(dir.resolve(name), b);
    }

    private static final long[] PARTS = {1, 2, 3, InputBatch.DROP_PART_ROWS};

    /** An SES bounce notification of message {@code id}, one recipient per {@code to}, each with {@code why}. */
    private static String bounce(String id, String time, String why, String... to) {
        StringBuilder r = new StringBuilder();
        for (String t : to) {
            r.append(r.isEmpty() ? "" : ",").append("{\"emailAddress\":\"").append(t).append("\",\"action\":\"failed\","
                    + "\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 <").append(t).append(">: Recipient address"
                    + " rejected: User unknown in virtual mailbox table (").append(why).append(")\"}");
        }
        return "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\","
                + "\"bouncedRecipients\":[" + r + "],\"timestamp\":\"" + time + "\",\"reportingMTA\":\"dsn; a1.amazonses.com\"},"
                + "\"mail\":{\"timestamp\":\"" + time + "\",\"source\":\"news@example.com\",\"messageId\":\"" + id + "\","
                + "\"destination\":[]}}\n";
    }

    /** An SES delivery notification of message {@code id} to {@code to}. */
    private static String delivery(String id, String time, String... to) {
        return "{\"notificationType\":\"Delivery\",\"delivery\":{\"timestamp\":\"" + time + "\",\"recipients\":[\""
                + String.join("\",\"", to) + "\"],\"smtpResponse\":\"250 2.0.0 OK\",\"reportingMTA\":\"a1.amazonses.com\"},"
                + "\"mail\":{\"timestamp\":\"" + time + "\",\"source\":\"news@example.com\",\"messageId\":\"" + id + "\","
                + "\"destination\":[]}}\n";
    }

    /** One run over {@code files} into {@code db}, searching in parts of {@code partRows}; what it left out. */
    private List<String> run(Path db, long partRows, String... files) {
        List<String> out = new ArrayList<>();
        try (EventStore store = EventStore.open(db)) {
            store.dropPartRows = partRows;
            Ingestion ingestion = new Ingestion(new IngestConfig(List.of(files), db, null, "auto", ZoneOffset.UTC, 2026,
                    List.of()), CLASSIFIER, store);
            for (String f : files) {
                InputOutcome o = ingestion.ingest(new Input(f, dir.resolve(f)));
                out.add(f + " " + o.status() + " " + o.counts().events() + " events, " + o.storedBefore() + " lines left out");
            }
            store.foldDelivered();
        }
        return out;
    }

    private static List<String> rows(Path db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (EventStore store = EventStore.open(db); Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void overlappingExportsAreStoredOnceWhetherSearchedAtOnceOrInParts() throws IOException, SQLException {
        export("week-1.csv", 0, 300, 10, 11, 250);        // three rows twice in the file itself
        export("week-2.csv", 200, 500, 499);             // rows 200-299 again, and one of its own twice
        export("month.csv", 0, 600);                      // everything again, and 100 rows more
        for (long part : new long[] {InputBatch.DROP_PART_ROWS, 1, 7, 64}) {
            Path db = dir.resolve("overlap-" + part + ".duckdb");
            assertEquals(List.of("week-1.csv read 300 events, 3 lines left out", "week-2.csv read 200 events, 101 lines left out",
                    "month.csv read 100 events, 500 lines left out"), run(db, part, "week-1.csv", "week-2.csv", "month.csv"),
                    "parts of " + part);
            // 600 rows in all: the 120 bounces stay rows (one per key), the 480 deliveries are counted
            assertEquals(List.of("120 | 120 | 480 | 480"), rows(db, "SELECT (SELECT count(*) FROM events),"
                    + " (SELECT count(DISTINCT row_key) FROM events), (SELECT sum(results) FROM delivered_counts),"
                    + " (SELECT count(*) FROM row_keys)"), "parts of " + part);
        }
    }

    @Test
    void linesOfSeveralRowsKeepTheFirstRowOfEachKey() throws IOException, SQLException {
        Files.writeString(dir.resolve("ses.jsonl"), bounce("m1", "2026-12-29T01:00:00Z", "first", "a@x.example",
                "b@x.example", "c@x.example")
                + bounce("m2", "2026-12-29T02:00:00Z", "first", "d@x.example")
                + bounce("m1", "2026-12-29T01:00:00Z", "again", "c@x.example", "b@x.example", "e@x.example")
                + bounce("m1", "2026-12-29T01:00:00Z", "third", "a@x.example"));
        for (long part : PARTS) {
            Path db = dir.resolve("ses-" + part + ".duckdb");
            assertEquals(List.of("ses.jsonl read 5 events, 1 lines left out"), run(db, part, "ses.jsonl"), "parts of " + part);
            assertEquals(List.of(
                    "1 | 0 | a@x.example | first", "1 | 1 | b@x.example | first", "1 | 2 | c@x.example | first",
                    "2 | 0 | d@x.example | first", "3 | 2 | e@x.example | again"),
                    rows(db, "SELECT line, seq, recipient, regexp_extract(message, '\\((\\w+)\\)', 1) FROM events"
                            + " ORDER BY line, seq"), "parts of " + part);
        }
    }

    @Test
    void aHeldRowAndALaterWrittenRowOfOneKeyKeepTheHeldOne() throws IOException, SQLException {
        // line 1: a delivery, held (no partner yet); line 2: a bounce to the same recipient (a partner, written);
        // line 3: line 1 again, now written as a row since its partner is: the row of line 3 is left out
        Files.writeString(dir.resolve("ses.jsonl"), delivery("m1", "2026-12-29T01:00:00Z", "x@y.example")
                + bounce("m2", "2026-12-29T02:00:00Z", "first", "x@y.example")
                + delivery("m1", "2026-12-29T01:00:00Z", "x@y.example"));
        List<String> expected = null;
        for (long part : PARTS) {
            Path db = dir.resolve("held-" + part + ".duckdb");
            List<String> got = new ArrayList<>(run(db, part, "ses.jsonl"));
            got.addAll(rows(db, "SELECT line, seq, outcome FROM events ORDER BY line, seq"));
            got.addAll(rows(db, "SELECT coalesce(sum(results), 0) FROM delivered_counts"));
            if (expected == null) {
                expected = got;
                assertEquals("ses.jsonl read 2 events, 1 lines left out", got.get(0));
                // the delivery kept is line 1's (a row or counted, but line 3's is not stored)
                assertEquals(0, got.stream().filter(s -> s.startsWith("3 | ")).count(), got.toString());
                assertEquals(1, got.stream().filter(s -> s.startsWith("1 | ") || s.equals("1")).count(), got.toString());
            }
            assertEquals(expected, got, "parts of " + part);
        }
    }

    @Test
    void rowsFoldedByAnEarlierRunAreLeftOutWhetherSearchedAtOnceOrInParts() throws IOException, SQLException {
        export("week.csv", 0, 300);
        export("month.csv", 150, 600);            // rows 150-299 again: 120 deliveries folded, 30 bounces
        for (long part : PARTS) {
            Path db = dir.resolve("runs-" + part + ".duckdb");
            assertEquals(List.of("week.csv read 300 events, 0 lines left out"), run(db, part, "week.csv"));
            assertEquals(List.of("month.csv read 300 events, 150 lines left out"), run(db, part, "month.csv"),
                    "parts of " + part);
            assertEquals(List.of("120 | 120 | 480 | 480"), rows(db, "SELECT (SELECT count(*) FROM events),"
                    + " (SELECT count(DISTINCT row_key) FROM events), (SELECT sum(results) FROM delivered_counts),"
                    + " (SELECT count(*) FROM row_keys)"), "parts of " + part);
        }
    }
}

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
 * Overlapping ESP exports read in one run: each row is stored once, whether the search for rows stored
 * before reads an input's keys at once or in parts (a bucket of their hash each).
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

    /** Reads the exports into a new store, in one run, searching in parts of at most {@code partRows} keyed rows. */
    private List<String> ingest(String db, long partRows, String... files) throws SQLException {
        List<String> out = new ArrayList<>();
        try (EventStore store = EventStore.open(dir.resolve(db))) {
            store.dropPartRows = partRows;
            IngestConfig config = new IngestConfig(List.of(files), dir.resolve(db), null, "auto", ZoneOffset.UTC, 2026,
                    List.of());
            Ingestion ingestion = new Ingestion(config, CLASSIFIER, store);
            for (String f : files) {
                InputOutcome o = ingestion.ingest(new Input(f, dir.resolve(f)));
                out.add(f + " " + o.status() + " " + o.counts().events() + " events, " + o.storedBefore() + " left out");
            }
            store.foldDelivered();
            try (Statement st = store.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM events),"
                            + " (SELECT count(DISTINCT row_key) FROM events), (SELECT sum(results) FROM delivered_counts),"
                            + " (SELECT count(*) FROM row_keys)")) {
                rs.next();
                out.add("rows " + rs.getLong(1) + ", distinct keys " + rs.getLong(2) + ", delivered counted "
                        + rs.getLong(3) + ", keys of counted rows " + rs.getLong(4));
            }
        }
        return out;
    }

    @Test
    void overlappingExportsAreStoredOnceWhetherSearchedAtOnceOrInParts() throws IOException, SQLException {
        export("week-1.csv", 0, 300, 10, 11, 250);        // three rows twice in the file itself
        export("week-2.csv", 200, 500, 499);             // rows 200-299 again, and one of its own twice
        export("month.csv", 0, 600);                      // everything again, and 100 rows more
        List<String> atOnce = ingest("once.duckdb", InputBatch.DROP_PART_ROWS, "week-1.csv", "week-2.csv", "month.csv");
        assertEquals(List.of(
                "week-1.csv read 300 events, 3 left out",
                "week-2.csv read 200 events, 101 left out",
                "month.csv read 100 events, 500 left out",
                // 600 rows in all: the 120 bounces stay rows, the 480 deliveries are counted
                "rows 120, distinct keys 120, delivered counted 480, keys of counted rows 480"), atOnce);
        for (long part : new long[] {1, 7, 64}) {
            assertEquals(atOnce, ingest("parts-" + part + ".duckdb", part, "week-1.csv", "week-2.csv", "month.csv"),
                    "parts of " + part + " rows");
        }
    }
}

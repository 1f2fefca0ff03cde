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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events export sorts a slice of time at a time: in the order one sort gives, whatever the slices. */
class EventsExportSliceTest {

    @TempDir
    Path dir;

    private static final Classifier CLASSIFIER = new Classifier(CatalogueLoader.load(null));

    /**
     * A log of bounces and deferrals, several to a second (so that a slice boundary falls inside a
     * second), a few seconds apart, with a delivery between them that the export leaves out.
     */
    private static String log(int day, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            int second = i / 4; // four results a second
            String status = i % 5 == 0 ? "sent (250 2.0.0 OK)"
                    : i % 5 == 1 ? "deferred (host mx.y.example[192.0.2.26] said: 421 4.7.0 [TSS04] try later)"
                            : "bounced (host mx.y.example[192.0.2.26] said: 550 5.1.1 <u" + i + "@y.example>: User unknown)";
            b.append(String.format("Dec %2d 08:%02d:%02d out1 postfix/smtp[4401]: Q%05X: to=<u%d@y.example>,"
                    + " relay=mx.y.example[192.0.2.26]:25, delay=1, delays=0/0/0/1, dsn=%s, status=%s%n", day,
                    second / 60 % 60, second % 60, i, i, i % 5 == 0 ? "2.0.0" : i % 5 == 1 ? "4.7.0" : "5.1.1", status));
        }
        return b.toString();
    }

    private List<String> export(EventStore store, int sliceRows) {
        List<String> out = new ArrayList<>();
        store.queries().events(ReportFilter.all(), e -> out.add(e.toString()), sliceRows);
        return out;
    }

    @Test
    void everySliceSizeGivesTheOrderOfOneSort() throws IOException, java.sql.SQLException {
        // two files whose times interleave: the second read holds the earlier and the later times
        Path a = dir.resolve("maillog");
        Files.writeString(a, log(30, 200, 400));
        Path b = dir.resolve("maillog.1");
        Files.writeString(b, log(30, 0, 200) + log(31, 0, 120));
        try (EventStore store = EventStore.open(dir.resolve("s.duckdb"))) {
            for (Path p : List.of(a, b)) {
                IngestConfig config = new IngestConfig(List.of(p.toString()), dir.resolve("s.duckdb"), null, "auto",
                        ZoneOffset.UTC, 2026, List.of());
                assertEquals("read", new Ingestion(config, CLASSIFIER, store).ingest(new Input(p.toString(), p)).status());
            }
            List<String> whole = export(store, Integer.MAX_VALUE);
            assertEquals(4 * 520 / 5, whole.size(), "every bounce and deferral, no delivery");
            List<ReportRows.Event> events = new ArrayList<>();
            store.queries().events(ReportFilter.all(), events::add, 1);
            for (int i = 1; i < events.size(); i++) {
                Instant before = events.get(i - 1).time();
                assertTrue(!events.get(i).time().isBefore(before), "in time order at row " + i);
            }
            for (int size : new int[] {1, 2, 3, 7, 64, 415, 416, 417, 100_000}) {
                assertEquals(whole, export(store, size), "slices of " + size);
            }
            assertEquals(whole, export(store, ReportQueries.EXPORT_SLICE));
            // a streaming reading connection (the writers' of a large store) gives the same rows; the store's does not stream
            for (boolean stream : new boolean[] {true, false}) {
                try (StoreReader r = store.reader(stream)) {
                    List<String> read = new ArrayList<>();
                    r.queries().events(ReportFilter.all(), e -> read.add(e.toString()), 64);
                    assertEquals(whole, read, "stream " + stream);
                }
            }
            try (java.sql.Statement st = store.connection().createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT current_setting('jdbc_stream_results')")) {
                rs.next();
                assertEquals(false, rs.getBoolean(1));
            }
            // a slice starts at the time of every size-th row; rows of one second never straddle two slices
            assertEquals(1, store.queries().exportSlices(ReportFilter.all(), 1_000_000).size());
            assertTrue(store.queries().exportSlices(ReportFilter.all(), 7).size() < whole.size() / 7 + 2);
        }
    }

    @Test
    void anEmptyWindowExportsNothing() {
        try (EventStore store = EventStore.open(dir.resolve("empty.duckdb"))) {
            assertEquals(List.of(), export(store, 3));
            assertEquals(List.of(), store.queries().exportSlices(ReportFilter.all(), 3));
        }
    }
}

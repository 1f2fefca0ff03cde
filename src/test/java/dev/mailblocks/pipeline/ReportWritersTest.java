package dev.mailblocks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report writers one at a time (the retry after running out of DuckDB's memory): in order, on the caller's thread, only once asked. */
class ReportWritersTest {

    @TempDir
    Path dir;

    @Test
    void oneAtATimeRunsNothingBesideTheCallerAndEverythingInOrderAtTheEnd() {
        try (EventStore store = EventStore.open(dir.resolve("s.duckdb"))) {
            List<String> ran = new ArrayList<>();
            Thread caller = Thread.currentThread();
            try (ReportWriters writers = new ReportWriters(store, new ReportCache(), true)) {
                writers.submit("a", q -> {
                    assertTrue(q.newestEvent().isEmpty());
                    ran.add("a:" + (Thread.currentThread() == caller));
                });
                writers.submitWithoutStore("b", () -> ran.add("b:" + (Thread.currentThread() == caller)));
                writers.submitOnStore("c", () -> ran.add("c:" + (Thread.currentThread() == caller)));
                assertTrue(ran.isEmpty(), "nothing runs beside the caller's queries");
                writers.awaitAll();
            }
            assertEquals(List.of("a:true", "b:true", "c:true"), ran);
        }
    }
}

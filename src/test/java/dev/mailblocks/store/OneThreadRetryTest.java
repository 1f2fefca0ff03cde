package dev.mailblocks.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report query run again on one DuckDB thread gives the threads back, also beside another writer's retry. */
class OneThreadRetryTest {

    @TempDir
    Path dir;

    private static String threads(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('threads')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void twoWritersRetryingAtOnceLeaveDuckDbItsThreads() throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("s.duckdb"));
                StoreReader a = store.reader(); StoreReader b = store.reader()) {
            try (Statement st = store.connection().createStatement()) {
                st.execute("SET threads = 2");
            }
            // b asks for one thread while a is on one: without a lock, b reads 1, a gives back 2, b gives back 1
            CountDownLatch aOnOne = new CountDownLatch(1);
            CountDownLatch bAsked = new CountDownLatch(1);
            CountDownLatch aDone = new CountDownLatch(1);
            AtomicReference<String> seenByB = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    aOnOne.await();
                    bAsked.countDown();
                    b.queries().oneThread(() -> {
                        seenByB.set(threads(store.connection()));
                        try {
                            aDone.await(5, TimeUnit.SECONDS); // without a lock, b gives its threads back after a
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            other.start();
            a.queries().oneThread(() -> {
                aOnOne.countDown();
                try {
                    bAsked.await(10, TimeUnit.SECONDS);
                    Thread.sleep(300); // b is waiting for the lock now, or (without one) already on one thread
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                assertEquals("1", threads(store.connection()));
            });
            aDone.countDown();
            other.join(10_000);
            assertEquals("1", seenByB.get(), "b ran on one thread");
            assertEquals("2", threads(store.connection()), "the threads after both retries");
        }
    }
}

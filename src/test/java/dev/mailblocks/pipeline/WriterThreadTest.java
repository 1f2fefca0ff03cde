package dev.mailblocks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mailblocks.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The store writer thread: order kept, failures raised on the caller's thread as they are, never a hang. */
class WriterThreadTest {

    @Test
    void everyItemIsWrittenInTheOrderGiven() {
        List<Integer> written = new ArrayList<>();
        try (WriterThread<Integer> w = new WriterThread<>("test", written::addAll)) {
            for (int i = 0; i < 3 * WriterThread.CHUNK + 17; i++) {
                w.add(i);
            }
            w.finish();
        }
        assertEquals(3 * WriterThread.CHUNK + 17, written.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(i, written.get(i));
        }
    }

    @Test
    void aFailureOfTheWriterIsThrownOnTheCallersThreadAsItIs() {
        StoreException failure = new StoreException("reports/mailblocks.duckdb: cannot write an event: disk full", null);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (WriterThread<Integer> w = new WriterThread<>("test", chunk -> {
                throw failure;
            })) {
                StoreException thrown = assertThrows(StoreException.class, () -> {
                    for (int i = 0; i < 100 * WriterThread.CHUNK; i++) { // far more than the queue holds
                        w.add(i);
                    }
                    w.finish();
                });
                assertSame(failure, thrown, "the same one-line error as a one-thread run");
            }
        });
    }

    @Test
    void aFailureInTheLastChunkIsThrownByFinish() {
        StoreException failure = new StoreException("db: cannot write a malformed line: out of memory", null);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (WriterThread<Integer> w = new WriterThread<>("test", chunk -> {
                if (chunk.contains(5)) {
                    throw failure;
                }
            })) {
                for (int i = 0; i < 10; i++) {
                    w.add(i);
                }
                assertSame(failure, assertThrows(StoreException.class, w::finish));
            }
        });
    }

    @Test
    void closingAfterAFailureOfTheParsingSideDoesNotWaitForTheQueue() {
        CountDownLatch release = new CountDownLatch(1);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            WriterThread<Integer> w = new WriterThread<>("test", chunk -> {
                try {
                    release.await(); // a slow store
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < (WriterThread.QUEUED) * WriterThread.CHUNK; i++) {
                w.add(i);
            }
            release.countDown();
            w.close(); // the parser failed: what was not handed over is dropped, the transaction rolls back
        });
    }
}

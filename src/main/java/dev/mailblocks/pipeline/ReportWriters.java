package dev.mailblocks.pipeline;

import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportCache;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.StoreReader;
import dev.mailblocks.store.Timings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Writes report files two at a time (the machine's cores, at most) while the caller goes on
 * querying: each writer reads the store on a DuckDB connection of its own, except one that may
 * use the store's own connection once the caller has stopped using it ({@link #submitOnStore}).
 * {@link #awaitAll} waits for every writer, even after one failed, so that none still reads the
 * store when it returns, and throws the first failure, in the order submitted, as it was raised.
 */
final class ReportWriters implements AutoCloseable {

    private final EventStore store;
    private final ReportCache cache;
    private final ExecutorService pool;
    private final List<Future<?>> submitted = new ArrayList<>();
    /** One at a time, on the caller's thread, at {@link #awaitAll}: the writers that wait for it then. */
    private final List<Runnable> deferred;

    /**
     * Writers whose queries share their answers through {@code cache}; {@code oneAtATime}: none runs
     * beside the caller's queries or another writer, each waits for {@link #awaitAll} (less memory).
     */
    ReportWriters(EventStore store, ReportCache cache, boolean oneAtATime) {
        this.store = store;
        this.cache = cache;
        this.deferred = oneAtATime ? new ArrayList<>() : null;
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mailblocks-report");
            t.setDaemon(true);
            return t;
        });
    }

    private void start(Runnable task) {
        if (deferred != null) {
            deferred.add(task);
        } else {
            submitted.add(pool.submit(task));
        }
    }

    /** Writes on a connection of its own. */
    void submit(String name, Consumer<ReportQueries> writer) {
        start(() -> {
            // one at a time (a large store), a writer's connection has its results streamed: nothing else
            // queries beside it, and the events export holds one slice's rows less
            try (StoreReader r = store.reader(deferred != null)) {
                writer.accept(r.queries().sharing(cache));
            }
            Timings.mark(name + " written");
        });
    }

    /** Writes on the store's own connection: the caller no longer uses it, and one writer at most does. */
    void submitOnStore(String name, Runnable writer) {
        start(() -> {
            writer.run();
            Timings.mark(name + " written");
        });
    }

    /** Writes what needs nothing more from the store (report tables already queried). */
    void submitWithoutStore(String name, Runnable writer) {
        start(() -> {
            writer.run();
            Timings.mark(name + " written");
        });
    }

    /** Waits for every writer; throws the first failure. */
    void awaitAll() {
        if (deferred != null) {
            for (Runnable task : deferred) {
                task.run();
            }
            deferred.clear();
            return;
        }
        RuntimeException failed = null;
        Error fatal = null;
        for (Future<?> f : submitted) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failed == null && fatal == null) {
                    if (e.getCause() instanceof RuntimeException re) {
                        failed = re;
                    } else if (e.getCause() instanceof Error err) {
                        fatal = err;
                    } else {
                        failed = new IllegalStateException(e.getCause());
                    }
                    submitted.forEach(x -> x.cancel(false)); // the writers not started yet
                }
            } catch (CancellationException e) {
                // not started after another failed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the reports", e);
            }
        }
        if (fatal != null) {
            throw fatal;
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Waits for the writers already started (a query of the caller failed before {@link #awaitAll}),
     * then stops the threads: none may read the store after the run closes it.
     */
    @Override
    public void close() {
        submitted.forEach(x -> x.cancel(false));
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

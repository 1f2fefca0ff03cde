package dev.mailblocks.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The second core: parsing and classifying run on the caller's thread while this thread writes
 * what they give to the store. Items travel in chunks through a bounded queue (a few chunks, so
 * memory stays bounded and a slow store slows the parser down rather than filling the heap), and
 * are written in the order given, so the store gets exactly what one thread would have written.
 * A failure of the writing is thrown on the caller's thread, as it is (the same one-line error a
 * one-thread run gives), at the next {@link #add} or at {@link #finish}; it never leaves the caller
 * waiting.
 */
final class WriterThread<T> implements AutoCloseable {

    /** Items per chunk: large enough that the queue is not the cost, small enough to bound memory. */
    static final int CHUNK = 4096;
    /** Chunks that may wait in the queue. */
    static final int QUEUED = 4;

    private static final List<Object> END = new ArrayList<>();

    private final BlockingQueue<List<?>> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Consumer<List<T>> sink;
    private final Thread thread;
    private volatile RuntimeException failure;
    private List<T> chunk = new ArrayList<>(CHUNK);
    private boolean finished;

    WriterThread(String name, Consumer<List<T>> sink) {
        this.sink = sink;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @SuppressWarnings("unchecked")
    private void run() {
        while (true) {
            List<?> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == END) {
                return;
            }
            if (failure == null) {
                try {
                    sink.accept((List<T>) next);
                } catch (RuntimeException | Error e) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e);
                }
            } // after a failure, chunks are only taken off the queue, so that the caller never waits for room
        }
    }

    /** Queues one item; throws the writer's failure if it had one. */
    void add(T item) {
        chunk.add(item);
        if (chunk.size() >= CHUNK) {
            flush();
        }
    }

    private void flush() {
        rethrow();
        if (!chunk.isEmpty()) {
            put(chunk);
            chunk = new ArrayList<>(CHUNK);
        }
    }

    private void put(List<?> c) {
        try {
            while (!queue.offer(c, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the store writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the store", e);
        }
    }

    private void rethrow() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /** Writes what is left and waits for the writer; throws its failure if it had one. */
    void finish() {
        flush();
        stop();
        rethrow();
    }

    private void stop() {
        if (finished) {
            return;
        }
        finished = true;
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
        }
    }

    /** Stops the writer without writing what was not yet handed over (after a failure of the caller's side). */
    @Override
    public void close() {
        if (!finished) {
            chunk = new ArrayList<>();
            queue.clear();
            stop();
        }
    }
}

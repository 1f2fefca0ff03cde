package dev.mailblocks.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the writers of one report run share: each writer reads the store on a connection of its
 * own ({@link StoreReader}), and the dashboard's domain sections and the briefs of the same top
 * blocking domains ask the same questions domain by domain. With a cache, {@link ReportQueries}
 * answers them for all the expected domains in one query each (sliced per domain), or from a
 * table of every domain already read, instead of once per domain and writer. The answers are
 * the same rows either way; only the number of queries changes.
 *
 * <p>Made per report run, when the store no longer changes: an answer is never stale. Thread-safe:
 * a writer that asks what another is computing waits for it.
 */
public final class ReportCache {

    private final Map<Object, CompletableFuture<Object>> memo = new ConcurrentHashMap<>();
    private volatile Set<String> domains = Set.of();

    /** The domains whose sections and briefs will be written: their questions are answered together. */
    public void expect(List<String> expected) {
        domains = Set.copyOf(expected);
    }

    /** The expected domains. */
    Set<String> expected() {
        return domains;
    }

    /** The answer under {@code key}, computed once (callers at the same time wait for the first). */
    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> compute) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> known = memo.putIfAbsent(key, mine);
        if (known == null) {
            try {
                T value = compute.get();
                mine.complete(value);
                return value;
            } catch (RuntimeException | Error e) {
                memo.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return (T) known.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The answer under {@code key} if it is already known, else null (nothing waits, nothing is computed). */
    @SuppressWarnings("unchecked")
    <T> T known(Object key) {
        CompletableFuture<Object> f = memo.get(key);
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? (T) f.join() : null;
    }
}

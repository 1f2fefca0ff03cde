package dev.mailblocks.classify;

import dev.mailblocks.model.Category;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The loaded catalogue: entries in load order, the provider table, the remediation text of
 * each category and the status-code fallback.
 *
 * @param fingerprint a hash of every file the catalogue was loaded from: when it differs from the
 *     one that classified the stored events, they are classified again
 */
public record Catalogue(
        List<CatalogueEntry> entries,
        ProviderTable providers,
        Map<Category, String> categoryAdvice,
        StatusCodeTable statusCodes,
        String fingerprint) {

    /** Entries in precedence order, best first, for a given matched-needle length of each. */
    public static final Comparator<Candidate> PRECEDENCE = Comparator
            .comparingInt((Candidate c) -> -c.entry().priority())
            .thenComparingInt(c -> -c.entry().constraintCount())
            .thenComparingInt(c -> -c.matched().length())
            .thenComparingInt(c -> c.entry().order());

    public Catalogue {
        entries = List.copyOf(entries);
        categoryAdvice = Map.copyOf(categoryAdvice);
    }

    /** An entry whose text matched, with what matched and why its context did not (null if it did). */
    public record Candidate(CatalogueEntry entry, String matched, String mismatch) {
    }

    /** Whether any entry constrains the remote host, so the host must be part of a cache key. */
    public boolean usesHosts() {
        return entries.stream().anyMatch(e -> !e.hosts().isEmpty());
    }

    /** The remediation text of a category. */
    public String adviceFor(Category category) {
        return categoryAdvice.getOrDefault(category, "");
    }
}

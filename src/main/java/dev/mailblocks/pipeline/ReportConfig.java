package dev.mailblocks.pipeline;

import dev.mailblocks.model.Category;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the report step writes and where.
 *
 * @param since an ISO date/time or a duration such as {@code 7d} counted back from the newest
 *     stored event; null for no bound
 * @param formats any of {@link #FORMATS}
 */
public record ReportConfig(Path out, Set<String> formats, String since, String until, String domain,
        String provider, String category, boolean redact) {

    /** The report formats {@code --format} accepts. */
    public static final Set<String> FORMATS = Set.of("html", "csv", "json");

    public ReportConfig {
        formats = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(formats)); // one order: the run's stamp prints it
        for (String f : formats) {
            if (!FORMATS.contains(f)) {
                throw new UsageException("--format " + f + ": known formats are html, csv and json");
            }
        }
        ReportJob.bound(since, Optional.empty(), "--since");
        ReportJob.bound(until, Optional.empty(), "--until");
        if (category != null && Category.byId(category.toLowerCase(Locale.ROOT)).isEmpty()) {
            throw new UsageException("--category " + category + ": not a category (known: " + String.join(", ",
                    Arrays.stream(Category.values()).map(c -> c.id()).toList()) + ")");
        }
    }
}

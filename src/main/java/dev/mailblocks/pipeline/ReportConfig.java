package dev.mailblocks.pipeline;

import java.nio.file.Path;
import java.util.Set;

/**
 * What the report step writes and where.
 *
 * @param since an ISO date/time or a duration such as {@code 7d} counted back from the newest
 *     stored event; null for no bound
 * @param formats {@code html} and/or {@code csv}
 */
public record ReportConfig(Path out, Set<String> formats, String since, String until, String domain,
        String provider, String category, boolean redact) {
    public ReportConfig {
        formats = Set.copyOf(formats);
        for (String f : formats) {
            if (!f.equals("html") && !f.equals("csv")) {
                throw new UsageException("--format " + f + ": known formats are html and csv");
            }
        }
        ReportJob.bound(since, java.util.Optional.empty(), "--since");
        ReportJob.bound(until, java.util.Optional.empty(), "--until");
        if (category != null && dev.mailblocks.model.Category.byId(category.toLowerCase(java.util.Locale.ROOT)).isEmpty()) {
            throw new UsageException("--category " + category + ": not a category (known: " + String.join(", ",
                    java.util.Arrays.stream(dev.mailblocks.model.Category.values()).map(c -> c.id()).toList()) + ")");
        }
    }
}

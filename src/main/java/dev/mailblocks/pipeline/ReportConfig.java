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
    }
}

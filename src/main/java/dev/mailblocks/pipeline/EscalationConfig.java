package dev.mailblocks.pipeline;

import java.nio.file.Path;
import java.time.Instant;

/** What {@code mailblocks escalate} writes: one domain's brief over a window, into a folder. */
public record EscalationConfig(Path out, String domain, Instant since, Instant until, boolean redact) {
}

package dev.mailblocks.pipeline;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.report.EscalationBrief;
import dev.mailblocks.report.Redactor;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.EventStore;
import java.time.Instant;
import java.util.Locale;

/** Writes the escalation brief of one domain. */
public final class EscalationJob {

    private EscalationJob() {
    }

    /** Writes {@code escalation-DOMAIN.md} and {@code .html}; returns the brief written. */
    public static EscalationBrief write(EventStore store, Catalogue catalogue, EscalationConfig config, Instant now) {
        String domain = config.domain().trim().toLowerCase(Locale.ROOT);
        // what logs call a recipient domain (underscores, address literals) is accepted; the file name is made safe
        if (domain.isEmpty() || domain.length() > 255 || !domain.matches("[a-z0-9._\\-\\[\\]:]+")) {
            throw new UsageException("escalate " + config.domain() + ": not a domain name");
        }
        return write(store.queries(), catalogue, config, ReportJob.redactor(store, config.redact()), now);
    }

    /** Writes the brief from these queries (a connection of its own, when briefs are written side by side). */
    static EscalationBrief write(ReportQueries queries, Catalogue catalogue, EscalationConfig config, Redactor redactor,
            Instant now) {
        String domain = config.domain().trim().toLowerCase(Locale.ROOT);
        EscalationBrief brief = EscalationBrief.gather(queries, domain, config.since(), config.until(),
                new CatalogueAdvice(catalogue), redactor, now);
        brief.write(config.out());
        return brief;
    }

    /** Reads a window bound as {@code --since} does ({@code 2026-12-30}, {@code 7d}...). */
    public static Instant bound(EventStore store, String text, String option) {
        return ReportJob.bound(text, store.queries().newestEvent(), option);
    }
}

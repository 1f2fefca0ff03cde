package dev.mailblocks.pipeline;

import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Diagnostic;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.Reclassification;

/**
 * Keeps stored classifications in step with the catalogue: after a catalogue change (a new
 * release, a site entry), the refusals already stored are classified again before anything is
 * added or reported, so one report never mixes two catalogues.
 */
public final class CatalogueUpdate {

    private CatalogueUpdate() {
    }

    /** Classifies the stored refusals again if the catalogue changed; returns how many contexts were. */
    public static int apply(EventStore store, Classifier classifier) {
        return Reclassification.ensure(store, classifier.catalogue().fingerprint(), c -> classifier.classify(
                new Diagnostic(c.template() == null ? "" : c.template(), c.replyCode(), c.enhancedStatus(),
                        c.phase() == null ? null : SmtpPhase.fromId(c.phase()), c.remoteHost(),
                        Outcome.fromId(c.outcome()))));
    }
}

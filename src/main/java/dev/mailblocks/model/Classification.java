package dev.mailblocks.model;

import java.util.Objects;

/**
 * Why a refusal happened: the category, the catalogue entry (or code fallback) that decided it,
 * the receiving provider, and the normalised template of the diagnostic text.
 *
 * @param patternId a catalogue id, {@code status:5.7.1} / {@code reply:550} for the code
 *     fallback, or {@code unclassified}
 */
public record Classification(Category category, String patternId, String provider, String template) {

    public Classification {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(patternId, "patternId");
        Objects.requireNonNull(template, "template");
        if (provider != null && provider.isBlank()) {
            provider = null;
        }
    }

    /** The group of the category. */
    public Group group() {
        return category.group();
    }
}

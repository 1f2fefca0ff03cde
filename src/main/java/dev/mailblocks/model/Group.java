package dev.mailblocks.model;

import java.util.Locale;

/** Who must act on a refusal: the groups of design.md's category table. */
public enum Group {
    POLICY, RECIPIENT, SENDER, MESSAGE, TRANSIENT, LOCAL, NONE;

    /** The lower-case id used in reports; {@code NONE} is shown as an empty string. */
    public String id() {
        return this == NONE ? "" : name().toLowerCase(Locale.ROOT);
    }
}

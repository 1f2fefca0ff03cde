package dev.mailblocks.model;

import java.util.Locale;

/** The result of one delivery attempt for one recipient. */
public enum Outcome {
    DELIVERED, DEFERRED, BOUNCED, REJECTED, EXPIRED;

    /** The lower-case id used in reports and the store. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an id such as {@code bounced}. */
    public static Outcome fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}

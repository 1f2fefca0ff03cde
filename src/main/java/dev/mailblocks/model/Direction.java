package dev.mailblocks.model;

import java.util.Locale;

/** Whether a delivery result is about our mail refused by others, or mail we refused. */
public enum Direction {
    OUTBOUND, INBOUND;

    /** The lower-case id used in reports and the store. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

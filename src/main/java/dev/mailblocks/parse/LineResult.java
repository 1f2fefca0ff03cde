package dev.mailblocks.parse;

import dev.mailblocks.model.DeliveryEvent;
import java.util.List;
import java.util.Objects;

/** What one input line (or multi-line record) turned out to be: events, ignored, or malformed. */
public sealed interface LineResult permits LineResult.Parsed, LineResult.Ignored, LineResult.Malformed {

    /**
     * The line gave one or more delivery events.
     *
     * @param rowKeys for rows of an export, the identity of each event's row (the same row in two
     *     overlapping exports has the same identity), else empty
     */
    record Parsed(List<DeliveryEvent> events, List<String> rowKeys) implements LineResult {
        public Parsed {
            events = List.copyOf(events);
            rowKeys = List.copyOf(rowKeys);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("a parsed line has at least one event");
            }
            if (!rowKeys.isEmpty() && rowKeys.size() != events.size()) {
                throw new IllegalArgumentException("one row key per event");
            }
        }

        /** Events of a log line, which has no row identity. */
        public Parsed(List<DeliveryEvent> events) {
            this(events, List.of());
        }

        /** The row identity of the i-th event, or null. */
        public String rowKey(int i) {
            return rowKeys.isEmpty() ? null : rowKeys.get(i);
        }
    }

    /** The line is readable but is not a delivery result (connects, statistics, arrivals...). */
    record Ignored(String why) implements LineResult {
        public Ignored {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The line could not be read as this format; kept with its reason. */
    record Malformed(String why) implements LineResult {
        public Malformed {
            Objects.requireNonNull(why, "why");
        }
    }

    /** One event. */
    static LineResult of(DeliveryEvent event) {
        return new Parsed(List.of(event));
    }

    /** Shorthand for {@link Ignored}. */
    static LineResult ignored(String why) {
        return new Ignored(why);
    }

    /** Shorthand for {@link Malformed}. */
    static LineResult malformed(String why) {
        return new Malformed(why);
    }
}

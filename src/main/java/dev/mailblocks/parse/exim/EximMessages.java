package dev.mailblocks.parse.exim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Links the lines of one Exim message id: the envelope sender and the Message-ID header read
 * from the arrival line ({@code <=}), for the delivery results logged later under that id.
 *
 * <p>Bounded: at most {@link #MAX_MESSAGES} ids are remembered, the least recently used going
 * first (a message still queued after that many newer ones simply loses its sender). An id's
 * window ends at {@code Completed}, when Exim is done with the message; ids are not reused in
 * practice, but forgetting them there keeps the map to the messages still in the queue.
 */
final class EximMessages {

    static final int MAX_MESSAGES = 100_000;

    /** What an arrival line said about a message. */
    record Arrival(String sender, String messageId) {
    }

    private final Map<String, Arrival> messages = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Arrival> eldest) {
            return size() > MAX_MESSAGES;
        }
    };

    /** Remembers a message's arrival. */
    void arrived(String id, Arrival arrival) {
        messages.put(id, arrival);
    }

    /** What is known about a message, or {@code null}. */
    Arrival peek(String id) {
        return messages.get(id);
    }

    /** Exim logged {@code Completed}: the message has left the queue. */
    void completed(String id) {
        messages.remove(id);
    }

    /** How many ids are remembered (for tests of the bound). */
    int size() {
        return messages.size();
    }
}

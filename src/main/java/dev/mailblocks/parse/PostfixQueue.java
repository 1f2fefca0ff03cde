package dev.mailblocks.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Links the lines of one Postfix queue id: the sender and message id logged before the
 * delivery results, and the last deferral of each recipient still waiting (for
 * {@code status=expired}).
 *
 * <p>Bounded: at most {@link #MAX_MESSAGES} queue ids are remembered, the least recently used
 * going first, and at most {@link #MAX_PENDING} waiting recipients per message. A queue id's
 * window ends at {@code removed}, because Postfix reuses queue ids.
 */
final class PostfixQueue {

    static final int MAX_MESSAGES = 100_000;
    static final int MAX_PENDING = 1_000;

    /** The last deferral of a recipient, kept to explain a later expiry. */
    record Deferral(String recipient, String text, String dsn, String relayHost, String relayIp) {
    }

    /** What is known about one queued message. */
    static final class Message {
        String sender;
        String messageId;
        final Map<String, Deferral> pending = new LinkedHashMap<>();
    }

    private final Map<String, Message> messages = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Message> eldest) {
            return size() > MAX_MESSAGES;
        }
    };

    /** The message for a queue id, created if new. */
    Message get(String queueId) {
        return messages.computeIfAbsent(queueId, id -> new Message());
    }

    /** The message for a queue id, or {@code null} if nothing is known. */
    Message peek(String queueId) {
        return messages.get(queueId);
    }

    /** Records a deferral; a bounded number per message. */
    void deferred(String queueId, Deferral deferral) {
        Map<String, Deferral> pending = get(queueId).pending;
        if (pending.size() < MAX_PENDING || pending.containsKey(deferral.recipient())) {
            pending.put(deferral.recipient(), deferral);
        }
    }

    /** A recipient got a final result: it is no longer waiting. */
    void settled(String queueId, String recipient) {
        Message m = messages.get(queueId);
        if (m != null) {
            m.pending.remove(recipient);
        }
    }

    /** The queue id is removed from the queue: forget it. */
    void removed(String queueId) {
        messages.remove(queueId);
    }

    /** How many queue ids are remembered (for tests of the bound). */
    int size() {
        return messages.size();
    }
}

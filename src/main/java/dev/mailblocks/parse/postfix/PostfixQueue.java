package dev.mailblocks.parse.postfix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Links the lines of one Postfix queue id: the sender and message id logged before the
 * delivery results, and the last deferral of each recipient still waiting (for
 * {@code status=expired}).
 *
 * <p>Bounded whatever the input: at most {@link #MAX_MESSAGES} queue ids are remembered, the
 * least recently used going first; at most {@link #MAX_PENDING} waiting recipients are kept over
 * all messages (a deferral past that is not kept: its later expiry is reported without a
 * recipient), and a kept deferral text is cut at {@link #MAX_TEXT} characters. So the state
 * stays under about 100 MB even for a queue of deferred bulk mail that is never removed. A queue
 * id's window ends at {@code removed}, because Postfix reuses queue ids.
 */
final class PostfixQueue {

    static final int MAX_MESSAGES = 50_000;
    static final int MAX_PENDING = 100_000;
    static final int MAX_TEXT = 1_000;

    /** The last deferral of a recipient, kept to explain a later expiry. */
    record Deferral(String recipient, String text, String dsn, String relayHost, String relayIp) {
    }

    /** What is known about one queued message. */
    static final class Message {
        String sender;
        String messageId;
        final Map<String, Deferral> pending = new LinkedHashMap<>();
    }

    private int pending;

    private final Map<String, Message> messages = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Message> eldest) {
            if (size() > MAX_MESSAGES) {
                pending -= eldest.getValue().pending.size();
                return true;
            }
            return false;
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

    /** Records a deferral, within the bounds. */
    void deferred(String queueId, Deferral deferral) {
        Map<String, Deferral> waiting = get(queueId).pending;
        String text = deferral.text();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        for (Deferral other : waiting.values()) {
            if (other.text().equals(text)) {
                text = other.text(); // recipients of one message mostly share the reply: keep one copy
                break;
            }
        }
        Deferral kept = new Deferral(deferral.recipient(), text, deferral.dsn(), deferral.relayHost(),
                deferral.relayIp());
        if (waiting.containsKey(deferral.recipient())) {
            waiting.put(deferral.recipient(), kept);
        } else if (pending < MAX_PENDING) {
            waiting.put(deferral.recipient(), kept);
            pending++;
        }
    }

    /** A recipient got a final result: it is no longer waiting. */
    void settled(String queueId, String recipient) {
        Message m = messages.get(queueId);
        if (m != null && m.pending.remove(recipient) != null) {
            pending--;
        }
    }

    /** The message expired: its waiting recipients are done. */
    void expired(Message m) {
        pending -= m.pending.size();
        m.pending.clear();
    }

    /** The queue id is removed from the queue: forget it. */
    void removed(String queueId) {
        Message m = messages.remove(queueId);
        if (m != null) {
            pending -= m.pending.size();
        }
    }

    /** How many queue ids are remembered (for tests of the bound). */
    int size() {
        return messages.size();
    }

    /** How many waiting recipients are remembered (for tests of the bound). */
    int pending() {
        return pending;
    }
}

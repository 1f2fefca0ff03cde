package dev.mailblocks.classify;

import dev.mailblocks.model.Category;
import java.util.Map;

/**
 * The fallback when no catalogue entry matches: enhanced status codes (RFC 3463, RFC 7372, the
 * IANA registry) and then reply codes (RFC 5321) to categories.
 *
 * @param enhanced keys {@code 5.1.1} (exact), {@code X.1.1} (either class), {@code X.7} (subject)
 * @param replies keys {@code 421}
 */
public record StatusCodeTable(Map<String, Category> enhanced, Map<String, Category> replies) {

    public StatusCodeTable {
        enhanced = Map.copyOf(enhanced);
        replies = Map.copyOf(replies);
    }

    /** The key of the table row that decides an enhanced code, or {@code null}. */
    public String enhancedKey(String code) {
        if (code == null) {
            return null;
        }
        if (enhanced.containsKey(code)) {
            return code;
        }
        String anyClass = "X" + code.substring(1);
        if (enhanced.containsKey(anyClass)) {
            return anyClass;
        }
        String subject = anyClass.substring(0, anyClass.lastIndexOf('.'));
        return enhanced.containsKey(subject) ? subject : null;
    }

    /** The key of the reply-code row, or {@code null}. */
    public String replyKey(Integer code) {
        return code != null && replies.containsKey(code.toString()) ? code.toString() : null;
    }
}

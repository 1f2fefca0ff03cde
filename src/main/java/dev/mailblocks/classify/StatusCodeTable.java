package dev.mailblocks.classify;

import dev.mailblocks.model.Category;
import dev.mailblocks.model.SmtpPhase;
import java.util.Map;

/**
 * The fallback when no catalogue entry matches: enhanced status codes (RFC 3463, RFC 7372, the
 * IANA registry) and then reply codes (RFC 5321) to categories.
 *
 * @param enhanced keys {@code 5.1.1} (exact), {@code X.1.1} (either class), {@code X.7} (subject);
 *     a row of {@code unclassified} says the code names no cause ({@code X.0.0}, {@code X.5.0}), so
 *     the reply code decides
 * @param replies keys {@code 421}, or {@code 550@MAIL} for a reply in one SMTP phase (which wins)
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

    /** The key of the reply-code row for a reply in a phase (either may be null), or {@code null}. */
    public String replyKey(Integer code, SmtpPhase phase) {
        if (code == null) {
            return null;
        }
        if (phase != null && replies.containsKey(code + "@" + phase.id())) {
            return code + "@" + phase.id();
        }
        return replies.containsKey(code.toString()) ? code.toString() : null;
    }
}

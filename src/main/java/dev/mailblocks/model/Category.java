package dev.mailblocks.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Why a delivery was refused: exactly one per refusal, as in design.md. */
public enum Category {
    BLOCKLISTED(Group.POLICY),
    BAD_REPUTATION(Group.POLICY),
    AUTH_FAILURE(Group.POLICY),
    PTR_REQUIRED(Group.POLICY),
    RATE_LIMITED(Group.POLICY),
    SPAM_DETECTED(Group.POLICY),
    VIRUS_DETECTED(Group.POLICY),
    POLICY_VIOLATION(Group.POLICY),
    SECURITY_ERROR(Group.POLICY),
    SENDER_REJECTED(Group.POLICY),
    RELAY_DENIED(Group.POLICY),
    TLS_REQUIRED(Group.POLICY),
    FILTERED(Group.RECIPIENT),
    USER_UNKNOWN(Group.RECIPIENT),
    HOST_UNKNOWN(Group.RECIPIENT),
    MAILBOX_FULL(Group.RECIPIENT),
    MAILBOX_DISABLED(Group.RECIPIENT),
    HAS_MOVED(Group.RECIPIENT),
    NOT_ACCEPTING(Group.RECIPIENT),
    SUPPRESSED(Group.SENDER),
    MESSAGE_TOO_LARGE(Group.MESSAGE),
    CONTENT_ERROR(Group.MESSAGE),
    SYNTAX_ERROR(Group.MESSAGE),
    GREYLISTED(Group.TRANSIENT),
    EXPIRED(Group.TRANSIENT),
    NETWORK_ERROR(Group.TRANSIENT),
    SYSTEM_ERROR(Group.TRANSIENT),
    SYSTEM_FULL(Group.TRANSIENT),
    MAILER_ERROR(Group.LOCAL),
    UNCLASSIFIED(Group.NONE);

    private static final Map<String, Category> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Category::id, Function.identity()));

    private final Group group;

    Category(Group group) {
        this.group = group;
    }

    /** The group that says who must act. */
    public Group group() {
        return group;
    }

    /** The stable kebab-case id, e.g. {@code auth-failure}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Looks up a kebab-case id. */
    public static Optional<Category> byId(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id.trim().toLowerCase(Locale.ROOT)));
    }
}

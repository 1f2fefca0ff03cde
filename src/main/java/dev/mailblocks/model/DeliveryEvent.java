package dev.mailblocks.model;

import java.net.IDN;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One delivery result for one recipient, as read from one input line or record.
 *
 * <p>Optional fields are {@code null} when the input does not say. The compact constructor
 * normalises: the recipient domain is derived from the recipient when absent, lower-cased and
 * IDN-encoded; codes are validated.
 */
public record DeliveryEvent(
        Instant time,
        Direction direction,
        String sourceFormat,
        String reportingHost,
        String queueId,
        String messageId,
        String sender,
        String recipient,
        String recipientDomain,
        Outcome outcome,
        Integer replyCode,
        String enhancedStatus,
        String remoteHost,
        String remoteIp,
        SmtpPhase phase,
        String diagnostic,
        long fileId,
        long line) {

    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    public DeliveryEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
        Objects.requireNonNull(outcome, "outcome");
        if (recipientDomain == null || recipientDomain.isBlank()) {
            recipientDomain = domainOf(recipient);
        }
        recipientDomain = normaliseDomain(recipientDomain);
        if (replyCode != null && (replyCode < 200 || replyCode > 599)) {
            throw new IllegalArgumentException("reply code out of range: " + replyCode);
        }
        if (enhancedStatus != null && !isEnhanced(enhancedStatus)) {
            throw new IllegalArgumentException("not an enhanced status code: " + enhancedStatus);
        }
        if (remoteHost != null) {
            remoteHost = remoteHost.toLowerCase(Locale.ROOT);
        }
        if (diagnostic == null) {
            diagnostic = "";
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** Whether a text is an enhanced status code, {@code [245]\\.\\d{1,3}\\.\\d{1,3}} ({@link #ENHANCED}), read by hand. */
    static boolean isEnhanced(String s) {
        int n = s.length();
        if (n < 5 || n > 9 || (s.charAt(0) != '2' && s.charAt(0) != '4' && s.charAt(0) != '5') || s.charAt(1) != '.') {
            return false;
        }
        int i = 2;
        int start = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start || i - start > 3 || i >= n || s.charAt(i) != '.') {
            return false;
        }
        start = ++i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i == n && i - start >= 1 && i - start <= 3;
    }

    /** The domain part of an address (after the last {@code @}), or {@code null}. */
    public static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1 ? null : address.substring(at + 1);
    }

    /** Lower-cases a domain, strips a trailing dot and brackets, and encodes IDN labels as punycode. */
    public static String normaliseDomain(String domain) {
        if (domain == null) {
            return null;
        }
        String d = domain.trim();
        while (d.endsWith(".") || d.endsWith(">")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            return null;
        }
        d = d.toLowerCase(Locale.ROOT);
        if (!isAscii(d)) {
            try {
                d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                // not a valid IDN: keep the Unicode form rather than lose the domain
            }
        }
        return d;
    }
}

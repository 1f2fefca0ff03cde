package dev.mailblocks.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a diagnostic text to its template: the parts that vary between two instances of the
 * same refusal (addresses, IPs, times, ids, long numbers) are masked, so that the classification
 * of one instance can be reused for all and unknown refusals can be grouped for a person.
 *
 * <p>Reply codes, enhanced status codes, short provider codes ({@code S3140}, {@code TSS04},
 * {@code RL000001}) and host names survive, because catalogue entries match on them.
 */
public final class TemplateNormaliser {

    private static final Pattern EMAIL = Pattern.compile(
            "<?(?:\"[^\"]{0,200}\"|[^\\s<>()\\[\\];:,\"'=]{1,200})@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,250}[A-Za-z0-9])?>?");
    private static final Pattern DATETIME = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b"
                    + "|\\b\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\w]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![\\w:])(?:ipv6:)?(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:\\.\\d{1,3}){0,3}(?![\\w:])");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private TemplateNormaliser() {
    }

    /** The template of a text: masked, whitespace runs collapsed, trimmed. */
    public static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String t = text.length() > 4096 ? text.substring(0, 4096) : text;
        t = EMAIL.matcher(t).replaceAll("<addr>");
        t = DATETIME.matcher(t).replaceAll("<time>");
        t = IPV4.matcher(t).replaceAll("<ip>");
        t = maskIpv6(t);
        t = maskTokens(t);
        return SPACE.matcher(t).replaceAll(" ").strip();
    }

    private static String maskIpv6(String t) {
        if (t.indexOf(':') < 0) {
            return t;
        }
        Matcher m = IPV6.matcher(t);
        StringBuilder out = new StringBuilder(t.length());
        while (m.find()) {
            String s = m.group();
            // at least two groups of hex digits: "a::" or "::" alone are not addresses
            long hexGroups = s.chars().filter(c -> c == ':').count();
            boolean hasHex = s.chars().anyMatch(Character::isLetterOrDigit);
            m.appendReplacement(out, hexGroups >= 2 && hasHex && s.length() >= 6 ? "<ip>" : Matcher.quoteReplacement(s));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String maskTokens(String t) {
        Matcher m = TOKEN.matcher(t);
        StringBuilder out = new StringBuilder(t.length());
        while (m.find()) {
            String token = m.group();
            int digits = 0;
            for (int i = 0; i < token.length(); i++) {
                if (Character.isDigit(token.charAt(i))) {
                    digits++;
                }
            }
            String replacement = token;
            if (digits == token.length() && digits >= 5) {
                replacement = "<n>";
            } else if (token.length() >= 10 && digits >= 2 && digits < token.length()) {
                replacement = "<id>";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}

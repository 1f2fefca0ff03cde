package dev.mailblocks.classify;

/**
 * The template normaliser as it was before its output buffer was rewritten (commit a5195e4): the
 * reference that {@link TemplateNormaliserParityTest} holds the new one to.
 *
 * <p>Reduces a diagnostic text to its template: the parts that vary between two instances of the
 * same refusal are masked, so that the classification of one instance can be reused for all and
 * unknown refusals can be grouped for a person.
 *
 * <p>Masks: e-mail addresses {@code <addr>}; ISO dates, date-times and clock times
 * {@code <time>}; IPv4 and IPv6 addresses {@code <ip>}; digit-only tokens of 5 or more digits
 * {@code <n>}; letter+digit tokens of 10 or more characters with at least two digits
 * {@code <id>}. Whitespace runs become one space. Reply codes ({@code 550}), enhanced codes
 * ({@code 5.7.26}), short provider codes ({@code S3140}, {@code TSS04}, {@code RL000001}) and
 * host names survive, because catalogue entries match on them.
 *
 * <p>A hand-written single pass rather than a chain of regular expressions: it runs on every
 * refusal line, before the template cache can help, so it must cost far less than parsing.
 */
final class LegacyTemplateNormaliser {

    private static final int MAX = 4096;

    private LegacyTemplateNormaliser() {
    }

    /** The template of a text. */
    public static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = text.length() > MAX ? text.substring(0, MAX) : text;
        if (s.indexOf('@') >= 0) {
            s = maskAddresses(s);
        }
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (out.length() > 0) {
                    out.append(' ');
                }
                continue;
            }
            if (isAlnum(c) || (c == ':' && i + 1 < n && s.charAt(i + 1) == ':')) {
                char before = i == 0 ? ' ' : s.charAt(i - 1);
                int end;
                if (isDigit(c) && (end = dateTime(s, i)) > 0 && !isWord(at(s, end))) {
                    out.append("<time>");
                    i = end;
                    continue;
                }
                if (isDigit(c) && (end = clock(s, i)) > 0 && !isWord(at(s, end))) {
                    out.append("<time>");
                    i = end;
                    continue;
                }
                if (isDigit(c) && before != '.' && before != '_' && (end = ipv4(s, i)) > 0) {
                    out.append("<ip>");
                    i = end;
                    continue;
                }
                if (before != ':' && before != '_' && (end = ipv6(s, i)) > 0) {
                    out.append("<ip>");
                    i = end;
                    continue;
                }
                if (c == ':') {
                    out.append(c);
                    i++;
                    continue;
                }
                int j = i;
                int digits = 0;
                while (j < n && isAlnum(s.charAt(j))) {
                    if (isDigit(s.charAt(j))) {
                        digits++;
                    }
                    j++;
                }
                int len = j - i;
                if (digits == len && len >= 5) {
                    out.append("<n>");
                } else if (len >= 10 && digits >= 2 && digits < len) {
                    out.append("<id>");
                } else {
                    out.append(s, i, j);
                }
                i = j;
                continue;
            }
            out.append(c);
            i++;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        // Gmail's session id: the same step as TemplateNormaliser's, so that the parity test holds the rest
        return TemplateNormaliser.maskGmailSession(out.toString());
    }

    /** {@code 2026-12-30}, optionally {@code T10:11[:12[.345]]} and a zone; returns the end or -1. */
    private static int dateTime(String s, int i) {
        if (!digits(s, i, 4) || at(s, i + 4) != '-' || !digits(s, i + 5, 2) || at(s, i + 7) != '-'
                || !digits(s, i + 8, 2)) {
            return -1;
        }
        int k = i + 10;
        char sep = at(s, k);
        if ((sep == 'T' || sep == ' ') && digits(s, k + 1, 2) && at(s, k + 3) == ':' && digits(s, k + 4, 2)) {
            k += 6;
            if (at(s, k) == ':' && digits(s, k + 1, 2)) {
                k += 3;
                if ((at(s, k) == '.' || at(s, k) == ',') && isDigit(at(s, k + 1))) {
                    k++;
                    while (isDigit(at(s, k))) {
                        k++;
                    }
                }
            }
            if (at(s, k) == 'Z') {
                k++;
            } else if ((at(s, k) == '+' || at(s, k) == '-') && digits(s, k + 1, 2)) {
                k += 3;
                if (at(s, k) == ':') {
                    k++;
                }
                if (digits(s, k, 2)) {
                    k += 2;
                }
            }
        }
        return k;
    }

    /** {@code 9:04:02} or {@code 09:04:02[.123]}; returns the end or -1. */
    private static int clock(String s, int i) {
        int k = i + (isDigit(at(s, i + 1)) ? 2 : 1);
        if (at(s, k) != ':' || !digits(s, k + 1, 2) || at(s, k + 3) != ':' || !digits(s, k + 4, 2)) {
            return -1;
        }
        k += 6;
        if ((at(s, k) == '.' || at(s, k) == ',') && isDigit(at(s, k + 1))) {
            k++;
            while (isDigit(at(s, k))) {
                k++;
            }
        }
        return k;
    }

    /** Four dot-separated groups of 1-3 digits not followed by a word character or another group. */
    private static int ipv4(String s, int i) {
        int k = i;
        for (int group = 0; group < 4; group++) {
            if (group > 0) {
                if (at(s, k) != '.') {
                    return -1;
                }
                k++;
            }
            int start = k;
            while (isDigit(at(s, k)) && k - start < 4) {
                k++;
            }
            if (k == start || k - start > 3) {
                return -1;
            }
        }
        if (isWord(at(s, k)) || (at(s, k) == '.' && isDigit(at(s, k + 1)))) {
            return -1;
        }
        return k;
    }

    /** Hex groups with at least two colons (optionally an IPv4 tail), not inside a longer word. */
    private static int ipv6(String s, int i) {
        int k = i;
        if (s.regionMatches(true, k, "ipv6:", 0, 5)) {
            k += 5;
        }
        int start = k;
        int colons = 0;
        boolean hex = false;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == ':') {
                colons++;
            } else if (isHex(c)) {
                hex = true;
            } else {
                break;
            }
            k++;
        }
        if (at(s, k) == '.' && isDigit(at(s, k + 1))) {
            while (isDigit(at(s, k)) || at(s, k) == '.') {
                k++;
            }
        }
        if (colons < 2 || !hex || k - start < 6 || isWord(at(s, k)) || at(s, k) == ':') {
            return -1;
        }
        return k;
    }

    /** Replaces each {@code local@domain} (with its angle brackets) by {@code <addr>}. */
    private static String maskAddresses(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        int at = s.indexOf('@');
        while (at >= 0) {
            int left = at;
            if (at > 0 && s.charAt(at - 1) == '"') {
                int open = s.lastIndexOf('"', at - 2);
                left = open >= 0 && at - open <= 200 ? open : at;
            } else {
                while (left > copied && at - left < 200 && isLocal(s.charAt(left - 1))) {
                    left--;
                }
            }
            int right = at + 1;
            while (right < s.length() && right - at < 255 && isDomain(s.charAt(right))) {
                right++;
            }
            while (right > at + 1 && (s.charAt(right - 1) == '.' || s.charAt(right - 1) == '-')) {
                right--;
            }
            if (left < at && right > at + 1 && isAlnum(s.charAt(at + 1))) {
                if (left > copied && s.charAt(left - 1) == '<') {
                    left--;
                }
                if (right < s.length() && s.charAt(right) == '>') {
                    right++;
                }
                out.append(s, copied, left).append("<addr>");
                copied = right;
            }
            at = s.indexOf('@', Math.max(at + 1, copied));
        }
        out.append(s, copied, s.length());
        return out.toString();
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : ' ';
    }

    private static boolean digits(String s, int i, int count) {
        for (int k = i; k < i + count; k++) {
            if (!isDigit(at(s, k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWord(char c) {
        return isAlnum(c) || c == '_';
    }

    private static boolean isLocal(char c) {
        return !Character.isWhitespace(c) && "<>()[];:,\"'=@".indexOf(c) < 0;
    }

    private static boolean isDomain(char c) {
        return isAlnum(c) || c == '.' || c == '-';
    }
}

package dev.mailblocks.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the reply code, enhanced status code and SMTP phase out of a diagnostic text, for
 * inputs that do not log them as fields and for {@code explain}.
 *
 * <p>A reply flattened onto one line ({@code 550-5.7.1 first 550-5.7.1 second 550 5.7.1 last})
 * gives its final codes: those of the line whose code is followed by a space.
 */
public record SmtpReplyText(Integer replyCode, String enhancedStatus, SmtpPhase phase) {

    private static final Pattern REPLY = Pattern.compile(
            "(?<![\\w.:#\\[-])([245]\\d\\d)([ -]|$)(?:\\s*#?([245]\\.\\d{1,3}\\.\\d{1,3})(?![.]?\\d))?");
    /** Addresses and other angle-bracketed values: {@code RCPT TO:<450@example.com>} holds no reply code. */
    private static final Pattern ANGLED = Pattern.compile("<[^<>]*>");
    /** Exim starts a connection failure with the error itself. */
    private static final Pattern CONNECT_FAILURE = Pattern.compile(
            "^(?:connection (?:refused|timed out|reset)|network is unreachable|no route to host|network error)");
    private static final Pattern ENHANCED =
            Pattern.compile("(?<![\\w.])([245]\\.\\d{1,3}\\.\\d{1,3})(?!\\.?\\d)(?!\\w)");

    /** Reads all three from a text; each is {@code null} when the text does not say. */
    public static SmtpReplyText of(String text) {
        if (text == null || text.isEmpty()) {
            return new SmtpReplyText(null, null, null);
        }
        String scan = text.indexOf('<') >= 0 ? withoutAngled(text) : text;
        Integer code = null;
        String enhanced = null;
        Reply m = new Reply(scan);
        if (m.find()) {
            code = m.code;
            enhanced = m.enhanced;
            if (m.dash) {
                int first = m.code;
                while (m.find()) {
                    if (m.code == first) {
                        if (m.enhanced != null) {
                            enhanced = m.enhanced;
                        }
                        if (!m.dash) {
                            break;
                        }
                    }
                }
            }
        }
        if (enhanced == null) {
            enhanced = enhancedAnywhere(scan);
        }
        return new SmtpReplyText(code, enhanced, phaseOf(text));
    }

    /*
     * The regular expressions REPLY, ANGLED and ENHANCED are read by hand below, because they run on
     * every result line; they stay as the definition (and the tests hold the hand-written scan to them).
     */

    /** {@link #ANGLED}{@code .replaceAll("<>")}: every {@code <...>} without {@code <} or {@code >} inside becomes {@code <>}. */
    static String withoutAngled(String s) {
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        int i = s.indexOf('<');
        while (i >= 0 && i < n) {
            int j = i + 1;
            while (j < n && s.charAt(j) != '<' && s.charAt(j) != '>') {
                j++;
            }
            if (j < n && s.charAt(j) == '>') {
                if (j > i + 1) {
                    if (out == null) {
                        out = new StringBuilder(n);
                    }
                    out.append(s, copied, i + 1);
                    copied = j;
                }
                i = s.indexOf('<', j + 1);
            } else {
                i = j < n ? j : -1; // this '<' stays; the next one may open a pair
            }
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, n).toString();
    }

    /** Successive matches of {@link #REPLY} in a text. */
    private static final class Reply {
        private final String s;
        private int from;
        int code;
        boolean dash;
        String enhanced;

        Reply(String s) {
            this.s = s;
        }

        boolean find() {
            int n = s.length();
            for (int p = from; p + 3 <= n; p++) {
                char c = s.charAt(p);
                if ((c == '2' || c == '4' || c == '5') && isDigit(s.charAt(p + 1)) && isDigit(s.charAt(p + 2))
                        && (p == 0 || !isReplyGuard(s.charAt(p - 1)))) {
                    int q = p + 3;
                    boolean sep = q < n && (s.charAt(q) == ' ' || s.charAt(q) == '-');
                    if (!sep && !isDollar(s, q)) {
                        continue;
                    }
                    code = (c - '0') * 100 + (s.charAt(p + 1) - '0') * 10 + s.charAt(p + 2) - '0';
                    dash = sep && s.charAt(q) == '-';
                    if (sep) {
                        q++;
                    }
                    enhanced = null;
                    int k = q;
                    while (k < n && isSpace(s.charAt(k))) {
                        k++;
                    }
                    if (k < n && s.charAt(k) == '#') {
                        k++;
                    }
                    int end = enhancedEnd(s, k);
                    if (end > 0 && !(at(s, end) == '.' && isDigit(at(s, end + 1)))) {
                        enhanced = s.substring(k, end);
                        q = end;
                    }
                    from = q;
                    return true;
                }
            }
            from = n;
            return false;
        }
    }

    /** {@link #ENHANCED}: the first enhanced status code standing alone, or null. */
    static String enhancedAnywhere(String s) {
        int n = s.length();
        for (int p = 0; p + 5 <= n; p++) {
            char c = s.charAt(p);
            if ((c == '2' || c == '4' || c == '5') && s.charAt(p + 1) == '.' && (p == 0 || !isWordOrDot(s.charAt(p - 1)))) {
                int end = enhancedEnd(s, p);
                if (end > 0 && !(at(s, end) == '.' && isDigit(at(s, end + 1))) && !isWord(at(s, end))) {
                    return s.substring(p, end);
                }
            }
        }
        return null;
    }

    /**
     * The end of {@code [245]\.\d{1,3}\.\d{1,3}} at {@code k}, its last group taking all its digits
     * (so that what follows is not a digit), or -1.
     */
    private static int enhancedEnd(String s, int k) {
        int n = s.length();
        if (k + 5 > n) {
            return -1;
        }
        char c = s.charAt(k);
        if (!(c == '2' || c == '4' || c == '5') || s.charAt(k + 1) != '.') {
            return -1;
        }
        int i = k + 2;
        int start = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start || i - start > 3 || i >= n || s.charAt(i) != '.') {
            return -1;
        }
        start = ++i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start || i - start > 3) {
            return -1;
        }
        return i;
    }

    /** Where {@code $} matches: at the end, or before one line terminator that ends the text. */
    private static boolean isDollar(String s, int i) {
        int n = s.length();
        if (i == n) {
            return true;
        }
        if (i == n - 2) {
            return s.charAt(i) == '\r' && s.charAt(i + 1) == '\n';
        }
        if (i == n - 1) {
            char ch = s.charAt(i);
            if (ch == '\n') {
                return i == 0 || s.charAt(i - 1) != '\r';
            }
            return ch == '\r' || ch == '\u0085' || ch == '\u2028' || ch == '\u2029';
        }
        return false;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\uFFFF';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isWord(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_';
    }

    private static boolean isWordOrDot(char c) {
        return isWord(c) || c == '.';
    }

    /** The characters that may not come right before a reply code: {@code [\\w.:#\\[-]}. */
    private static boolean isReplyGuard(char c) {
        return isWord(c) || c == '.' || c == ':' || c == '#' || c == '[' || c == '-';
    }

    /** The SMTP phase named in a diagnostic text, or {@code null}. */
    public static SmtpPhase phaseOf(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("end of data") || t.contains("final data") || t.contains("end-of-message")
                || t.contains("end of message") || t.contains("message body")) {
            return SmtpPhase.END_OF_DATA;
        }
        if (t.contains("rcpt to") || t.contains("after rcpt") || t.contains("rcpt from")
                || t.contains("rcpt command")) {
            return SmtpPhase.RCPT;
        }
        if (t.contains("in reply to mail from") || t.contains("after mail from") || t.contains("mail from:")
                || t.contains("sending mail from")) {
            return SmtpPhase.MAIL;
        }
        if (t.contains("data command") || t.contains("after data") || t.contains("data from")) {
            return SmtpPhase.DATA;
        }
        if (t.contains("helo") || t.contains("ehlo")) {
            if (t.contains("in reply to") || t.contains("after helo") || t.contains("after ehlo")
                    || t.contains("while sending")) {
                return SmtpPhase.EHLO;
            }
        }
        if (t.contains("sending data block")) {
            return SmtpPhase.DATA; // BDAT chunks: Exim's words where DATA would say "after end of data"
        }
        if (t.contains("refused to talk to me") || t.contains("initial server greeting")
                || t.contains("initial connection") || t.contains("connect from")
                || t.contains("connect to ") || isConnectFailure(t)) {
            return SmtpPhase.CONNECT;
        }
        if (t.contains("in response to ehlo") || t.contains("in response to helo")) {
            return SmtpPhase.EHLO;
        }
        return null;
    }

    /** {@link #CONNECT_FAILURE}, which is anchored at the start: a few prefixes. */
    private static boolean isConnectFailure(String t) {
        return t.startsWith("connection refused") || t.startsWith("connection timed out")
                || t.startsWith("connection reset") || t.startsWith("network is unreachable")
                || t.startsWith("no route to host") || t.startsWith("network error");
    }

    /**
     * Whether codes such as {@code 550 5.7.1} or {@code 4.7.0} mean a permanent or a temporary
     * refusal, as a person should read it; empty when there is no code.
     */
    public static String permanence(String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        return switch (codes.strip().charAt(0)) {
            case '5' -> "permanent: do not retry unchanged";
            case '4' -> "temporary: the sender retries";
            default -> "";
        };
    }
}

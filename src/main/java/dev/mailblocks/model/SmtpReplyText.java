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
        String scan = text.indexOf('<') >= 0 ? ANGLED.matcher(text).replaceAll("<>") : text;
        Integer code = null;
        String enhanced = null;
        Matcher m = REPLY.matcher(scan);
        if (m.find()) {
            code = Integer.valueOf(m.group(1));
            enhanced = m.group(3);
            if ("-".equals(m.group(2))) {
                String first = m.group(1);
                while (m.find()) {
                    if (m.group(1).equals(first)) {
                        if (m.group(3) != null) {
                            enhanced = m.group(3);
                        }
                        if (!"-".equals(m.group(2))) {
                            break;
                        }
                    }
                }
            }
        }
        if (enhanced == null) {
            Matcher e = ENHANCED.matcher(scan);
            if (e.find()) {
                enhanced = e.group(1);
            }
        }
        return new SmtpReplyText(code, enhanced, phaseOf(text));
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
                || t.contains("connect to ") || CONNECT_FAILURE.matcher(t).find()) {
            return SmtpPhase.CONNECT;
        }
        if (t.contains("in response to ehlo") || t.contains("in response to helo")) {
            return SmtpPhase.EHLO;
        }
        return null;
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

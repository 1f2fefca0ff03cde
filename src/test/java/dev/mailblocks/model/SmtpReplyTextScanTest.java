package dev.mailblocks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scan of {@link SmtpReplyText#of} gives what its regular expressions give, on
 * real-looking replies and on random text made of the characters that matter.
 */
class SmtpReplyTextScanTest {

    private static final Pattern REPLY = Pattern.compile(
            "(?<![\\w.:#\\[-])([245]\\d\\d)([ -]|$)(?:\\s*#?([245]\\.\\d{1,3}\\.\\d{1,3})(?![.]?\\d))?");
    private static final Pattern ANGLED = Pattern.compile("<[^<>]*>");
    private static final Pattern ENHANCED =
            Pattern.compile("(?<![\\w.])([245]\\.\\d{1,3}\\.\\d{1,3})(?!\\.?\\d)(?!\\w)");

    /** The regular-expression reading, as it was before the scan. */
    private static SmtpReplyText byRegex(String text) {
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
        return new SmtpReplyText(code, enhanced, SmtpReplyText.phaseOf(text));
    }

    private static final String[] REAL = {
        "host mx.example.com[192.0.2.1] said: 550-5.7.1 [198.51.100.2] Our system has detected 550-5.7.1 more"
                + " 550 5.7.1 last - gsmtp (in reply to end of DATA command)",
        "host mx.example.com[192.0.2.1] said: 421-4.7.28 [198.51.100.2      15] unusual rate 421 4.7.28 x",
        "550 5.1.1 <450@example.com>: Recipient address rejected: User unknown in virtual mailbox table",
        "host x[1.2.3.4] said: 452 4.2.2 <u@x>: Mailbox full (in reply to RCPT TO command)",
        "connect to mx.example.net[203.0.113.9]:25: Connection timed out",
        "554 resimta-po-12.sys.comcast.net comcast 198.51.100.3 found on one or more DNSBLs",
        "SMTP error from remote mail server after RCPT TO:<a@b>: 550 #5.1.0 Address rejected",
        "5.7.1 alone", "550", "550-", "550\n", "550\r\n", "550 5.7.1\n", "4.4.7 Delivery time expired",
        "Remote server returned '550 5.7.606 Access denied, banned sending IP [1.2.3.4]'",
        "smtp; 550 5.7.1 <x@y>: Relay access denied", "250 2.0.0 Ok: queued as 4Q2xyz",
        "x550 no", "1550 no", "550.1 no", "550 5.1.1234", "550 5.1.1.2 x", "550 5.1.1a", "550 5.1.1_",
        "550 5.1.1.", "550 5.1.1.x", "#5.1.1 and 5.2.2", "a.5.1.1 then 4.2.2.", "<550>", "<<550 5.1.1>",
        "550-5.1.1 a 550-5.1.2 b 551 5.1.3 c 550 5.1.4 d", "421 4.7.0 [TSS04] Messages from 1.2.3.4 deferred",
    };

    @Test
    void realRepliesReadTheSame() {
        for (String t : REAL) {
            assertEquals(byRegex(t), SmtpReplyText.of(t), t);
        }
    }

    @Test
    void randomTextReadsTheSame() {
        Random rnd = new Random(7);
        String alphabet = "245013789 .-#:[]<>\n\r\tabxX_@\u0085\u2028";
        for (int i = 0; i < 200_000; i++) {
            int len = rnd.nextInt(24);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                if (rnd.nextInt(6) == 0) {
                    sb.append(new String[] {"550", "5.7.1", "4.2.2", "550-", "421 ", " 2.0.0"}[rnd.nextInt(6)]);
                } else {
                    sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            String t = sb.toString();
            assertEquals(byRegex(t), SmtpReplyText.of(t), () -> "text: [" + t.replace("\n", "\\n").replace("\r", "\\r") + "]");
        }
    }
}

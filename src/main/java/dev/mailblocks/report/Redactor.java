package dev.mailblocks.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hides the local parts of e-mail addresses for reports that leave the company
 * ({@code --redact}): {@code jane.doe@example.org} becomes {@code anon-5c1f0e9a2b7d@example.org},
 * the token a keyed hash (HMAC-SHA256 with the store's own secret key) of the address, so that
 * the same address gets the same token in every report of the store and nobody without the key
 * can test a guess. Domains stay, because they are what the report is about.
 *
 * <p>Addresses are found in every form logs write them: plain, in brackets or quotes
 * ({@code <a@b>}, {@code [a@b]}, {@code 'a@b'}), with a quoted local part ({@code "jane doe"@b}),
 * percent-encoded in URLs ({@code id=jane.doe%40example.org}), in a {@code key=value} pair.
 */
public final class Redactor {

    private static final String ATEXT = "[\\p{L}\\p{N}!#$%&*+/=?^_`{|}~.-]";
    private static final Pattern ADDRESS = Pattern.compile(
            "(\"(?:[^\"\\\\\\r\\n]|\\\\.){1,200}\"|" + ATEXT + "(?:" + ATEXT + "|')*)"
                    + "(@|%40|%2540)"
                    + "(\\[[0-9A-Fa-f:.]+\\]|[\\p{L}\\p{N}](?:[\\p{L}\\p{N}.-]*[\\p{L}\\p{N}])?)",
            Pattern.CASE_INSENSITIVE);
    /** A {@code key=} in front of an address ({@code id=}, {@code orig_to=}), kept as it is. */
    private static final Pattern KEY = Pattern.compile("^([A-Za-z_-]{1,30}=)(.+)$");

    private final boolean enabled;
    private final Mac mac;

    /** Whether addresses are hidden. */
    public boolean enabled() {
        return enabled;
    }

    /** A redactor without a key: every address hashed with an empty key (for tests and tools). */
    public Redactor(boolean enabled) {
        this(enabled, new byte[0]);
    }

    /** A redactor whose tokens are keyed with the store's secret. */
    public Redactor(boolean enabled, byte[] key) {
        this.enabled = enabled;
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[] {0} : key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    /** An address, redacted if enabled. */
    public String address(String a) {
        return text(a);
    }

    /** A text with every address in it redacted, if enabled. */
    public String text(String s) {
        if (!enabled || s == null || (s.indexOf('@') < 0 && s.indexOf('%') < 0)) {
            return s;
        }
        Matcher m = ADDRESS.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String local = m.group(1);
            String prefix = "";
            Matcher key = KEY.matcher(local);
            if (key.matches() && (m.start() == 0 || " \t?&;,(".indexOf(s.charAt(m.start() - 1)) >= 0)) {
                prefix = key.group(1);
                local = key.group(2);
            }
            String domain = m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(prefix + token(local, domain) + m.group(2) + domain));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The token for a local part: the same for every spelling of one address. */
    private String token(String local, String domain) {
        String l = local;
        if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
            l = l.substring(1, l.length() - 1).replace("\\", "");
        }
        l = decodePercent(l);
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        byte[] h;
        synchronized (mac) {
            h = mac.doFinal((l + "@" + d).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        }
        return "anon-" + HexFormat.of().formatHex(h, 0, 6);
    }

    private static String decodePercent(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && HexFormat.isHexDigit(s.charAt(i + 1)) && HexFormat.isHexDigit(s.charAt(i + 2))) {
                b.append((char) HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

package dev.mailblocks.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the local parts of e-mail addresses for reports that leave the company
 * ({@code --redact}): {@code jane.doe@example.org} becomes {@code j***@example.org}. Domains stay,
 * because they are what the report is about.
 */
public final class Redactor {

    private static final Pattern ADDRESS = Pattern.compile("([^\\s<>()\\[\\];:,\"'=]+)@([A-Za-z0-9.-]+)");

    private final boolean enabled;

    public Redactor(boolean enabled) {
        this.enabled = enabled;
    }

    /** An address, redacted if enabled. */
    public String address(String a) {
        return enabled ? text(a) : a;
    }

    /** A text with every address in it redacted, if enabled. */
    public String text(String s) {
        if (!enabled || s == null || s.indexOf('@') < 0) {
            return s;
        }
        Matcher m = ADDRESS.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String local = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(local.charAt(0) + "***@" + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package dev.mailblocks.check;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SPF macros (RFC 7208 7): {@code %{s l o d i p v h}} with digit and {@code r} transformers and
 * delimiters, {@code %%}, {@code %_}, {@code %-}. {@code %{p}} expands to {@code unknown} (allowed by
 * 7.3); {@code %{c r t}} are allowed only in {@code exp=} and are a permerror elsewhere.
 */
final class SpfMacros {

    private SpfMacros() {
    }

    /** RFC 7208 7: macro expansion of a domain-spec. */
    static String expand(String spec, InetAddress ip, String domain, String sender, boolean exp) throws SpfError {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= spec.length()) {
                throw new SpfError("permerror", domain + ": a lone % in " + spec);
            }
            char n = spec.charAt(++i);
            switch (n) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                case '{' -> {
                    int end = spec.indexOf('}', i);
                    if (end < 0) {
                        throw new SpfError("permerror", domain + ": unclosed macro in " + spec);
                    }
                    out.append(macro(spec.substring(i + 1, end), ip, domain, sender, exp, spec));
                    i = end;
                }
                default -> throw new SpfError("permerror", domain + ": bad macro %" + n + " in " + spec);
            }
        }
        String s = out.toString();
        while (s.length() > 253 && s.contains(".")) {
            s = s.substring(s.indexOf('.') + 1); // RFC 7208 7.3: drop labels from the left
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static String macro(String body, InetAddress ip, String domain, String sender, boolean exp, String spec)
            throws SpfError {
        if (body.isEmpty()) {
            throw new SpfError("permerror", domain + ": empty macro in " + spec);
        }
        char letter = Character.toLowerCase(body.charAt(0));
        String value = switch (letter) {
            case 's' -> sender;
            case 'l' -> sender.substring(0, sender.lastIndexOf('@'));
            case 'o' -> sender.substring(sender.lastIndexOf('@') + 1);
            case 'd', 'h' -> domain;
            case 'i' -> ip.getAddress().length == 4 ? ip.getHostAddress() : dottedNibbles(ip);
            case 'v' -> ip.getAddress().length == 4 ? "in-addr" : "ip6";
            case 'p' -> "unknown"; // RFC 7208 7.3 allows this instead of a PTR validation
            case 'c', 'r', 't' -> {
                if (!exp) {
                    throw new SpfError("permerror", domain + ": %{" + letter + "} is allowed only in exp= (" + spec + ")");
                }
                yield "unknown";
            }
            default -> throw new SpfError("permerror", domain + ": unknown macro %{" + body + "} in " + spec);
        };
        String rest = body.substring(1);
        int digits = 0;
        int j = 0;
        while (j < rest.length() && Character.isDigit(rest.charAt(j))) {
            j++;
        }
        if (j > 0) {
            digits = Integer.parseInt(rest.substring(0, Math.min(j, 3)));
            if (digits == 0) {
                throw new SpfError("permerror", domain + ": zero labels in %{" + body + "}");
            }
        }
        boolean reverse = j < rest.length() && Character.toLowerCase(rest.charAt(j)) == 'r';
        String delims = rest.substring(j + (reverse ? 1 : 0));
        if (!delims.matches("[.\\-+,/_=]*")) {
            throw new SpfError("permerror", domain + ": bad delimiter in %{" + body + "}");
        }
        if (delims.isEmpty()) {
            delims = ".";
        }
        List<String> labels = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < value.length(); k++) {
            if (delims.indexOf(value.charAt(k)) >= 0) {
                labels.add(value.substring(from, k));
                from = k + 1;
            }
        }
        labels.add(value.substring(from));
        if (reverse) {
            java.util.Collections.reverse(labels);
        }
        if (digits > 0 && digits < labels.size()) {
            labels = labels.subList(labels.size() - digits, labels.size());
        }
        return String.join(".", labels);
    }

    private static String dottedNibbles(InetAddress ip) {
        StringBuilder sb = new StringBuilder();
        for (byte b : ip.getAddress()) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.').append(Character.forDigit(b & 0xf, 16)).append('.');
        }
        return sb.substring(0, sb.length() - 1);
    }
}

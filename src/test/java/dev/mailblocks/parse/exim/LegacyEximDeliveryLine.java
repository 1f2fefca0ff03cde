package dev.mailblocks.parse.exim;

import java.util.HashMap;
import java.util.Map;

/**
 * EximDeliveryLine as it was before the byte path (commit 269b1e6), for {@link LegacyEximLogParser}.
 *
 * <p>The parts of an Exim delivery line after its flag ({@code =>}, {@code ->}, {@code **},
 * {@code ==}, and {@code <=} for arrivals):
 * {@code ADDRESS [(UNIQUE)] [<PARENT>] [KEY=VALUE...] [defer (ERRNO)] [H=NAME [IP]:PORT] [: TEXT]}.
 *
 * <p>A small scanner rather than one regular expression, because values hold what a regular
 * expression stumbles on: quoted {@code DN="..."} and {@code C="..."} values with spaces and
 * colons, IPv6 addresses in brackets, ports after a colon, and the text separator that is
 * {@code " : "} after a field but {@code ": "} right after the address or a host.
 *
 * @param address the address as logged first (a recipient, a local part, a pipe or a file)
 * @param parent the address in angle brackets after it (the original recipient), or {@code null}
 * @param fields {@code R}, {@code T}, {@code C}, {@code id}, ...: the last value of each key
 * @param hostName the name of {@code H=}, or {@code null}
 * @param hostIp the address of {@code H=} without brackets and port, or {@code null}
 * @param errno the number of {@code defer (N)}, or {@code null}
 * @param text the text after the separator ({@code ""} when there is none)
 */
record LegacyEximDeliveryLine(String address, String parent, Map<String, String> fields, String hostName, String hostIp,
        String errno, String text) {

    /** Reads the part of a line after its flag and one space. */
    static LegacyEximDeliveryLine read(String s) {
        return new Scanner(s).scan();
    }

    /** The recipient: the address itself, or the parent when the address is a pipe, file or local part. */
    String recipient() {
        if (address.contains("@") && !startsLikeDestination(address)) {
            return address;
        }
        if (parent != null && !parent.isEmpty()) {
            return parent;
        }
        return address.isEmpty() ? null : address;
    }

    private static boolean startsLikeDestination(String a) {
        char c = a.charAt(0);
        return c == '|' || c == '/' || c == '>' || c == ':';
    }

    /** The value of a field, or {@code null}. */
    String field(String key) {
        return fields.get(key);
    }

    private static final class Scanner {
        private final String s;
        private final int n;
        private int i;
        private String parent;
        private final Map<String, String> fields = new HashMap<>();
        private String hostName;
        private String hostIp;
        private String errno;

        Scanner(String s) {
            this.s = s;
            this.n = s.length();
        }

        LegacyEximDeliveryLine scan() {
            String address = word();
            if (address.endsWith(":") && address.contains("@") && !startsLikeDestination(address)) {
                // "** a@example.net: retry timeout exceeded": the text follows the address directly
                return done(address.substring(0, address.length() - 1), rest(i));
            }
            while (true) {
                skipSpaces();
                if (i >= n) {
                    return done(address, "");
                }
                char c = s.charAt(i);
                if (c == ':' && (i + 1 == n || s.charAt(i + 1) == ' ')) {
                    return done(address, rest(i + 1));
                }
                if (c == '<') {
                    String v = bracketed('<', '>');
                    if (parent == null) {
                        parent = v;
                    }
                } else if (c == '(') {
                    bracketed('(', ')'); // a unique or original address shown in parentheses
                } else if (s.startsWith("defer (", i)) {
                    i += "defer ".length();
                    errno = bracketed('(', ')');
                } else if (isKeyAt(i)) {
                    int eq = s.indexOf('=', i);
                    String key = s.substring(i, eq);
                    i = eq + 1;
                    if (key.equals("H")) {
                        host();
                    } else {
                        String v = value();
                        if (v.endsWith(":") && (i >= n || s.charAt(i) == ' ')) {
                            // old Exim: "T=remote_smtp: SMTP error ..."
                            fields.put(key, v.substring(0, v.length() - 1));
                            return done(address, rest(i));
                        }
                        fields.put(key, v);
                    }
                } else {
                    word(); // a bare flag such as K, L or *
                }
                if (i < n && s.charAt(i) == ':' && (i + 1 == n || s.charAt(i + 1) == ' ')) {
                    return done(address, rest(i + 1));
                }
            }
        }

        private LegacyEximDeliveryLine done(String address, String text) {
            return new LegacyEximDeliveryLine(address, parent, Map.copyOf(fields), hostName, hostIp, errno, text);
        }

        private String rest(int from) {
            return from >= n ? "" : s.substring(from).strip();
        }

        private void skipSpaces() {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
        }

        private boolean isKeyAt(int at) {
            int j = at;
            while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            return j > at && j < n && s.charAt(j) == '=' && Character.isLetter(s.charAt(at));
        }

        /** A word up to a space outside double quotes. */
        private String word() {
            int start = i;
            boolean quoted = false;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ' ' && !quoted) {
                    break;
                }
                i++;
            }
            return s.substring(start, i);
        }

        /** {@code <...>} or {@code (...)} without its brackets, quotes inside respected. */
        private String bracketed(char open, char close) {
            int start = ++i;
            boolean quoted = false;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == close && !quoted) {
                    break;
                }
                i++;
            }
            String v = s.substring(start, Math.min(i, n));
            i = Math.min(i + 1, n);
            return v;
        }

        /** A field value: quoted (with backslash escapes), bracketed, or up to a space. */
        private String value() {
            if (i < n && s.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
                i = Math.min(i + 1, n);
                return v.toString();
            }
            if (i < n && s.charAt(i) == '<') {
                return bracketed('<', '>');
            }
            return word();
        }

        /** {@code H=name [ip]:port}, {@code H=[ip]}, {@code H=name} (then no address is known). */
        private void host() {
            if (i < n && s.charAt(i) != '[') {
                String name = plainUntilColonSpace();
                hostName = name.isEmpty() ? null : name;
                skipSpacesBeforeBracket();
            }
            if (i < n && s.charAt(i) == '[') {
                hostIp = bracketed('[', ']');
                // ":port" or "*" directly after the brackets belongs to the host, ": " is the separator
                while (i < n && s.charAt(i) != ' ' && !(s.charAt(i) == ':' && (i + 1 == n || s.charAt(i + 1) == ' '))) {
                    i++;
                }
            }
        }

        private String plainUntilColonSpace() {
            int start = i;
            while (i < n && s.charAt(i) != ' ' && !(s.charAt(i) == ':' && (i + 1 == n || s.charAt(i + 1) == ' '))) {
                i++;
            }
            return s.substring(start, i);
        }

        private void skipSpacesBeforeBracket() {
            int j = i;
            while (j < n && s.charAt(j) == ' ') {
                j++;
            }
            if (j < n && s.charAt(j) == '[') {
                i = j;
            }
        }
    }
}

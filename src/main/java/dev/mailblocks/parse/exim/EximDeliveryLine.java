package dev.mailblocks.parse.exim;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The parts of an Exim delivery line after its flag ({@code =>}, {@code ->}, {@code **},
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
record EximDeliveryLine(String address, String parent, Map<String, String> fields, String hostName, String hostIp,
        String errno, String text) {

    /** Reads the part of a line after its flag and one space. */
    static EximDeliveryLine read(String s) {
        return new Scanner(s, 0, s.length(), null).scan();
    }

    /**
     * Reads the part of a line after its flag and one space, as {@link #read} does, keeping the value
     * of one field only (an arrival line's {@code id}): the others are stepped over, not stored.
     */
    static EximDeliveryLine read(String s, String onlyField) {
        return new Scanner(s, 0, s.length(), new String[] {onlyField}).scan();
    }

    /**
     * Reads {@code s[from, to)} (the part of a whole line after its flag and one space) as
     * {@link #read(String)} reads it, keeping the values of the fields named only (the host's name and
     * address when {@code H} is named): the others are stepped over, and no {@code String} is made of them.
     */
    static EximDeliveryLine read(String s, int from, int to, String... keep) {
        return new Scanner(s, from, to, keep).scan();
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
        /** The fields to keep, or {@code null} for all. */
        private final String[] keep;
        /** The last character of the value {@link #value} stepped over, or -1 when it was empty. */
        private int lastOfValue;

        Scanner(String s, int from, int to, String[] keep) {
            this.s = s;
            this.i = from;
            this.n = to;
            this.keep = keep;
        }

        /** The name of the field whose key is {@code s[from, to)} when it is kept, else {@code null}. */
        private String kept(int from, int to) {
            if (keep == null) {
                return str(from, to);
            }
            for (String k : keep) {
                if (k.length() == to - from && regionMatches(from, k)) {
                    return k;
                }
            }
            return null;
        }

        private boolean regionMatches(int at, String what) {
            if (at + what.length() > n) {
                return false;
            }
            for (int k = 0; k < what.length(); k++) {
                if (s.charAt(at + k) != what.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private String str(int from, int to) {
            return s.substring(from, to);
        }

        EximDeliveryLine scan() {
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
                    String v = bracketed('>');
                    if (parent == null) {
                        parent = v;
                    }
                } else if (c == '(') {
                    skipBracketed(')'); // a unique or original address shown in parentheses
                } else if (regionMatches(i, "defer (")) {
                    i += "defer ".length();
                    errno = bracketed(')');
                } else if (isKeyAt(i)) {
                    int eq = i;
                    while (s.charAt(eq) != '=') {
                        eq++;
                    }
                    boolean isHost = eq - i == 1 && s.charAt(i) == 'H';
                    String key = isHost ? null : kept(i, eq);
                    i = eq + 1;
                    if (isHost) {
                        host();
                    } else {
                        String v = value(key != null);
                        if (lastOfValue == ':' && (i >= n || s.charAt(i) == ' ')) {
                            // old Exim: "T=remote_smtp: SMTP error ..."
                            if (key != null) {
                                fields.put(key, v.substring(0, v.length() - 1));
                            }
                            return done(address, rest(i));
                        }
                        if (key != null) {
                            fields.put(key, v);
                        }
                    }
                } else {
                    skipWord(); // a bare flag such as K, L or *
                }
                if (i < n && s.charAt(i) == ':' && (i + 1 == n || s.charAt(i + 1) == ' ')) {
                    return done(address, rest(i + 1));
                }
            }
        }

        private EximDeliveryLine done(String address, String text) {
            // the scanner's own map, not copied: nothing else holds it, and its values are never null
            return new EximDeliveryLine(address, parent, Collections.unmodifiableMap(fields), hostName, hostIp, errno,
                    text);
        }

        private String rest(int from) {
            return from >= n ? "" : str(from, n).strip();
        }

        private void skipSpaces() {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
        }

        private boolean isKeyAt(int at) {
            int j = at;
            while (j < n && isKeyChar(s.charAt(j))) {
                j++;
            }
            return j > at && j < n && s.charAt(j) == '=' && Character.isLetter(s.charAt(at));
        }

        /** {@code Character.isLetterOrDigit(c) || c == '_'}, ASCII answered first. */
        private static boolean isKeyChar(char c) {
            if (c < 0x80) {
                return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            }
            return Character.isLetterOrDigit(c);
        }

        /** A word up to a space outside double quotes. */
        private String word() {
            int start = i;
            skipWord();
            return str(start, i);
        }

        private void skipWord() {
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
        }

        /** {@code <...>}, {@code (...)} or {@code [...]} without its brackets, quotes inside respected. */
        private String bracketed(char close) {
            int start = i + 1;
            return str(start, skipBracketed(close));
        }

        /**
         * Steps over {@code <...>}, {@code (...)} or {@code [...]}, quotes inside respected, to just after
         * the closing bracket; returns where what it encloses ends (at the bracket, or the end when none).
         */
        private int skipBracketed(char close) {
            ++i;
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
            int end = i;
            i = Math.min(i + 1, n);
            return end;
        }

        /**
         * A field value: quoted (with backslash escapes), bracketed, or up to a space; made a string
         * only when {@code keep}, else {@code null}. Its last character is left in {@link #lastOfValue}.
         */
        private String value(boolean keep) {
            if (i < n && s.charAt(i) == '"') {
                int start = ++i;
                while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\\') {
                    i++;
                }
                if (i >= n || s.charAt(i) == '"') {
                    // no escape: the value is the text between the quotes (most, such as C="250 OK")
                    lastOfValue = i > start ? s.charAt(i - 1) : -1;
                    String v = keep ? str(start, i) : null;
                    i = Math.min(i + 1, n);
                    return v;
                }
                StringBuilder v = keep ? new StringBuilder().append(s, start, i) : null;
                int last = i > start ? s.charAt(i - 1) : -1;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    last = s.charAt(i++);
                    if (v != null) {
                        v.append((char) last);
                    }
                }
                i = Math.min(i + 1, n);
                lastOfValue = last;
                return v == null ? null : v.toString();
            }
            int start;
            int end;
            if (i < n && s.charAt(i) == '<') {
                start = i + 1;
                end = skipBracketed('>');
            } else {
                start = i;
                skipWord();
                end = i;
            }
            lastOfValue = end > start ? s.charAt(end - 1) : -1;
            return keep ? str(start, end) : null;
        }

        /**
         * {@code H=name [ip]:port}, {@code H=[ip]}, {@code H=name} (then no address is known); the name and
         * address are kept when all fields are, or {@code H} is among those kept.
         */
        private void host() {
            boolean keepHost = keep == null || Arrays.asList(keep).contains("H");
            if (i < n && s.charAt(i) != '[') {
                int start = i;
                while (i < n && s.charAt(i) != ' ' && !(s.charAt(i) == ':' && (i + 1 == n || s.charAt(i + 1) == ' '))) {
                    i++;
                }
                if (keepHost) {
                    hostName = i > start ? str(start, i) : null;
                }
                skipSpacesBeforeBracket();
            }
            if (i < n && s.charAt(i) == '[') {
                int start = i + 1;
                int end = skipBracketed(']');
                if (keepHost) {
                    hostIp = str(start, end);
                }
                // ":port" or "*" directly after the brackets belongs to the host, ": " is the separator
                while (i < n && s.charAt(i) != ' ' && !(s.charAt(i) == ':' && (i + 1 == n || s.charAt(i + 1) == ' '))) {
                    i++;
                }
            }
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

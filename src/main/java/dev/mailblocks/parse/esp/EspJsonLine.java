package dev.mailblocks.parse.esp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON-lines record read by one scan of its line that keeps only the values a profile's paths
 * reach and steps over everything else without building it: what {@link EspJsonRecord} reads from the
 * same line parsed by Jackson, for the lines the scan can read exactly.
 *
 * <p>The scan reads strict JSON (RFC 8259: no comments, no single quotes, no leading zeros, no
 * unescaped control character in a string, nothing after the object). It declines a line
 * ({@link #read} gives {@code false}, and the parser gives the line to Jackson) where Jackson's
 * answer could differ or where Jackson decides the error: anything outside that grammar, a key
 * repeated on a path the profile reads, a number the profile reads that is not a plain integer
 * (Jackson writes {@code 1.50} back as {@code 1.5}), a key with an escape, an escape making half a
 * surrogate pair, nesting deeper than {@link #MAX_DEPTH}, and a number or key longer than Jackson's
 * limits could be.
 *
 * <p>One instance serves every line of an input ({@link #read}); a line's values are taken before the
 * next line is read.
 */
final class EspJsonLine implements EspRecord {

    /** Deeper objects and arrays are Jackson's to read (its own limit is higher). */
    static final int MAX_DEPTH = 64;
    /** A longer number, or key, is Jackson's to read (its limits: 1,000 digits, 50,000 characters). */
    private static final int MAX_TOKEN = 200;
    /** A value at a path that is an object or an array: present, but no text. */
    private static final String CONTAINER = new String("{}");

    /** One step of the profile's paths: a member of an object, or ({@link #element}) each element of an array. */
    private static final class Node {
        /** The members read, by name (a handful: looked up by comparing the key's characters in place). */
        String[] names = new String[0];
        Node[] members = new Node[0];
        Node element;
        /** The paths ending here (their ids). */
        int[] ends = new int[0];
        /** The array-size slots of the paths whose first {@code []} follows this step. */
        int[] sizes = new int[0];
        /** Under an array step: values are kept per element. */
        final boolean inArray;
        /** The object scan that last met this member: a repeated key is seen by it. */
        long seenIn;

        Node(boolean inArray) {
            this.inArray = inArray;
        }

        Node key(String k) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(k)) {
                    return members[i];
                }
            }
            Node n = new Node(inArray);
            names = Arrays.copyOf(names, names.length + 1);
            members = Arrays.copyOf(members, members.length + 1);
            names[names.length - 1] = k;
            members[members.length - 1] = n;
            return n;
        }
    }

    private final Node root = new Node(false);
    private final Map<String, Integer> pathIds = new HashMap<>();
    private final Map<String, Integer> sizeIds = new HashMap<>();
    /** The array-size slot of each path with {@code []} (that of the path before its first {@code []}). */
    private final Map<String, Integer> sizeOfPath = new HashMap<>();
    /** Per path without {@code []}: its value, {@link #CONTAINER}, or null (absent or JSON null). */
    private String[] single = new String[0];
    /** Per path with {@code []}: its value per element index, as {@link #single}. */
    private List<List<String>> perElement = new ArrayList<>();
    private boolean[] elementPath = new boolean[0];
    /** Per array-size slot: the array's size, or -1 when the value is absent or not an array. */
    private int[] arraySizes = new int[0];
    private long objects;
    private String line;
    private int pos;
    /** The next backslash at or after {@link #pos} once {@link #backslash()} asked (MAX_VALUE: none). */
    private int back;
    /** Whether the line may hold control characters, which a string must not hold unescaped. */
    private boolean controls;

    private EspJsonLine() {
    }

    /**
     * The reader of a profile's paths (those of its recognition, time, outcome, fields and diagnostic
     * template), or {@code null} when a path crosses more than one array, which only Jackson's tree reads.
     */
    static EspJsonLine of(EspProfile p) {
        EspJsonLine r = new EspJsonLine();
        List<String> paths = new ArrayList<>();
        p.recognise().forEach(paths::addAll);
        paths.addAll(p.timeFrom());
        paths.addAll(p.outcomeFrom());
        p.fields().values().forEach(paths::addAll);
        if (p.diagnosticFallback() != null) {
            paths.addAll(EspEvents.templatePaths(p.diagnosticFallback()));
        }
        for (String path : paths) {
            if (!r.add(path)) {
                return null;
            }
        }
        return r;
    }

    /** Adds a path as {@link EspJsonRecord} resolves it (split at dots, a segment ending in {@code []} an array). */
    private boolean add(String path) {
        if (pathIds.containsKey(path)) {
            return true;
        }
        Node n = root;
        boolean crossed = false;
        for (String segment : path.split("\\.")) {
            boolean each = segment.endsWith("[]");
            String key = each ? segment.substring(0, segment.length() - 2) : segment;
            if (!key.isEmpty()) {
                n = n.key(key);
            }
            if (each) {
                if (crossed) {
                    return false;
                }
                crossed = true;
                if (n.element == null) {
                    n.element = new Node(true);
                }
                n = n.element;
            }
        }
        int id = pathIds.size();
        pathIds.put(path, id);
        n.ends = append(n.ends, id);
        single = Arrays.copyOf(single, id + 1);
        elementPath = Arrays.copyOf(elementPath, id + 1);
        elementPath[id] = crossed;
        perElement.add(crossed ? new ArrayList<>() : null);
        int brackets = path.indexOf("[]");
        if (brackets >= 0) {
            // size(path) resolves the path before its first []: a path with no [] (so not in an array)
            String prefix = path.substring(0, brackets);
            if (!sizeIds.containsKey(prefix)) {
                Node s = root;
                for (String segment : prefix.split("\\.")) {
                    if (segment.endsWith("[]")) {
                        return false; // cannot be: the first [] is after the prefix
                    }
                    if (!segment.isEmpty()) {
                        s = s.key(segment);
                    }
                }
                int slot = sizeIds.size();
                sizeIds.put(prefix, slot);
                s.sizes = append(s.sizes, slot);
                arraySizes = Arrays.copyOf(arraySizes, slot + 1);
            }
            sizeOfPath.put(path, sizeIds.get(prefix));
        }
        return true;
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /**
     * Reads a line; {@code false} when it is not one JSON object this scan reads exactly (see the class
     * comment): then nothing is known of it and Jackson is to read it.
     */
    boolean read(String text) {
        return read(text, false);
    }

    /** {@link #read(String)}, told the line is printable ASCII and tabs only ({@code false}: not known). */
    boolean read(String text, boolean plain) {
        Arrays.fill(single, null);
        Arrays.fill(arraySizes, -1);
        for (List<String> l : perElement) {
            if (l != null) {
                l.clear();
            }
        }
        line = text;
        pos = 0;
        back = -1;
        controls = plain ? text.indexOf('\t') >= 0 : hasControl(text);
        try {
            skipSpace();
            if (pos >= line.length() || line.charAt(pos) != '{') {
                return false;
            }
            value(root, 0, 0);
            skipSpace();
            return pos == line.length();
        } catch (Decline e) {
            return false;
        }
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                return true;
            }
        }
        return false;
    }

    /** The next backslash at or after {@link #pos}, or {@code Integer.MAX_VALUE}; searched again only once passed. */
    private int backslash() {
        if (back < pos) {
            int b = line.indexOf('\\', pos);
            back = b < 0 ? Integer.MAX_VALUE : b;
        }
        return back;
    }

    /** The line is one the scan does not read exactly. */
    private static final class Decline extends Exception {
        private static final long serialVersionUID = 1L;
        static final Decline INSTANCE = new Decline();

        private Decline() {
            super(null, null, false, false);
        }
    }

    private static Decline decline() {
        return Decline.INSTANCE;
    }

    /** Reads the value at {@code pos} for node {@code n} (null: a value no path reaches), element {@code index}. */
    private void value(Node n, int index, int depth) throws Decline {
        if (pos >= line.length()) {
            throw decline();
        }
        char c = line.charAt(pos);
        if (n == null) {
            skipValue(c, depth);
            return;
        }
        String v;
        if (c == '{') {
            if (depth >= MAX_DEPTH) {
                throw decline();
            }
            object(n, index, depth + 1);
            v = CONTAINER;
            sizes(n, -1);
        } else if (c == '[') {
            if (depth >= MAX_DEPTH) {
                throw decline();
            }
            int size = array(n.element, depth + 1);
            v = CONTAINER;
            sizes(n, size);
        } else if (c == '"') {
            v = n.ends.length == 0 ? skipString() : string();
            sizes(n, -1);
        } else {
            int start = pos;
            boolean plainInteger = scalar(c);
            v = line.substring(start, pos);
            if (v.equals("null")) {
                v = null;
            } else if (!plainInteger && !v.equals("true") && !v.equals("false") && n.ends.length > 0) {
                throw decline(); // a number Jackson would write back otherwise (1.50, 1e3, -0)
            }
            sizes(n, -1);
        }
        for (int id : n.ends) {
            if (n.inArray) {
                List<String> values = perElement.get(id);
                while (values.size() < index) {
                    values.add(null);
                }
                values.add(v);
            } else {
                single[id] = v;
            }
        }
    }

    private void sizes(Node n, int size) {
        for (int slot : n.sizes) {
            arraySizes[slot] = size;
        }
    }

    private void object(Node n, int index, int depth) throws Decline {
        long scan = ++objects;
        if (opensEmpty('}')) {
            return;
        }
        while (true) {
            if (peek() != '"') {
                throw decline();
            }
            Node child = key(n);
            colon();
            if (child != null) {
                if (child.seenIn == scan) {
                    throw decline(); // a repeated key on a path read: which one counts is Jackson's to say
                }
                child.seenIn = scan;
            }
            value(child, index, depth);
            if (closes('}')) {
                return;
            }
        }
    }

    /** Reads an array whose elements go to {@code element} (null: none read); gives its size. */
    private int array(Node element, int depth) throws Decline {
        if (opensEmpty(']')) {
            return 0;
        }
        int size = 0;
        while (true) {
            value(element, size, depth);
            size++;
            if (closes(']')) {
                return size;
            }
        }
    }

    private void skipValue(char c, int depth) throws Decline {
        if (c == '{') {
            if (depth >= MAX_DEPTH) {
                throw decline();
            }
            if (opensEmpty('}')) {
                return;
            }
            while (true) {
                if (peek() != '"') {
                    throw decline();
                }
                skipString();
                colon();
                skipValue(peek(), depth + 1);
                if (closes('}')) {
                    return;
                }
            }
        } else if (c == '[') {
            if (depth >= MAX_DEPTH) {
                throw decline();
            }
            array(null, depth + 1);
        } else if (c == '"') {
            skipString();
        } else {
            scalar(c);
        }
    }

    /**
     * At an object's or array's opening: steps over it and the spaces after it; if {@code close}
     * follows at once (an empty one), steps over that too and says so.
     */
    private boolean opensEmpty(char close) {
        pos++;
        skipSpace();
        if (peek() == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After a member's key: steps over the spaces, the colon and the spaces before its value. */
    private void colon() throws Decline {
        skipSpace();
        if (peek() != ':') {
            throw decline();
        }
        pos++;
        skipSpace();
    }

    /**
     * After a member or an element: steps over the closing {@code close} and says so, or over a comma
     * and the spaces after it; anything else is not JSON this reader takes.
     */
    private boolean closes(char close) throws Decline {
        skipSpace();
        char c = peek();
        pos++;
        if (c == close) {
            return true;
        }
        if (c != ',') {
            throw decline();
        }
        skipSpace();
        return false;
    }

    /** Steps over one digit or more; none is not a number. */
    private void digitRun() throws Decline {
        int from = pos;
        while (pos < line.length() && isDigit(line.charAt(pos))) {
            pos++;
        }
        if (pos == from) {
            throw decline();
        }
    }

    /** The character at {@code pos}, or 0 at the end (never valid where it is asked). */
    private char peek() {
        return pos < line.length() ? line.charAt(pos) : 0;
    }

    private void skipSpace() {
        int n = line.length();
        while (pos < n) {
            char c = line.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /**
     * Steps over a number, {@code true}, {@code false} or {@code null} (followed by a character that may
     * follow a value); says whether it was an integer Jackson writes back as it is written.
     */
    private boolean scalar(char c) throws Decline {
        int start = pos;
        int n = line.length();
        boolean plainInteger;
        if (c == 't' || c == 'f' || c == 'n') {
            String word = c == 't' ? "true" : c == 'f' ? "false" : "null";
            if (!line.startsWith(word, pos)) {
                throw decline();
            }
            pos += word.length();
            plainInteger = false;
        } else {
            if (c == '-') {
                pos++;
            }
            int digits = pos;
            if (pos < n && line.charAt(pos) == '0') {
                pos++;
            } else {
                digitRun();
            }
            int intDigits = pos - digits;
            plainInteger = intDigits <= 18 && !(c == '-' && line.charAt(digits) == '0');
            if (pos < n && line.charAt(pos) == '.') {
                pos++;
                digitRun();
                plainInteger = false;
            }
            if (pos < n && (line.charAt(pos) == 'e' || line.charAt(pos) == 'E')) {
                pos++;
                if (pos < n && (line.charAt(pos) == '+' || line.charAt(pos) == '-')) {
                    pos++;
                }
                digitRun();
                plainInteger = false;
            }
            if (pos - start > MAX_TOKEN) {
                throw decline();
            }
        }
        if (pos < n) {
            char d = line.charAt(pos);
            if (d != ',' && d != '}' && d != ']' && d != ' ' && d != '\t' && d != '\r' && d != '\n') {
                throw decline();
            }
        }
        return plainInteger;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Reads a key (a string without escapes, not longer than {@link #MAX_TOKEN}); gives the member of {@code n} it names, or null. */
    private Node key(Node n) throws Decline {
        int start = ++pos;
        int quote = line.indexOf('"', start);
        if (quote < 0 || quote - start > MAX_TOKEN || backslash() < quote) {
            throw decline();
        }
        if (controls) {
            checkControl(start, quote);
        }
        pos = quote + 1;
        int length = quote - start;
        String[] names = n.names;
        for (int i = 0; i < names.length; i++) {
            if (names[i].length() == length && line.startsWith(names[i], start)) {
                return n.members[i];
            }
        }
        return null;
    }

    /** Steps over a string, checking its escapes as a string read does; gives nothing (a value no path keeps). */
    private String skipString() throws Decline {
        int n = line.length();
        pos++;
        int quote = line.indexOf('"', pos);
        while (true) {
            if (quote < 0) {
                throw decline();
            }
            int b = backslash();
            if (b > quote) {
                if (controls) {
                    checkControl(pos, quote);
                }
                pos = quote + 1;
                return null;
            }
            if (controls) {
                checkControl(pos, b);
            }
            pos = b + 1;
            if (pos >= n) {
                throw decline();
            }
            char e = line.charAt(pos);
            if (e == 'u') {
                hex4(pos + 1);
                pos += 5;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                pos++;
            } else {
                throw decline();
            }
            if (quote < pos) {
                quote = line.indexOf('"', pos);
            }
        }
    }

    private void checkControl(int from, int to) throws Decline {
        for (int i = from; i < to; i++) {
            if (line.charAt(i) < 0x20) {
                throw decline();
            }
        }
    }

    /** A string's value, its escapes decoded. */
    private String string() throws Decline {
        int n = line.length();
        int start = ++pos;
        int quote = line.indexOf('"', pos);
        if (quote < 0) {
            throw decline();
        }
        if (backslash() > quote) {
            if (controls) {
                checkControl(pos, quote);
            }
            pos = quote + 1;
            return line.substring(start, quote);
        }
        StringBuilder out = new StringBuilder(quote - start + 16);
        while (true) {
            char c = pos < n ? line.charAt(pos) : 0;
            if (pos >= n || c < 0x20) {
                throw decline();
            }
            pos++;
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = pos < n ? line.charAt(pos) : 0;
            pos++;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    char u = (char) hex4(pos);
                    if (Character.isSurrogate(u)) {
                        throw decline(); // pairs and lone halves: Jackson's to read
                    }
                    out.append(u);
                    pos += 4;
                }
                default -> throw decline();
            }
        }
    }

    private int hex4(int at) throws Decline {
        if (at + 4 > line.length()) {
            throw decline();
        }
        int v = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(line.charAt(i), 16);
            if (d < 0 || line.charAt(i) > 'f') {
                throw decline();
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Whether the line read is a record of the profile: it has every path of one recognition set. */
    boolean recognisedBy(EspProfile p) {
        for (List<String> set : p.recognise()) {
            boolean all = true;
            for (String path : set) {
                all &= has(path);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** {@link EspJsonRecord#has}: a non-null value (an object or array too) at the path, the first element for {@code []}. */
    private boolean has(String path) {
        int id = id(path);
        return (elementPath[id] ? at(perElement.get(id), 0) : single[id]) != null;
    }

    private int id(String path) {
        Integer id = pathIds.get(path);
        if (id == null) {
            throw new IllegalStateException("a path the profile does not read: " + path);
        }
        return id;
    }

    private static String at(List<String> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }

    @Override
    public String value(String path, int index) {
        int id = id(path);
        String v = elementPath[id] ? at(perElement.get(id), index) : single[id];
        if (v == null || v == CONTAINER) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    @Override
    public int size(String path) {
        Integer slot = sizeOfPath.get(path);
        if (slot == null) {
            id(path); // a path the profile does not read throws
            return -1; // a path without []
        }
        return Math.max(arraySizes[slot], 0);
    }
}

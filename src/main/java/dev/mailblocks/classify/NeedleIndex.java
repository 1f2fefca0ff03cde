package dev.mailblocks.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Every substring ("needle") of the catalogue found in one pass over a template (an Aho-Corasick
 * automaton), instead of one {@code contains} per needle per entry: a template not seen before
 * costs one scan of its text plus the regexes of the entries whose needles allow them, not some
 * thousand substring searches. {@link #matchText} gives exactly what
 * {@link CatalogueEntry#matchText} gives (the test suite compares them on every catalogue example).
 * Immutable once built; safe to share between threads.
 */
final class NeedleIndex {

    private final List<CatalogueEntry> entries;
    /** Per entry, the needle ids of its {@code any} and {@code all} lists, in list order. */
    private final int[][] anyIds;
    private final int[][] allIds;
    /**
     * Per entry with a regex, the ids of literals one of which any match of the regex holds
     * ({@link #requiredLiterals}), or {@code null} when none can be told: the regex runs only on a
     * template that holds one of them.
     */
    private final int[][] regexIds;
    private final int needleCount;
    /** Needles that are empty: {@code contains("")} is always true. */
    private final int[] emptyNeedles;
    /** Character class of each char: 0 for a char no needle holds (it always leads back to the root). */
    private final char[] classOf = new char[Character.MAX_VALUE + 1];
    private final int classes;
    /** The automaton as a full transition table: {@code next[state * classes + class]}. */
    private final int[] next;
    /** Needles that end at each state (through the failure links too). */
    private final int[][] out;

    NeedleIndex(List<CatalogueEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, Integer> ids = new LinkedHashMap<>();
        anyIds = new int[entries.size()][];
        allIds = new int[entries.size()][];
        regexIds = new int[entries.size()][];
        for (int i = 0; i < entries.size(); i++) {
            anyIds[i] = idsOf(entries.get(i).any(), ids);
            allIds[i] = idsOf(entries.get(i).all(), ids);
            List<String> required = entries.get(i).regex() == null ? null
                    : requiredLiterals(entries.get(i).regex().pattern());
            regexIds[i] = required == null ? null : idsOf(required, ids);
        }
        needleCount = ids.size();
        List<String> needles = new ArrayList<>(ids.keySet());
        emptyNeedles = ids.entrySet().stream().filter(e -> e.getKey().isEmpty()).mapToInt(Map.Entry::getValue).toArray();

        int cls = 1;
        for (String n : needles) {
            for (int k = 0; k < n.length(); k++) {
                char c = n.charAt(k);
                if (classOf[c] == 0) {
                    classOf[c] = (char) cls++;
                }
            }
        }
        classes = cls;

        // the trie
        List<Map<Character, Integer>> children = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        children.add(new HashMap<>());
        ends.add(new ArrayList<>());
        for (int id = 0; id < needles.size(); id++) {
            String n = needles.get(id);
            if (n.isEmpty()) {
                continue;
            }
            int s = 0;
            for (int k = 0; k < n.length(); k++) {
                char c = n.charAt(k);
                Integer t = children.get(s).get(c);
                if (t == null) {
                    t = children.size();
                    children.add(new HashMap<>());
                    ends.add(new ArrayList<>());
                    children.get(s).put(c, t);
                }
                s = t;
            }
            ends.get(s).add(id);
        }
        int states = children.size();
        next = new int[states * classes];
        int[] fail = new int[states];
        out = new int[states][];
        // breadth first: a state's failure link and transitions come from shallower states
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        out[0] = new int[0];
        for (Map.Entry<Character, Integer> e : children.get(0).entrySet()) {
            next[classOf[e.getKey()]] = e.getValue();
            fail[e.getValue()] = 0;
            queue.add(e.getValue());
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int f = fail[s];
            List<Integer> own = ends.get(s);
            int[] inherited = out[f];
            if (own.isEmpty()) {
                out[s] = inherited; // shared: never written to
            } else {
                int[] all = Arrays.copyOf(inherited, own.size() + inherited.length);
                for (int k = 0; k < own.size(); k++) {
                    all[inherited.length + k] = own.get(k);
                }
                out[s] = all;
            }
            System.arraycopy(next, f * classes, next, s * classes, classes);
            for (Map.Entry<Character, Integer> e : children.get(s).entrySet()) {
                int t = e.getValue();
                int c = classOf[e.getKey()];
                fail[t] = next[f * classes + c];
                next[s * classes + c] = t;
                queue.add(t);
            }
        }
    }

    private static int[] idsOf(List<String> needles, Map<String, Integer> ids) {
        int[] r = new int[needles.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = ids.computeIfAbsent(needles.get(k), n -> ids.size());
        }
        return r;
    }

    /** Which needles occur in a (lower-cased) text, by needle id. */
    boolean[] present(String lower) {
        // the last slot says whether the text is all ASCII: only then do the literals of a regex decide
        // (a case-insensitive Unicode regex's "s" also matches the long s, its "k" the Kelvin sign)
        boolean[] present = new boolean[needleCount + 1];
        for (int id : emptyNeedles) {
            present[id] = true;
        }
        int s = 0;
        char or = 0;
        for (int k = 0; k < lower.length(); k++) {
            char c = lower.charAt(k);
            or |= c;
            s = next[s * classes + classOf[c]];
            for (int id : out[s]) {
                present[id] = true;
            }
        }
        present[needleCount] = or < 0x80;
        return present;
    }

    /**
     * What {@link CatalogueEntry#matchText} gives for entry number {@code i} on {@code lower}, given
     * the needles {@link #present} found in it.
     */
    String matchText(int i, String lower, boolean[] present) {
        CatalogueEntry entry = entries.get(i);
        String matched = null;
        int[] any = anyIds[i];
        if (any.length > 0) {
            List<String> needles = entry.any();
            for (int k = 0; k < any.length; k++) {
                String needle = needles.get(k);
                if (present[any[k]] && (matched == null || needle.length() > matched.length())) {
                    matched = needle;
                }
            }
            if (matched == null) {
                return null;
            }
        }
        int[] all = allIds[i];
        List<String> needles = entry.all();
        for (int k = 0; k < all.length; k++) {
            if (!present[all[k]]) {
                return null;
            }
            String needle = needles.get(k);
            if (matched == null || needle.length() > matched.length()) {
                matched = needle;
            }
        }
        if (entry.regex() != null) {
            int[] required = regexIds[i];
            if (required != null && present[needleCount] && !anyPresent(required, present)) {
                return null; // no literal the regex needs is in the text: it cannot match
            }
            Matcher m = entry.regex().matcher(lower);
            if (!m.find()) {
                return null;
            }
            if (matched == null || m.group().length() > matched.length()) {
                matched = m.group();
            }
        }
        return matched;
    }

    private static boolean anyPresent(int[] ids, boolean[] present) {
        for (int id : ids) {
            if (present[id]) {
                return true;
            }
        }
        return false;
    }

    private static final String META = "\\()[]{}.^$|?*+";

    /**
     * Lower-cased ASCII literals (three characters or more) one of which occurs in any text a regex
     * finds a match in, or {@code null} when the regex does not say (an alternative with no such
     * literal, inline flags, quoting). Conservative: a literal is taken only from what every match
     * must contain, outside optional parts; a group counts only when it is not optional and not a
     * lookaround.
     */
    static List<String> requiredLiterals(String regex) {
        if (regex.matches("(?s).*\\(\\?[a-zA-Z-]+[:)].*") || regex.matches("(?s).*\\\\[0-9xuQEcpPkNRX].*")) {
            return null; // inline flags (comments mode, case), quoting, numbered or coded escapes: not read here
        }
        List<String> out = new ArrayList<>();
        for (String alternative : split(regex)) {
            List<String> r = requiredOfSequence(alternative);
            if (r == null) {
                return null;
            }
            out.addAll(r);
        }
        return out.stream().distinct().toList();
    }

    /** The top-level alternatives of a regex (split at each {@code |} outside groups and classes). */
    private static List<String> split(String regex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int k = 0; k < regex.length(); k++) {
            char c = regex.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[') {
                k = classEnd(regex, k);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(regex.substring(start, k));
                start = k + 1;
            }
        }
        parts.add(regex.substring(start));
        return parts;
    }

    /** The index of the {@code ]} that ends the class opening at {@code open}. */
    private static int classEnd(String re, int open) {
        int k = open + 1;
        if (k < re.length() && re.charAt(k) == '^') {
            k++;
        }
        if (k < re.length() && re.charAt(k) == ']') {
            k++; // a ] first in a class is a literal
        }
        int depth = 1;
        for (; k < re.length(); k++) {
            char c = re.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return k;
            }
        }
        return re.length();
    }

    /** The index of the {@code )} that closes the group opening at {@code open}. */
    private static int groupEnd(String re, int open) {
        int depth = 0;
        for (int k = open; k < re.length(); k++) {
            char c = re.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[') {
                k = classEnd(re, k);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return k;
            }
        }
        return re.length();
    }

    /** The index after a quantifier at {@code k} (with its lazy or possessive mark), or {@code k}. */
    private static int quantifierEnd(String re, int k) {
        if (k >= re.length()) {
            return k;
        }
        char c = re.charAt(k);
        int end;
        if (c == '?' || c == '*' || c == '+') {
            end = k + 1;
        } else if (c == '{') {
            int close = re.indexOf('}', k);
            end = close < 0 ? re.length() : close + 1;
        } else {
            return k;
        }
        if (end < re.length() && (re.charAt(end) == '?' || re.charAt(end) == '+')) {
            end++;
        }
        return end;
    }

    /** Whether the quantifier at {@code k} allows zero repetitions. */
    private static boolean optional(String re, int k) {
        char c = re.charAt(k);
        return c == '?' || c == '*' || (c == '{' && (k + 1 >= re.length() || re.charAt(k + 1) == '0'
                || re.charAt(k + 1) == ','));
    }

    /**
     * What one alternative (a sequence with no top-level {@code |}) requires: its longest literal run
     * when that is three characters or more, else the literals of its first required group that has
     * them, else {@code null}.
     */
    private static List<String> requiredOfSequence(String re) {
        String best = "";
        List<String> fromGroup = null;
        StringBuilder run = new StringBuilder();
        int k = 0;
        while (k < re.length()) {
            char c = re.charAt(k);
            int after;
            Character literal = null;
            if (c == '\\') {
                if (k + 1 >= re.length()) {
                    return null;
                }
                char e = re.charAt(k + 1);
                after = k + 2;
                if (!Character.isLetterOrDigit(e) && e < 0x80) {
                    literal = e; // an escaped punctuation character stands for itself
                }
            } else if (c == '[') {
                after = classEnd(re, k) + 1;
            } else if (c == '(') {
                int close = groupEnd(re, k);
                after = close + 1;
                int q = quantifierEnd(re, after);
                boolean required = q == after || !optional(re, after);
                String inner = re.substring(k + 1, Math.min(close, re.length()));
                if (required && fromGroup == null && !inner.startsWith("?=") && !inner.startsWith("?!")
                        && !inner.startsWith("?<=") && !inner.startsWith("?<!")) {
                    if (inner.startsWith("?:") || inner.startsWith("?>")) {
                        inner = inner.substring(2);
                    } else if (inner.startsWith("?<")) {
                        int name = inner.indexOf('>');
                        inner = name < 0 ? "" : inner.substring(name + 1);
                    }
                    fromGroup = inner.startsWith("?") ? null : requiredLiterals(inner);
                }
            } else if (META.indexOf(c) >= 0) {
                after = k + 1; // . ^ $ and the like
            } else {
                after = k + 1;
                literal = c < 0x80 ? c : null;
            }
            int q = quantifierEnd(re, after);
            if (literal != null && (q == after || !optional(re, after))) {
                run.append(Character.toLowerCase(literal.charValue()));
                if (q != after) { // x+ or x{2,}: x is there, but what follows need not be next to it
                    best = longer(best, run);
                    run.setLength(0);
                }
            } else {
                best = longer(best, run);
                run.setLength(0);
            }
            k = q;
        }
        best = longer(best, run);
        if (best.length() >= 3) {
            return List.of(best);
        }
        return fromGroup;
    }

    private static String longer(String best, CharSequence run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    /** The entries, in the order {@link #matchText} numbers them. */
    List<CatalogueEntry> entries() {
        return entries;
    }
}

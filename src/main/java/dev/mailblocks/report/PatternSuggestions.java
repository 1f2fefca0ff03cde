package dev.mailblocks.report;

import dev.mailblocks.model.Category;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.ReportRows.TemplateSample;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Draft catalogue entries for the most frequent unclassified templates, for a person to review:
 * an id, a match on the template's longest literal run, the reply code, and examples from the
 * data (addresses redacted). The category, advice and a near miss are left for that person.
 */
public final class PatternSuggestions {

    private PatternSuggestions() {
    }

    /** Writes the drafts; returns how many there are. */
    public static int write(ReportQueries q, ReportFilter f, int limit, Path file) {
        List<TemplateSample> samples = q.unclassifiedSamples(f, limit);
        ReportFiles.write(file, render(samples));
        return samples.size();
    }

    static String render(List<TemplateSample> samples) {
        Redactor redactor = new Redactor(true);
        StringBuilder y = new StringBuilder(4096);
        y.append("# Draft catalogue entries from `mailblocks patterns suggest`: the most frequent unclassified\n")
                .append("# refusal templates of the store. Review each one before moving it into patterns/:\n")
                .append("# choose its category, write its advice and at least one near miss, check the match,\n")
                .append("# then run `mailblocks patterns check`.\n")
                .append("# Categories: ")
                .append(Arrays.stream(Category.values()).map(Category::id).filter(c -> !c.equals("unclassified"))
                        .collect(Collectors.joining(", ")))
                .append("\n");
        if (samples.isEmpty()) {
            y.append("# Nothing to suggest: every stored refusal was classified.\nentries: []\n");
            return y.toString();
        }
        y.append("entries:\n");
        Set<String> ids = new HashSet<>();
        for (TemplateSample s : samples) {
            String id = id(s.template(), ids);
            y.append("  # ").append(s.attempts()).append(" refusals, ").append(s.domains())
                    .append(" recipient domains; template: ").append(oneLine(s.template())).append('\n');
            y.append("  - id: ").append(id).append('\n');
            y.append("    category:            # TO CHOOSE (see the list above)\n");
            y.append("    match:\n      any: [").append(quote(literal(s.template()))).append("]\n");
            String reply = s.codes() == null || s.codes().isBlank() ? null : s.codes().split(" ")[0];
            if (reply != null && reply.matches("[245]\\d\\d")) {
                y.append("    when:\n      reply: [").append(quote(reply.charAt(0) + "xx")).append("]\n");
            }
            y.append("    advice: \"\"          # TO WRITE: what the reader should do\n");
            y.append("    ref: ").append(quote("seen in our logs (" + s.attempts() + " refusals)")).append('\n');
            y.append("    reviewed:            # TO SET: the date of your review\n");
            y.append("    examples:\n      match:\n");
            for (String e : s.examples()) {
                y.append("        - ").append(quote(redactor.text(e))).append('\n');
            }
            y.append("      miss: []             # TO WRITE: at least one near miss\n");
        }
        return y.toString();
    }

    /** The longest run of the template without a placeholder ({@code <n>}, {@code <ip>}...), lower-cased. */
    static String literal(String template) {
        String best = "";
        String core = template.replaceFirst("^host \\S+ (said|refused to talk to me):\\s*", "")
                .replaceFirst("\\s*\\(in reply to [^)]*\\)\\s*$", "");
        for (String part : core.split("<[a-z]+>")) {
            String p = part.strip().replaceAll("^[^a-zA-Z0-9]+|[^a-zA-Z0-9.)]+$", "");
            if (p.length() > best.length()) {
                best = p;
            }
        }
        return (best.isEmpty() ? template.strip() : best).toLowerCase(Locale.ROOT);
    }

    private static String id(String template, Set<String> taken) {
        String words = Arrays.stream(literal(template).split("[^a-z0-9]+")).filter(w -> w.length() > 1
                && !w.matches("\\d+")).limit(5).collect(Collectors.joining("-"));
        String base = "suggested-" + (words.isEmpty() ? "template" : words);
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** Text for a comment line: every control and line/paragraph separator (YAML reads NEL as a break) becomes a space. */
    private static String oneLine(String s) {
        String t = s.replaceAll("[\\p{Cc}\\u2028\\u2029\\ufeff]+", " ");
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }

    /** A double-quoted YAML scalar. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 32 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if ((c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        // C1 controls and Unicode separators: YAML would read some as line breaks
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

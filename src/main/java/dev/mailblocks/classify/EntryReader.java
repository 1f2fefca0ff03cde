package dev.mailblocks.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailblocks.model.Category;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates one catalogue entry: keys, id, category, provider, priority, needles,
 * regex (no nested quantifiers), constraints and examples. Problems are added to the loader's
 * list, each naming the file and the entry.
 */
final class EntryReader {

    /** Stable ids: entries and providers. */
    static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern REPLY = Pattern.compile("[245](?:\\d\\d|xx)");
    private static final Pattern ENHANCED_PREFIX = Pattern.compile("[245]\\.(?:\\d{1,3}\\.(?:\\d{1,3})?)?");
    /** A group holding a quantifier, itself quantified: the shape of catastrophic backtracking. */
    private static final Pattern NESTED_QUANTIFIER =
            Pattern.compile("\\((?:[^()\\\\]|\\\\.)*[+*}](?:[^()\\\\]|\\\\.)*\\)(?:[+*]|\\{\\d*,)");
    private static final Set<String> ENTRY_KEYS = Set.of("id", "category", "provider", "priority", "match", "when",
            "advice", "links", "ref", "reviewed", "examples", "final");
    private static final Set<String> MATCH_KEYS = Set.of("any", "all", "regex");
    private static final Set<String> WHEN_KEYS = Set.of("reply", "enhanced", "phase", "host", "provider");
    private static final Set<String> EXAMPLE_KEYS = Set.of("text", "reply", "enhanced", "phase", "host", "outcome");

    private final List<String> problems;
    private final ProviderTable providers;

    EntryReader(List<String> problems, ProviderTable providers) {
        this.problems = problems;
        this.providers = providers;
    }

    /** Reads one entry; returns null (with its problems recorded) when it is invalid. */
    CatalogueEntry read(String file, JsonNode n, int order) {
        String id = text(n, "id");
        int before = problems.size();
        if (!n.isObject()) {
            problems.add(CatalogueException.problem(file, null, "an entry is not a mapping"));
            return null;
        }
        if (id == null) {
            problems.add(CatalogueException.problem(file, null, "an entry has no id"));
            return null;
        }
        if (!KEBAB.matcher(id).matches()) {
            problems.add(CatalogueException.problem(file, id, "id is not kebab-case"));
        }
        unknownKeys(file, id, n, ENTRY_KEYS, "");
        Category category = Category.byId(text(n, "category")).orElse(null);
        if (category == null || category == Category.UNCLASSIFIED) {
            problems.add(CatalogueException.problem(file, id, "unknown category " + text(n, "category")));
        }
        String provider = text(n, "provider");
        if (provider != null && !providers.contains(provider)) {
            problems.add(CatalogueException.problem(file, id, "unknown provider " + provider));
        }
        int priority = 50;
        if (n.has("priority")) {
            if (!n.get("priority").canConvertToInt() || n.get("priority").asInt() < 0 || n.get("priority").asInt() > 100) {
                problems.add(CatalogueException.problem(file, id, "priority must be a whole number 0..100"));
            } else {
                priority = n.get("priority").asInt();
            }
        }
        JsonNode match = n.get("match");
        List<String> any = List.of();
        List<String> all = List.of();
        Pattern regex = null;
        if (match == null || !match.isObject()) {
            problems.add(CatalogueException.problem(file, id, "no 'match:' mapping"));
        } else {
            unknownKeys(file, id, match, MATCH_KEYS, "match.");
            any = needles(file, id, match.get("any"));
            all = needles(file, id, match.get("all"));
            String r = text(match, "regex");
            if (r != null) {
                regex = compile(file, id, r);
            }
            if (any.isEmpty() && all.isEmpty() && r == null) {
                problems.add(CatalogueException.problem(file, id, "match has none of any / all / regex"));
            }
        }
        Set<String> replies = Set.of();
        List<String> enhanced = List.of();
        Set<SmtpPhase> phases = Set.of();
        boolean phaseUnknown = false;
        List<String> hosts = List.of();
        Set<String> whenProviders = Set.of();
        JsonNode when = n.get("when");
        if (when != null) {
            unknownKeys(file, id, when, WHEN_KEYS, "when.");
            replies = new LinkedHashSet<>(strings(file, id, when.get("reply")));
            for (String r : replies) {
                if (!REPLY.matcher(r).matches()) {
                    problems.add(CatalogueException.problem(file, id, "when.reply: not a reply code or class: " + r));
                }
            }
            enhanced = strings(file, id, when.get("enhanced"));
            for (String e : enhanced) {
                if (!ENHANCED_PREFIX.matcher(e).matches()) {
                    problems.add(CatalogueException.problem(file, id, "when.enhanced: not a code or prefix: " + e));
                }
            }
            Set<SmtpPhase> ph = new LinkedHashSet<>();
            for (String p : strings(file, id, when.get("phase"))) {
                if (p.equalsIgnoreCase("unknown")) {
                    phaseUnknown = true;
                    continue;
                }
                try {
                    ph.add(SmtpPhase.fromId(p));
                } catch (IllegalArgumentException ex) {
                    problems.add(CatalogueException.problem(file, id, "when.phase: unknown phase " + p));
                }
            }
            phases = ph;
            hosts = strings(file, id, when.get("host")).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            whenProviders = new LinkedHashSet<>(strings(file, id, when.get("provider")));
            for (String p : whenProviders) {
                if (!providers.contains(p)) {
                    problems.add(CatalogueException.problem(file, id, "when.provider: unknown provider " + p));
                }
            }
        }
        Category finalCategory = null;
        if (text(n, "final") != null) {
            finalCategory = Category.byId(text(n, "final")).orElse(null);
            if (finalCategory == null || finalCategory == Category.UNCLASSIFIED) {
                problems.add(CatalogueException.problem(file, id, "final: unknown category " + text(n, "final")));
            }
        }
        String advice = text(n, "advice");
        if (advice == null || advice.isBlank()) {
            problems.add(CatalogueException.problem(file, id, "no advice"));
        }
        if (text(n, "ref") == null || text(n, "ref").isBlank()) {
            problems.add(CatalogueException.problem(file, id, "no ref (where the wording comes from)"));
        }
        String reviewed = text(n, "reviewed");
        if (reviewed == null || !reviewed.matches("\\d{4}-\\d{2}-\\d{2}")) {
            problems.add(CatalogueException.problem(file, id, "reviewed must be the date of the last review (2026-11-23)"));
        }
        List<Example> matches = new ArrayList<>();
        List<Example> misses = new ArrayList<>();
        JsonNode examples = n.get("examples");
        if (examples == null || !examples.isObject()) {
            problems.add(CatalogueException.problem(file, id, "no 'examples:' mapping"));
        } else {
            unknownKeys(file, id, examples, Set.of("match", "miss"), "examples.");
            matches = examples(file, id, examples.get("match"));
            misses = examples(file, id, examples.get("miss"));
            if (matches.isEmpty()) {
                problems.add(CatalogueException.problem(file, id, "no match example"));
            }
            if (misses.isEmpty()) {
                problems.add(CatalogueException.problem(file, id, "no near-miss example"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new CatalogueEntry(id, category, finalCategory, provider, priority, any, all, regex, replies, enhanced,
                phases, phaseUnknown, hosts, whenProviders, advice.strip(), strings(file, id, n.get("links")), text(n, "ref"), text(n, "reviewed"),
                matches, misses, file, order);
    }

    private List<String> needles(String file, String id, JsonNode node) {
        List<String> out = new ArrayList<>();
        for (String s : strings(file, id, node)) {
            String needle = s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (needle.isBlank()) {
                problems.add(CatalogueException.problem(file, id, "empty needle"));
                continue;
            }
            String normalised = TemplateNormaliser.normalise(needle).toLowerCase(Locale.ROOT);
            if (!normalised.equals(needle.strip())) {
                problems.add(CatalogueException.problem(file, id, "needle \"" + s + "\" would never match: "
                        + "the template of a message turns it into \"" + normalised + "\""));
                continue;
            }
            out.add(needle);
        }
        return out;
    }

    private Pattern compile(String file, String id, String regex) {
        if (NESTED_QUANTIFIER.matcher(regex).find()) {
            problems.add(CatalogueException.problem(file, id,
                    "regex has a nested quantifier, which can backtrack catastrophically: " + regex));
            return null;
        }
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            problems.add(CatalogueException.problem(file, id, "regex does not compile: "
                    + e.getDescription() + " near index " + e.getIndex()));
            return null;
        }
    }

    private List<Example> examples(String file, String id, JsonNode node) {
        List<Example> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(CatalogueException.problem(file, id, "examples must be lists"));
            return out;
        }
        for (JsonNode ex : node) {
            if (ex.isTextual()) {
                out.add(new Example(ex.asText(), null, null, null, null, null));
            } else if (ex.isObject() && text(ex, "text") != null) {
                unknownKeys(file, id, ex, EXAMPLE_KEYS, "examples.");
                SmtpPhase phase = null;
                if (text(ex, "phase") != null) {
                    try {
                        phase = SmtpPhase.fromId(text(ex, "phase"));
                    } catch (IllegalArgumentException e) {
                        problems.add(CatalogueException.problem(file, id, "example phase unknown: " + text(ex, "phase")));
                    }
                }
                Integer reply = ex.has("reply") ? Integer.valueOf(ex.get("reply").asInt()) : null;
                Outcome outcome = null;
                if (text(ex, "outcome") != null) {
                    try {
                        outcome = Outcome.fromId(text(ex, "outcome"));
                    } catch (IllegalArgumentException e) {
                        problems.add(CatalogueException.problem(file, id, "example outcome unknown: " + text(ex, "outcome")));
                    }
                }
                out.add(new Example(text(ex, "text"), reply, text(ex, "enhanced"), phase, text(ex, "host"), outcome));
            } else {
                problems.add(CatalogueException.problem(file, id, "an example is neither a string nor has text:"));
            }
        }
        return out;
    }

    private void unknownKeys(String file, String id, JsonNode n, Set<String> allowed, String prefix) {
        if (!n.isObject()) {
            problems.add(CatalogueException.problem(file, id, prefix + " must be a mapping"));
            return;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!allowed.contains(k)) {
                problems.add(CatalogueException.problem(file, id, "unknown key " + prefix + k));
            }
        }
    }

    private List<String> strings(String file, String id, JsonNode node) {
        return strings(problems, file, id, node);
    }

    /** A string or list of strings; anything else is a problem. */
    static List<String> strings(List<String> problems, String file, String id, JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isValueNode()) {
            out.add(node.asText());
            return out;
        }
        if (!node.isArray()) {
            problems.add(CatalogueException.problem(file, id, "expected a list of strings"));
            return out;
        }
        for (JsonNode s : node) {
            out.add(s.asText());
        }
        return out;
    }

    /** A field as text, or null. */
    static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}

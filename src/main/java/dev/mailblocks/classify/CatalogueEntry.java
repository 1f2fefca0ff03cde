package dev.mailblocks.classify;

import dev.mailblocks.model.Category;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One catalogue entry: what it matches (needles and regex on the template), the context it
 * requires, and what it means (category, provider, advice).
 *
 * @param finalCategory the category on a final failure (bounced or expired), when it differs: a
 *     connection timeout given up on is {@code expired}; {@code null} when it does not differ
 * @param any lower-case substrings, one of which must occur (empty: no condition)
 * @param all lower-case substrings that must all occur
 * @param replies exact reply codes allowed ({@code "550"}) or classes ({@code "5xx"})
 * @param enhanced enhanced status code prefixes allowed
 * @param phaseUnknown whether a diagnostic whose phase is not known passes the phase constraint
 *     ({@code phase: [..., unknown]})
 * @param order position in load order, the last tie-breaker
 */
public record CatalogueEntry(
        String id,
        Category category,
        Category finalCategory,
        String provider,
        int priority,
        List<String> any,
        List<String> all,
        Pattern regex,
        Set<String> replies,
        List<String> enhanced,
        Set<SmtpPhase> phases,
        boolean phaseUnknown,
        List<String> hosts,
        Set<String> providers,
        String advice,
        List<String> links,
        String ref,
        String reviewed,
        List<Example> matchExamples,
        List<Example> missExamples,
        String file,
        int order) {

    public CatalogueEntry {
        any = List.copyOf(any);
        all = List.copyOf(all);
        replies = Set.copyOf(replies);
        enhanced = List.copyOf(enhanced);
        phases = Set.copyOf(phases);
        hosts = List.copyOf(hosts);
        providers = Set.copyOf(providers);
        links = List.copyOf(links);
        matchExamples = List.copyOf(matchExamples);
        missExamples = List.copyOf(missExamples);
    }

    /** The category this entry gives a diagnostic with this outcome. */
    public Category categoryFor(Outcome outcome) {
        return finalCategory != null && (outcome == Outcome.BOUNCED || outcome == Outcome.EXPIRED) ? finalCategory
                : category;
    }

    /** How many context constraints the entry has; more constraints win a priority tie. */
    public int constraintCount() {
        return (replies.isEmpty() ? 0 : 1) + (enhanced.isEmpty() ? 0 : 1) + (phases.isEmpty() && !phaseUnknown ? 0 : 1)
                + (hosts.isEmpty() ? 0 : 1) + (providers.isEmpty() ? 0 : 1);
    }

    /**
     * Whether the text part matches; returns what matched (the needle or regex match), or
     * {@code null}.
     *
     * @param lowerTemplate the template, lower-cased
     */
    public String matchText(String lowerTemplate) {
        String matched = null;
        if (!any.isEmpty()) {
            for (String needle : any) {
                if (lowerTemplate.contains(needle) && (matched == null || needle.length() > matched.length())) {
                    matched = needle;
                }
            }
            if (matched == null) {
                return null;
            }
        }
        for (String needle : all) {
            if (!lowerTemplate.contains(needle)) {
                return null;
            }
            if (matched == null || needle.length() > matched.length()) {
                matched = needle;
            }
        }
        if (regex != null) {
            Matcher m = regex.matcher(lowerTemplate);
            if (!m.find()) {
                return null;
            }
            if (matched == null || m.group().length() > matched.length()) {
                matched = m.group();
            }
        }
        return matched;
    }

    /** Why the context rules this entry out, or {@code null} when every constraint holds. */
    public String contextMismatch(Diagnostic d, String provider) {
        if (!replies.isEmpty()) {
            String code = d.reply() == null ? null : d.reply().toString();
            if (code == null || !(replies.contains(code) || replies.contains(code.charAt(0) + "xx"))) {
                return "reply code " + code + " not in " + replies;
            }
        }
        if (!enhanced.isEmpty()) {
            String e = d.enhanced();
            if (e == null || enhanced.stream().noneMatch(p -> e.equals(p) || (p.endsWith(".") && e.startsWith(p)))) {
                return "enhanced code " + e + " not in " + enhanced;
            }
        }
        if ((!phases.isEmpty() || phaseUnknown)
                && (d.phase() == null ? !phaseUnknown : !phases.contains(d.phase()))) {
            return "phase " + (d.phase() == null ? "unknown" : d.phase().id()) + " not in " + phases
                    + (phaseUnknown ? " or unknown" : "");
        }
        if (!hosts.isEmpty()) {
            String h = d.host();
            if (h == null || hosts.stream().noneMatch(s -> h.equals(s) || h.endsWith("." + s))) {
                return "remote host " + h + " not in " + hosts;
            }
        }
        if (!providers.isEmpty() && (provider == null || !providers.contains(provider))) {
            return "provider " + provider + " not in " + providers;
        }
        return null;
    }
}

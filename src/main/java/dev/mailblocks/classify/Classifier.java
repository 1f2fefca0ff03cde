package dev.mailblocks.classify;

import dev.mailblocks.model.Category;
import dev.mailblocks.model.Classification;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies refusal texts against the catalogue: the best matching entry by precedence, else
 * the enhanced status code, else the reply code, else {@code unclassified}. Results are cached by
 * template and context, because the same refusal repeats thousands of times. Not thread-safe:
 * one classifier per pipeline.
 */
public final class Classifier {

    /**
     * The suffix of the pattern id of an entry that names another category on a final failure
     * ({@code generic-network-error:final}), so that one pattern id always means one category.
     */
    public static final String FINAL_SUFFIX = ":final";

    /** The catalogue entry behind a pattern id ({@code x:final} is entry {@code x}); other ids as they are. */
    public static String entryId(String patternId) {
        return patternId.endsWith(FINAL_SUFFIX) ? patternId.substring(0, patternId.length() - FINAL_SUFFIX.length())
                : patternId;
    }

    /** The bound on cached templates; the least recently used go first. */
    public static final int CACHE_SIZE = 100_000;

    private final Catalogue catalogue;
    /**
     * Finds every catalogue needle in a template in one pass (a miss of the cache runs it once);
     * built at the first miss, so that a run that classifies nothing new does not pay for it.
     */
    private NeedleIndex needles;
    private final boolean hostInKey;
    private final Map<Key, Classification> cache = new LinkedHashMap<>(4096, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Classification> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    /** The provider of each remote host seen, bounded: hosts repeat far more than they vary. */
    private final Map<String, String> providerOfHost = new HashMap<>();
    private static final String NO_PROVIDER = new String("");

    /** What a cached classification depends on: the template and the context the catalogue can look at. */
    private record Key(String template, Integer reply, String enhanced, SmtpPhase phase, String hostOrProvider,
            boolean isFinal) {
    }
    private long hits;
    private long misses;

    public Classifier(Catalogue catalogue) {
        this.catalogue = catalogue;
        this.hostInKey = catalogue.usesHosts();
    }

    /** The catalogue in use. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** Classifies one diagnostic, from the cache when its template and context were seen before. */
    public Classification classify(Diagnostic d) {
        String template = TemplateNormaliser.normalise(d.text());
        // a Postfix reply starts with "host MX-NAME[<ip>] said: ": the MX name would make a new template per
        // receiving host, so the decision is made (and cached) for the text after it; the template a
        // classification carries stays the whole one
        String matched = withoutHostPrefix(template);
        String provider = providerOf(d.host());
        Key key = new Key(matched, d.reply(), d.enhanced(), d.phase(), hostInKey ? d.host() : provider,
                isFinal(d.outcome()));
        Classification decided = cache.get(key);
        if (decided != null) {
            hits++;
        } else {
            misses++;
            decided = decide(d, matched, provider).classification();
            cache.put(key, decided);
        }
        return matched == template ? decided
                : new Classification(decided.category(), decided.patternId(), decided.provider(), template);
    }

    /**
     * The template without a leading {@code host NAME said: } or {@code host NAME refused to talk to me: }
     * (NAME holds no space, and a dot or an {@code [address]}), or the template itself when it has none.
     */
    static String withoutHostPrefix(String template) {
        if (!template.startsWith("host ")) {
            return template;
        }
        int space = template.indexOf(' ', 5);
        if (space < 0 || (template.charAt(space - 1) != ']' && template.lastIndexOf('.', space) < 5)) {
            return template; // a host name has a dot or an [address]: "host unknown said:" is not one
        }
        for (String after : HOST_PREFIX_ENDS) {
            if (template.startsWith(after, space)) {
                return template.substring(space + after.length());
            }
        }
        return template;
    }

    private static final String[] HOST_PREFIX_ENDS = {" said: ", " refused to talk to me: "};

    /** The provider of a remote host, as the catalogue's provider table says, remembered per host. */
    public String providerOf(String host) {
        if (host == null) {
            return null;
        }
        String p = providerOfHost.get(host);
        if (p == null) {
            p = catalogue.providers().providerOf(host);
            if (providerOfHost.size() >= 10_000) {
                providerOfHost.clear();
            }
            providerOfHost.put(host, p == null ? NO_PROVIDER : p);
            return p;
        }
        return p == NO_PROVIDER ? null : p;
    }

    /** Classifies without the cache and says why: every entry whose text matched, and the winner. */
    public Explanation explain(Diagnostic d) {
        // matched as classify matches it: without a leading "host NAME said: "
        String template = withoutHostPrefix(TemplateNormaliser.normalise(d.text()));
        return decide(d, template, catalogue.providers().providerOf(d.host()));
    }

    private Explanation decide(Diagnostic d, String template, String hostProvider) {
        String lower = template.toLowerCase(Locale.ROOT);
        List<Catalogue.Candidate> candidates = new ArrayList<>();
        Catalogue.Candidate best = null;
        if (needles == null) {
            needles = new NeedleIndex(catalogue.entries());
        }
        boolean[] present = needles.present(lower);
        List<CatalogueEntry> entries = needles.entries();
        for (int i = 0; i < entries.size(); i++) {
            CatalogueEntry entry = entries.get(i);
            String matched = needles.matchText(i, lower, present);
            if (matched == null) {
                continue;
            }
            Catalogue.Candidate c = new Catalogue.Candidate(entry, matched, entry.contextMismatch(d, hostProvider));
            candidates.add(c);
            if (c.mismatch() == null && (best == null || Catalogue.PRECEDENCE.compare(c, best) < 0)) {
                best = c;
            }
        }
        candidates.sort(Catalogue.PRECEDENCE);
        if (best != null) {
            CatalogueEntry e = best.entry();
            String provider = hostProvider != null ? hostProvider : e.provider();
            String why = "entry " + e.id() + " (priority " + e.priority() + ", " + e.constraintCount()
                    + " context constraint(s), matched \"" + best.matched() + "\")";
            Category category = e.categoryFor(d.outcome());
            String patternId = e.id();
            if (category != e.category()) {
                why += "; on a final failure (" + d.outcome().id() + ") the entry says " + category.id();
                patternId = e.id() + FINAL_SUFFIX;
            }
            return new Explanation(template, hostProvider, candidates, best, why,
                    new Classification(category, patternId, provider, template));
        }
        StatusCodeTable codes = catalogue.statusCodes();
        String enhancedKey = codes.enhancedKey(d.enhanced());
        Category byEnhanced = enhancedKey == null ? null : codes.enhanced().get(enhancedKey);
        if (byEnhanced != null && byEnhanced != Category.UNCLASSIFIED) {
            return codeFallback(d, template, hostProvider, candidates, byEnhanced, "status:" + d.enhanced(),
                    "enhanced status code " + d.enhanced() + " (table row " + enhancedKey + ")");
        }
        String replyKey = codes.replyKey(d.reply(), d.phase());
        if (replyKey != null) {
            return codeFallback(d, template, hostProvider, candidates, codes.replies().get(replyKey),
                    "reply:" + d.reply(), "reply code " + d.reply() + " (table row " + replyKey + ")"
                            + (byEnhanced == null ? "" : "; enhanced status code " + d.enhanced() + " names no cause"));
        }
        if (d.outcome() == Outcome.EXPIRED) {
            return fallback(template, hostProvider, candidates, Category.EXPIRED, "outcome:expired",
                    "the message expired in the queue and the text names no other cause");
        }
        return fallback(template, hostProvider, candidates, Category.UNCLASSIFIED, "unclassified",
                "no entry matched and no status code decides");
    }

    /** A code fallback; on a final failure a network problem is {@code expired}, as for an entry. */
    private static Explanation codeFallback(Diagnostic d, String template, String provider,
            List<Catalogue.Candidate> candidates, Category category, String patternId, String why) {
        if (category == Category.NETWORK_ERROR && isFinal(d.outcome())) {
            return fallback(template, provider, candidates, Category.EXPIRED, patternId,
                    why + "; a final failure whose code names only a network problem is expired");
        }
        return fallback(template, provider, candidates, category, patternId, why);
    }

    /**
     * Whether an outcome is final: the message was given up (bounced after queueing, or expired).
     * A network problem on a final failure means retries were given up: design.md's {@code expired}.
     */
    static boolean isFinal(Outcome outcome) {
        return outcome == Outcome.BOUNCED || outcome == Outcome.EXPIRED;
    }

    private static Explanation fallback(String template, String provider, List<Catalogue.Candidate> candidates,
            Category category, String patternId, String why) {
        return new Explanation(template, provider, candidates, null, why,
                new Classification(category, patternId, provider, template));
    }

    /** Cache hits so far. */
    public long cacheHits() {
        return hits;
    }

    /** Cache misses so far (each one ran the catalogue). */
    public long cacheMisses() {
        return misses;
    }

    /**
     * Why a diagnostic got its classification.
     *
     * @param candidates every entry whose text matched, best first, with its context mismatch if any
     * @param winner the deciding candidate, or {@code null} when a code fallback decided
     */
    public record Explanation(String template, String hostProvider, List<Catalogue.Candidate> candidates,
            Catalogue.Candidate winner, String why, Classification classification) {
    }
}

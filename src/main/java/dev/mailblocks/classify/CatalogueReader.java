package dev.mailblocks.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mailblocks.model.Category;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the catalogue from YAML texts: the bundled {@code patterns/} files, then a site's files on
 * top (a site entry replaces the bundled entry of the same id). It reads no files itself, so that
 * the catalogue can be shipped as text to wherever classification runs; {@link CatalogueLoader}
 * reads the bundled files and a site folder for the command line. Every problem is collected; any
 * problem stops the load with a {@link CatalogueException}.
 */
public final class CatalogueReader {

    /** The data tables that are not entry files. */
    static final Set<String> TABLES = Set.of("providers.yaml", "categories.yaml", "status-codes.yaml");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** Warnings of the last load (overlapping entries...): worth a look, not fatal. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The catalogue of these files: each map is file name (a path is fine: its last part is the name
     * that counts) to YAML text. {@code site} may be empty. Throws {@link CatalogueException} listing
     * every problem.
     */
    public Catalogue read(Map<String, String> bundledFiles, Map<String, String> siteFiles) {
        return read(bundledFiles, siteFiles, null);
    }

    /**
     * {@link #read(Map, Map)}, but the examples are not run again when the catalogue's fingerprint is
     * {@code examplesChecked}: the fingerprint the build recorded after running every example of the
     * bundled catalogue through this same code ({@link CatalogueBuildCheck}).
     */
    public Catalogue read(Map<String, String> bundledFiles, Map<String, String> siteFiles, String examplesChecked) {
        Map<String, String> bundled = new TreeMap<>(bundledFiles);
        Map<String, String> site = new TreeMap<>(siteFiles);
        problems.clear();
        warnings.clear();
        List<Provider> providers = new ArrayList<>();
        Map<Category, String> advice = new EnumMap<>(Category.class);
        Map<String, Category> enhanced = new HashMap<>();
        Map<String, Category> replies = new HashMap<>();
        // each file is parsed once; the tables first, because entries refer to providers
        List<Map<String, JsonNode>> parsed = List.of(parseAll(bundled), parseAll(site));
        for (Map<String, JsonNode> source : parsed) {
            for (Map.Entry<String, JsonNode> f : source.entrySet()) {
                String name = fileName(f.getKey());
                JsonNode root = f.getValue();
                switch (name) {
                    case "providers.yaml" -> readProviders(f.getKey(), root, providers);
                    case "categories.yaml" -> readAdvice(f.getKey(), root, advice);
                    case "status-codes.yaml" -> readStatusCodes(f.getKey(), root, enhanced, replies);
                    default -> { }
                }
            }
        }
        for (Category c : Category.values()) {
            if (c != Category.UNCLASSIFIED && !advice.containsKey(c)) {
                problems.add(CatalogueException.problem("categories.yaml", null, "no advice for category " + c.id()));
            }
        }
        ProviderTable providerTable = new ProviderTable(providers);
        Map<String, CatalogueEntry> entries = new LinkedHashMap<>();
        int order = 0;
        for (Map<String, JsonNode> source : parsed) {
            Set<String> idsInSource = new LinkedHashSet<>();
            for (Map.Entry<String, JsonNode> f : source.entrySet()) {
                if (TABLES.contains(fileName(f.getKey()))) {
                    continue;
                }
                JsonNode list = f.getValue().get("entries");
                if (list == null || !list.isArray()) {
                    problems.add(CatalogueException.problem(f.getKey(), null, "no 'entries:' list"));
                    continue;
                }
                for (JsonNode node : list) {
                    CatalogueEntry e = new EntryReader(problems, providerTable).read(f.getKey(), node, order++);
                    if (e == null) {
                        continue;
                    }
                    if (!idsInSource.add(e.id())) {
                        problems.add(CatalogueException.problem(f.getKey(), e.id(), "duplicate id"));
                        continue;
                    }
                    entries.remove(e.id()); // a site entry replaces the bundled one and takes its place last
                    entries.put(e.id(), e);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogueException(problems);
        }
        Catalogue catalogue = new Catalogue(List.copyOf(entries.values()), providerTable, advice,
                new StatusCodeTable(enhanced, replies), fingerprint(bundled, site));
        if (!catalogue.fingerprint().equals(examplesChecked)) {
            checkExamples(catalogue);
        }
        if (!problems.isEmpty()) {
            throw new CatalogueException(problems);
        }
        return catalogue;
    }

    private static String fingerprint(Map<String, String> bundled, Map<String, String> site) {
        java.security.MessageDigest d;
        try {
            d = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (Map<String, String> files : List.of(bundled, site)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                d.update(fileName(f.getKey()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            d.update((byte) 1);
        }
        return java.util.HexFormat.of().formatHex(d.digest()).substring(0, 16);
    }

    /** Runs every example through the real classifier: a match must win, a near miss must not. */
    private void checkExamples(Catalogue catalogue) {
        Classifier classifier = new Classifier(catalogue);
        for (CatalogueEntry e : catalogue.entries()) {
            for (Example ex : e.matchExamples()) {
                Classifier.Explanation x = classifier.explain(ex.diagnostic());
                String got = x.classification().patternId();
                if (!Classifier.entryId(got).equals(e.id())) {
                    problems.add(CatalogueException.problem(e.file(), e.id(), "example is classified as " + got
                            + " (" + x.why() + "): " + abbreviate(ex.text())));
                }
                for (Catalogue.Candidate c : x.candidates()) {
                    if (c.entry() != e && c.mismatch() == null && c.entry().priority() == e.priority()) {
                        warnings.add(CatalogueException.problem(e.file(), e.id(), "example also matches "
                                + c.entry().id() + " at the same priority: " + abbreviate(ex.text())));
                    }
                }
            }
            for (Example ex : e.missExamples()) {
                String got = classifier.explain(ex.diagnostic()).classification().patternId();
                if (Classifier.entryId(got).equals(e.id())) {
                    problems.add(CatalogueException.problem(e.file(), e.id(),
                            "near miss is classified as this entry: " + abbreviate(ex.text())));
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    /** The files that parse as YAML mappings, by name, in name order; the others are problems. */
    private Map<String, JsonNode> parseAll(Map<String, String> files) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            JsonNode root = parse(f.getKey(), f.getValue());
            if (root != null) {
                out.put(f.getKey(), root);
            }
        }
        return out;
    }

    private JsonNode parse(String file, String text) {
        try {
            JsonNode n = yaml.readTree(text);
            if (n == null || !n.isObject()) {
                problems.add(CatalogueException.problem(file, null, "not a YAML mapping"));
                return null;
            }
            return n;
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            problems.add(CatalogueException.problem(file, null, "invalid YAML: " + msg));
            return null;
        }
    }

    private void readProviders(String file, JsonNode root, List<Provider> out) {
        JsonNode list = root.get("providers");
        if (list == null || !list.isArray()) {
            problems.add(CatalogueException.problem(file, null, "no 'providers:' list"));
            return;
        }
        for (JsonNode p : list) {
            String id = EntryReader.text(p, "id");
            if (id == null || !EntryReader.KEBAB.matcher(id).matches()) {
                problems.add(CatalogueException.problem(file, id, "provider id missing or not kebab-case"));
                continue;
            }
            out.removeIf(existing -> existing.id().equals(id));
            out.add(new Provider(id, EntryReader.text(p, "name") == null ? id : EntryReader.text(p, "name"), EntryReader.strings(problems, file, id, p.get("hosts")),
                    EntryReader.text(p, "postmaster") == null ? "" : EntryReader.text(p, "postmaster")));
        }
    }

    private void readAdvice(String file, JsonNode root, Map<Category, String> out) {
        JsonNode map = root.get("categories");
        if (map == null || !map.isObject()) {
            problems.add(CatalogueException.problem(file, null, "no 'categories:' mapping"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            Category.byId(f.getKey()).ifPresentOrElse(c -> out.put(c, f.getValue().asText().strip()),
                    () -> problems.add(CatalogueException.problem(file, null, "unknown category " + f.getKey())));
        }
    }

    private void readStatusCodes(String file, JsonNode root, Map<String, Category> enhanced,
            Map<String, Category> replies) {
        readCodeMap(file, root.get("enhanced"), enhanced, Pattern.compile("[245X]\\.\\d{1,3}(?:\\.\\d{1,3})?"));
        readCodeMap(file, root.get("reply"), replies,
                Pattern.compile("[245]\\d\\d(?:@(?:CONNECT|EHLO|MAIL|RCPT|DATA|END-OF-DATA))?"));
    }

    private void readCodeMap(String file, JsonNode map, Map<String, Category> out, Pattern key) {
        if (map == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!key.matcher(f.getKey()).matches()) {
                problems.add(CatalogueException.problem(file, null, "not a status code: " + f.getKey()));
                continue;
            }
            Category.byId(f.getValue().asText()).ifPresentOrElse(c -> out.put(f.getKey(), c),
                    () -> problems.add(CatalogueException.problem(file, null, "unknown category "
                            + f.getValue().asText() + " for " + f.getKey())));
        }
    }

    /** The last part of a file's path. */
    static String fileName(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    /** The whole of a stream as UTF-8 text, for callers that hold the catalogue as streams; closes it. */
    public static String text(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}

package dev.mailblocks.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mailblocks.model.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;

/**
 * Loads the catalogue: the bundled {@code patterns/} folder from the jar, then an optional site
 * folder on top (a site entry replaces the bundled entry of the same id). Every problem is
 * collected; any problem stops the load with a {@link CatalogueException}.
 */
public final class CatalogueLoader {

    /** The data tables that are not entry files. */
    static final Set<String> TABLES = Set.of("providers.yaml", "categories.yaml", "status-codes.yaml");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** Loads the bundled catalogue and, if {@code siteDir} is not null, a site's folder on top. */
    public static Catalogue load(Path siteDir) {
        return new CatalogueLoader().loadAll(siteDir);
    }

    /** Warnings of the last load (overlapping entries...): worth a look, not fatal. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Loads and validates; throws {@link CatalogueException} listing every problem. */
    public Catalogue loadAll(Path siteDir) {
        Map<String, String> bundled = bundledFiles();
        Map<String, String> site = new TreeMap<>();
        if (siteDir != null) {
            if (!Files.isDirectory(siteDir)) {
                throw new CatalogueException(List.of(CatalogueException.problem(siteDir.toString(), null,
                        "--patterns is not a folder")));
            }
            try (Stream<Path> files = Files.list(siteDir)) {
                for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".yaml")
                        || f.toString().endsWith(".yml")).sorted()::iterator) {
                    site.put(p.toString(), Files.readString(p));
                }
            } catch (IOException e) {
                throw new CatalogueException(List.of(CatalogueException.problem(siteDir.toString(), null,
                        "cannot read: " + e.getMessage())));
            }
        }
        List<Provider> providers = new ArrayList<>();
        Map<Category, String> advice = new EnumMap<>(Category.class);
        Map<String, Category> enhanced = new HashMap<>();
        Map<String, Category> replies = new HashMap<>();
        // each file is parsed once; the tables first, because entries refer to providers
        List<Map<String, JsonNode>> parsed = List.of(parseAll(bundled), parseAll(site));
        for (Map<String, JsonNode> source : parsed) {
            for (Map.Entry<String, JsonNode> f : source.entrySet()) {
                String name = Path.of(f.getKey()).getFileName().toString();
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
                if (TABLES.contains(Path.of(f.getKey()).getFileName().toString())) {
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
        checkExamples(catalogue);
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
                d.update(Path.of(f.getKey()).getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

    /** The bundled YAML files by name, read from the jar (or the classes folder in development). */
    static Map<String, String> bundledFiles() {
        URL marker = CatalogueLoader.class.getClassLoader().getResource("patterns/categories.yaml");
        if (marker == null) {
            throw new CatalogueException(List.of("the bundled catalogue is missing from the jar (patterns/)"));
        }
        Map<String, String> files = new TreeMap<>();
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                readDir(fs.getPath("/patterns"), files);
            } else {
                readDir(Path.of(uri).getParent(), files);
            }
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException("cannot read the bundled catalogue: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        return files;
    }

    private static void readDir(Path dir, Map<String, String> out) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".yaml")) {
                    try (InputStream in = Files.newInputStream(p)) {
                        out.put(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}

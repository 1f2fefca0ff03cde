package dev.mailblocks.classify;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads the catalogue from files: the bundled {@code patterns/} folder from the jar, then an optional
 * site folder on top, handed as text to {@link CatalogueReader} (the part that runs anywhere). Every
 * problem is collected; any problem stops the load with a {@link CatalogueException}.
 */
public final class CatalogueLoader {

    private final CatalogueReader reader = new CatalogueReader();

    /** Where the build records the fingerprint of the bundled catalogue whose examples it ran. */
    static final String EXAMPLES_CHECKED = "patterns/examples-checked";

    /**
     * Loads the bundled catalogue and, if {@code siteDir} is not null, a site's folder on top, for a
     * job. Every entry is validated; the examples are run unless the build of this jar ran them on this
     * very catalogue (the bundled one alone, unchanged: see {@link #main}); a site folder always has
     * them run. {@code patterns check} and {@link #loadAll} always run them.
     */
    public static Catalogue load(Path siteDir) {
        CatalogueLoader loader = new CatalogueLoader();
        return loader.loadAll(siteDir, siteDir == null ? examplesCheckedByBuild() : null);
    }

    /**
     * Run by the build before the jar is made: loads the bundled catalogue from the classes folder,
     * runs every example (a failing one fails the build with the catalogue's own message) and writes
     * the catalogue's fingerprint to {@code args[0]}, so that jobs started from the jar need not run
     * the examples again at every start.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CatalogueLoader OUTPUT-FILE");
        }
        Catalogue catalogue;
        try {
            catalogue = new CatalogueLoader().loadAll(null);
        } catch (CatalogueException e) {
            System.err.println(e.getMessage());
            throw new IllegalStateException("the bundled catalogue fails its own checks (patterns check)", e);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, catalogue.fingerprint() + "\n");
    }

    /** The fingerprint the build recorded, or null when this is not a built jar (or classes folder). */
    private static String examplesCheckedByBuild() {
        try (InputStream in = CatalogueLoader.class.getClassLoader().getResourceAsStream(EXAMPLES_CHECKED)) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** Warnings of the last load (overlapping entries...): worth a look, not fatal. */
    public List<String> warnings() {
        return reader.warnings();
    }

    /** Loads and validates; throws {@link CatalogueException} listing every problem. */
    public Catalogue loadAll(Path siteDir) {
        return loadAll(siteDir, null);
    }

    private Catalogue loadAll(Path siteDir, String examplesChecked) {
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
        return reader.read(bundled, site, examplesChecked);
    }

    /** The bundled YAML files by name, read from the jar (or the classes folder in development). */
    public static Map<String, String> bundledFiles() {
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

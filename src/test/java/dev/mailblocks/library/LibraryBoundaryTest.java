package dev.mailblocks.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Parsing and classification are a library that depends on nothing but {@code model}: no store, no
 * command line, no files it opens itself, so that the same code can run inside a distributed job.
 * This test reads the main sources of {@code parse/**} and {@code classify/**} (but the one class
 * that reads the catalogue from a folder) and names every file and import that crosses the line.
 */
class LibraryBoundaryTest {

    private static final Path MAIN = Path.of(System.getProperty("mailblocks.repo", "."), "src/main/java/dev/mailblocks");

    /** Classes of the library packages that are not part of the library: they read files for the command line. */
    private static final Set<String> OUTSIDE = Set.of("classify/CatalogueLoader.java");

    /** Names (imports or fully qualified uses) the library must not use. */
    private static final Pattern FORBIDDEN = Pattern.compile("\\b(java\\.nio\\.file\\.[\\w.*]+|java\\.io\\.(?:File"
            + "|FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile)\\b|java\\.sql\\.[\\w.*]+"
            + "|org\\.duckdb\\.[\\w.*]+|picocli\\.[\\w.*]+|dev\\.mailblocks\\.(?!model\\b|parse\\b|classify\\b)\\w+[\\w.*]*)");

    @Test
    void parseAndClassifyUseNothingButModelAndPlainJava() throws IOException {
        List<String> offences = new ArrayList<>();
        int files = 0;
        for (String pkg : List.of("parse", "classify")) {
            try (Stream<Path> walk = Files.walk(MAIN.resolve(pkg))) {
                for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
                    String rel = MAIN.relativize(p).toString().replace('\\', '/');
                    if (OUTSIDE.contains(rel)) {
                        continue;
                    }
                    files++;
                    offences.addAll(offences(rel, Files.readString(p)));
                }
            }
        }
        assertTrue(files > 30, "the library sources were found (" + files + " files under " + MAIN + ")");
        assertEquals(List.of(), offences, "the parse and classify library must depend on nothing but model");
    }

    @Test
    void theCheckNamesTheFileAndTheImport() {
        String source = "package dev.mailblocks.parse;\n\nimport java.nio.file.Path;\nimport dev.mailblocks.model.Outcome;\n"
                + "import dev.mailblocks.store.EventStore;\n\nclass X { java.io.File f; }\n";
        assertEquals(List.of("parse/X.java:3: java.nio.file.Path", "parse/X.java:5: dev.mailblocks.store.EventStore",
                "parse/X.java:7: java.io.File"), offences("parse/X.java", source));
    }

    /** Each forbidden name in a source, as {@code file:line: name}; comments are not code. */
    static List<String> offences(String file, String source) {
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        boolean inComment = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            StringBuilder code = new StringBuilder();
            int k = 0;
            while (k < line.length()) {
                if (inComment) {
                    int end = line.indexOf("*/", k);
                    if (end < 0) {
                        k = line.length();
                    } else {
                        inComment = false;
                        k = end + 2;
                    }
                } else if (line.startsWith("/*", k)) {
                    inComment = true;
                    k += 2;
                } else if (line.startsWith("//", k)) {
                    k = line.length();
                } else {
                    code.append(line.charAt(k++));
                }
            }
            Matcher m = FORBIDDEN.matcher(code);
            while (m.find()) {
                out.add(file + ":" + (i + 1) + ": " + m.group(1));
            }
        }
        return out;
    }
}

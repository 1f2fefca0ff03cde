package dev.mailblocks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden reports: each folder under src/test/resources/golden/ has an input/ folder and the
 * expected report files; the CLI runs into a temporary folder and every file must be identical.
 * Run with {@code -Dmailblocks.golden.update=true} to rewrite the expected files for review.
 */
class GoldenReportTest {

    static final List<String> FILES = List.of("blocking-domains.csv", "error-patterns.csv", "unclassified.csv",
            "events.csv", "inputs.csv", "report.html");
    private static final Path ROOT = Path.of("src/test/resources/golden");

    @TempDir
    Path tmp;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsMatchTheGoldenFiles(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        Path out = tmp.resolve("out");
        // a checkout's file times are the checkout time; ESP rows without a time take the file's
        try (Stream<Path> inputs = Files.list(dir.resolve("input"))) {
            for (Path f : inputs.toList()) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-12-31T23:59:59Z")));
            }
        }
        // the inputs are named relative to the case folder, so the file column does not depend on the machine
        CliRunner.Result r = CliRunner.run("run", dir.resolve("input").toString(), "--db",
                tmp.resolve("db.duckdb").toString(), "--out", out.toString(), "--year", "2026", "--timezone", "UTC");
        assertEquals(0, r.exit(), r.err());
        boolean update = Boolean.getBoolean("mailblocks.golden.update");
        for (String file : FILES) {
            String actual = Files.readString(out.resolve(file), StandardCharsets.UTF_8);
            Path expected = dir.resolve("expected").resolve(file);
            if (update) {
                Files.createDirectories(expected.getParent());
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
            } else {
                assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, name + "/" + file);
            }
        }
    }
}

package dev.mailblocks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailblocks.check.FixtureDnsServer;
import dev.mailblocks.store.EventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden reports: each folder under src/test/resources/golden/ has an input/ folder and the
 * expected report files; the CLI runs into a temporary folder and every file it writes must be
 * identical to the expected one, and no expected file may be missing. A case may hold
 * {@code args.txt} (more options for {@code run}) and {@code commands.txt} (more commands, one
 * a line, each run against the same store and folder: briefs, suppressions, suggestions).
 * {@code ${resolver}} in either file is the address of the fixture DNS server (started for that
 * case), so a case can show the sending-side checks; the other cases run with {@code --no-dns}.
 * Run with {@code -Dmailblocks.golden.update=true} to rewrite the expected files for review.
 */
class GoldenReportTest {

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
        String db = tmp.resolve("db.duckdb").toString();
        // redaction tokens are keyed with the store's random secret: a fixed one makes the briefs comparable
        try (EventStore store = EventStore.open(Path.of(db))) {
            store.setMeta("redaction_key", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        }
        // the inputs are named relative to the case folder, so the file column does not depend on the machine
        List<String> run = new ArrayList<>(List.of("run", dir.resolve("input").toString(), "--db", db, "--out",
                out.toString(), "--year", "2026", "--timezone", "UTC", "--format", "html,csv,json"));
        try (FixtureDnsServer dns = FixtureDnsServer.fixtures()) {
            for (String w : words(dir.resolve("args.txt"))) {
                run.add(w.replace("${resolver}", dns.address()));
            }
            CliRunner.Result r = CliRunner.run(run.toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
            Path commands = dir.resolve("commands.txt");
            if (Files.exists(commands)) {
                for (String line : Files.readAllLines(commands)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    List<String> args = new ArrayList<>(Arrays.asList(line.replace("${resolver}", dns.address()).trim()
                            .split("\\s+")));
                    args.addAll(List.of("--db", db, "--out", out.toString()));
                    CliRunner.Result c = CliRunner.run(args.toArray(String[]::new));
                    assertEquals(0, c.exit(), line + ": " + c.err());
                }
            }
        }
        List<String> produced;
        try (Stream<Path> files = Files.list(out)) {
            produced = files.map(p -> p.getFileName().toString()).filter(f -> !f.endsWith(".duckdb")).sorted().toList();
        }
        Path expectedDir = dir.resolve("expected");
        boolean update = Boolean.getBoolean("mailblocks.golden.update");
        if (update) {
            Files.createDirectories(expectedDir);
            try (Stream<Path> old = Files.list(expectedDir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        for (String file : produced) {
            String actual = Files.readString(out.resolve(file), StandardCharsets.UTF_8);
            Path expected = expectedDir.resolve(file);
            if (update) {
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
            } else {
                assertEquals(Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8) : "(no such golden file)",
                        actual, name + "/" + file);
            }
        }
        try (Stream<Path> files = Files.list(expectedDir)) {
            assertEquals(files.map(p -> p.getFileName().toString()).sorted().toList(), produced,
                    name + ": the files written");
        }
    }

    private static List<String> words(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Arrays.stream(Files.readString(file).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}

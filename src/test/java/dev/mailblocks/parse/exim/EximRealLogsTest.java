package dev.mailblocks.parse.exim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every real Exim log in the shared data (Exim's own test suite and fail2ban's samples)
 * through the parser: no exception, every line accounted for, and most lines understood. The
 * per-file counts go to {@code target/exim-real-logs.tsv} for a person to look at.
 */
class EximRealLogsTest {

    private static final Path DATA = Path.of("../shared/data/real-logs");

    /** What one file came to. */
    private record Counts(String file, long lines, long events, long eventLines, long ignored, long malformed) {
    }

    private static List<Path> inputs() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> suite = Files.list(DATA.resolve("exim-testsuite/test-log"))) {
            suite.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (Stream<Path> f2b = Files.list(DATA.resolve("fail2ban"))) {
            f2b.filter(p -> p.getFileName().toString().matches("exim.*\\.log")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The file's text; fail2ban's annotation lines ({@code # failJSON: ...}) are not log lines. */
    private static String text(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        StringBuilder out = new StringBuilder();
        boolean fail2ban = file.getParent().getFileName().toString().equals("fail2ban");
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!(fail2ban && line.startsWith("#"))) {
                    out.append(line).append('\n');
                }
            }
        }
        return out.toString();
    }

    @Test
    void everyRealEximLogIsReadWithEveryLineAccountedFor() throws IOException {
        assumeTrue(Files.isDirectory(DATA.resolve("exim-testsuite/test-log")), "shared real logs not present");
        List<Path> files = inputs();
        assertEquals(835 + 2, files.size(), "835 test-suite logs and fail2ban's exim.log and exim-spam.log");
        List<Counts> all = new ArrayList<>();
        Map<String, Long> malformedWhy = new TreeMap<>();
        for (Path file : files) {
            String text = text(file);
            long[] c = new long[5];
            long[] expectedNext = {1};
            new EximLogParser().parse(new StringReader(text),
                    new ParseContext(file.toString(), 1, ZoneOffset.UTC, Instant.parse("2027-01-01T00:00:00Z")),
                    (first, count, result, raw) -> {
                        assertEquals(expectedNext[0], first, file + ": records in order, none skipped");
                        expectedNext[0] = first + count;
                        c[0] += count;
                        if (result instanceof LineResult.Parsed p) {
                            c[1] += p.events().size();
                            c[2] += count;
                        } else if (result instanceof LineResult.Ignored) {
                            c[3] += count;
                        } else if (result instanceof LineResult.Malformed m) {
                            c[4] += count;
                            malformedWhy.merge(m.why(), (long) count, Long::sum);
                        }
                    });
            long physical = text.lines().count();
            assertEquals(physical, c[0], file + ": every line accounted for");
            assertEquals(c[0], c[2] + c[3] + c[4], file + ": lines = event lines + ignored + malformed");
            String name = DATA.relativize(file).toString();
            all.add(new Counts(name, c[0], c[1], c[2], c[3], c[4]));
        }
        Counts total = new Counts("TOTAL", all.stream().mapToLong(Counts::lines).sum(),
                all.stream().mapToLong(Counts::events).sum(), all.stream().mapToLong(Counts::eventLines).sum(),
                all.stream().mapToLong(Counts::ignored).sum(), all.stream().mapToLong(Counts::malformed).sum());
        Files.createDirectories(Path.of("target"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of("target/exim-real-logs.tsv")))) {
            out.println("file\tlines\tevents\tevent_lines\tignored\tmalformed");
            for (Counts k : all) {
                out.println(k.file() + "\t" + k.lines() + "\t" + k.events() + "\t" + k.eventLines() + "\t" + k.ignored()
                        + "\t" + k.malformed());
            }
            out.println(total.file() + "\t" + total.lines() + "\t" + total.events() + "\t" + total.eventLines() + "\t"
                    + total.ignored() + "\t" + total.malformed());
            out.println();
            out.println(malformedWhy.entrySet().stream().map(e -> "malformed\t" + e.getValue() + "\t" + e.getKey())
                    .collect(Collectors.joining("\n")));
        }
        // what is not Exim's own in the test suite's logs: its "******** SERVER ********" markers, the
        // transcripts of its scripted SMTP servers and filter test output, under 4% of the lines; a
        // parser that lost its way would leave far more
        assertTrue(total.malformed() * 100 < total.lines() * 5, "under 5% malformed: " + total);
        // the suite holds about 4,400 delivery lines (=> -> >> ** ==) and some 500 refusals
        assertTrue(total.events() > 4_500, "delivery results and refusals found: " + total);
    }
}

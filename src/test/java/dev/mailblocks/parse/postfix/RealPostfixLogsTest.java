package dev.mailblocks.parse.postfix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real Postfix lines of ../shared/data/real-logs (public projects' test data) must parse
 * without a crash, every line accounted for. Counts go to target/real-postfix-accounting.txt.
 */
class RealPostfixLogsTest {

    private static final Path DATA = Path.of("../shared/data/real-logs");

    /** Counts of one input. */
    private record Tally(long lines, long events, long eventLines, long ignored, long malformed) {
    }

    private static Tally parse(String text) throws IOException {
        long[] t = new long[5];
        new PostfixLogParser().parse(new StringReader(text), new ParseContext("real", 1, ZoneOffset.UTC,
                Instant.parse("2026-11-23T00:00:00Z")), (first, count, r, line) -> {
                    t[0] += count;
                    if (r instanceof LineResult.Parsed p) {
                        t[1] += p.events().size();
                        t[2] += count;
                    } else if (r instanceof LineResult.Ignored) {
                        t[3] += count;
                    } else {
                        t[4] += count;
                    }
                });
        return new Tally(t[0], t[1], t[2], t[3], t[4]);
    }

    private static String withoutAnnotations(Path file) throws IOException {
        // the fail2ban files annotate their lines with "#" comments: they are not log lines
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("#"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void everyRealPostfixLineIsAccountedFor() throws IOException {
        assumeTrue(Files.isDirectory(DATA), "shared data not present");
        StringBuilder report = new StringBuilder("file\tlines\tevents\tevent_lines\tignored\tmalformed\n");
        Tally total = new Tally(0, 0, 0, 0, 0);
        for (Path file : List.of(DATA.resolve("fail2ban/postfix.log"),
                DATA.resolve("kumina-postfix_exporter/postfix_exporter_test_lines.log"))) {
            String text = withoutAnnotations(file);
            Tally t = parse(text);
            assertEquals(text.lines().count(), t.lines(), file.toString());
            assertEquals(t.lines(), t.eventLines() + t.ignored() + t.malformed(), file.toString());
            report.append(file.getFileName()).append('\t').append(t.lines()).append('\t').append(t.events())
                    .append('\t').append(t.eventLines()).append('\t').append(t.ignored()).append('\t')
                    .append(t.malformed()).append('\n');
            assertTrue(t.malformed() * 20 <= t.lines(), file + ": at most 5% malformed, got " + t);
            total = new Tally(total.lines() + t.lines(), total.events() + t.events(),
                    total.eventLines() + t.eventLines(), total.ignored() + t.ignored(),
                    total.malformed() + t.malformed());
        }
        // messages.tsv holds bodies without the syslog prefix; give each the prefix of its program
        Path tsv = DATA.resolve("postfix-grok-patterns/messages.tsv");
        StringBuilder bodies = new StringBuilder();
        for (String row : Files.readAllLines(tsv, StandardCharsets.UTF_8).subList(1,
                (int) Files.lines(tsv).count())) {
            String[] cols = row.split("\t", 3);
            if (cols.length < 3) {
                continue; // the rest of a message that held newlines in the source project: not a log line
            }
            String program = cols[0].replaceAll("^test/|_\\d+\\.yaml$", "");
            bodies.append("Jan  5 10:00:00 mx postfix/").append(program).append("[1]: ").append(cols[2]).append('\n');
        }
        Tally g = parse(bodies.toString());
        assertEquals(bodies.toString().lines().count(), g.lines());
        assertEquals(g.lines(), g.eventLines() + g.ignored() + g.malformed());
        report.append("messages.tsv\t").append(g.lines()).append('\t').append(g.events()).append('\t')
                .append(g.eventLines()).append('\t').append(g.ignored()).append('\t').append(g.malformed()).append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/real-postfix-accounting.txt"), report.toString());
        assertTrue(total.events() > 20, "the real logs hold delivery results: " + total);
    }
}

package dev.mailblocks.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailblocks.bench.LogGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the parity tests of the byte paths share: a parser's results over the same bytes, read as text
 * by the reference (legacy) parser and as bytes by the current one, described line by line so that two
 * runs compare as lists of text (the same reasons, the same events field by field, the same raw text of
 * malformed lines); the test logs; generated logs; mutated lines; hostile input.
 */
public final class ByteParity {

    public static final Path REPO = Path.of(System.getProperty("mailblocks.repo", "."));
    private static final Instant REFERENCE = Instant.parse("2027-01-04T00:00:00Z");

    private ByteParity() {
    }

    /** What the reference parser makes of the input decoded as a run decodes it (bad UTF-8 as U+FFFD). */
    public static List<String> asText(InputFormat reference, byte[] input, ZoneId zone) throws IOException {
        List<String> out = new ArrayList<>();
        try {
            String id = reference.parse(new InputStreamReader(new ByteArrayInputStream(input),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                    new ParseContext("t", 3, zone, REFERENCE), (first, count, r, text) -> out.add(describe(first,
                            count, r, text)));
            out.add("id " + id);
        } catch (InputFormatException e) {
            out.add("error " + e.getMessage()); // what came before the error must be the same too
        }
        return out;
    }

    /** What the parser's byte path makes of the input. */
    public static List<String> asBytes(InputFormat parser, byte[] input, ZoneId zone) throws IOException {
        List<String> out = new ArrayList<>();
        try {
            String id = parser.parse(new ByteArrayInputStream(input), new ParseContext("t", 3, zone, REFERENCE),
                    (first, count, r, text) -> out.add(describe(first, count, r, text)));
            out.add("id " + id);
        } catch (InputFormatException e) {
            out.add("error " + e.getMessage());
        }
        return out;
    }

    /** One record's outcome as text; the raw text is part of it except for ignored lines (not decoded). */
    public static String describe(long first, int count, LineResult r, String text) {
        String what;
        if (r instanceof LineResult.Parsed p) {
            what = p.events() + " keys " + p.rowKeys();
        } else if (r instanceof LineResult.Ignored i) {
            what = "ignored: " + i.why();
        } else {
            what = "malformed: " + ((LineResult.Malformed) r).why();
        }
        return first + "+" + count + " " + what + (r instanceof LineResult.Ignored ? "" : " | " + text);
    }

    /** The reference and the byte path give the same, line by line. */
    public static void assertSame(InputFormat reference, InputFormat parser, byte[] input, ZoneId zone)
            throws IOException {
        List<String> want = asText(reference, input, zone);
        List<String> got = asBytes(parser, input, zone);
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertEquals(want.get(i), got.get(i), "record " + (i + 1));
        }
        assertEquals(want.size(), got.size(), "records accounted for");
    }

    /** The uncompressed files under the test resources, the sample logs and the shared real data that match. */
    public static List<Path> testLogs(Predicate<Path> which) throws IOException {
        List<Path> logs = new ArrayList<>();
        for (String dir : List.of("src/test/resources", "sample-logs", "../shared/data/real-logs")) {
            Path root = REPO.resolve(dir);
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).filter(which).filter(p -> {
                        try {
                            byte[] head = Files.readAllBytes(p);
                            return head.length == 0 || head[0] != 0x1f; // not gzip
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).sorted().forEach(logs::add);
                }
            }
        }
        return logs;
    }

    /** A log of about this many lines from the benchmark's generator (fixed seed), its files joined. */
    public static byte[] generated(String format, int lines, Path dir) throws IOException {
        java.io.PrintStream out0 = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())); // it names the files it writes
        try {
            LogGenerator.main(new String[] {format, Integer.toString(lines), dir.toString(), "2"});
        } finally {
            System.setOut(out0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.toString().endsWith(".gz")).sorted().toList()) {
                out.writeBytes(Files.readAllBytes(f));
            }
        }
        return out.toByteArray();
    }

    /** Lines taken at random from these, each edited 0 to 3 times (an insert, a cut, a line cut short). */
    public static String mutated(String[] lines, String[] inserts, int count, long seed, String head) {
        Random rnd = new Random(seed);
        StringBuilder log = new StringBuilder(head);
        for (int i = 0; i < count; i++) {
            StringBuilder line = new StringBuilder(lines[rnd.nextInt(lines.length)]);
            int edits = rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(line.length() + 1);
                switch (rnd.nextInt(3)) {
                    case 0 -> line.insert(at, inserts[rnd.nextInt(inserts.length)]);
                    case 1 -> line.delete(at, Math.min(line.length(), at + 1 + rnd.nextInt(8)));
                    default -> line.setLength(at); // a line cut mid-field
                }
            }
            log.append(line).append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return log.toString();
    }

    /**
     * Hostile bytes around these good lines: a byte order mark, binary junk with NULs, invalid UTF-8,
     * a line longer than a line may be, one with more bytes than the bound but fewer characters, a
     * runaway line without a newline, HTML, blank lines, a line cut short at the end.
     */
    public static byte[] hostile(String head, String good, String prefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xEF);
        out.write(0xBB);
        out.write(0xBF);
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes((good + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {0, 1, 2, 3, 'b', 'i', 'n', 0, '\n'});
        out.writeBytes((prefix + "\u00e9").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, ')', '\n'});
        out.writeBytes((prefix + "x".repeat(LineReader.MAX_LINE + 10) + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes((prefix + "\u00e9".repeat(LineReader.MAX_LINE / 2 + 100) + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes("x".repeat(5 * LineReader.MAX_LINE).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("\n<html><body><p>550, \"not\" a log</p></body></html>\n" + good + "\n  \t \n\n\u00e9\u00e9,\u00e9\n"
                + good.substring(0, good.length() / 2)).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}

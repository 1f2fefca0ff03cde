package dev.mailblocks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * One regression test per way the nightly run lost or double-counted data (issue 10), each
 * with real processes on real files. Each failed before its fix: run them with
 * {@code -Dmailblocks.test.jar=} the previous release's jar to see it.
 */
@Execution(ExecutionMode.CONCURRENT)
class NightlyRegressionTest {

    @TempDir
    Path dir;

    /** A Postfix bounce for a policy reason, one recipient per line. */
    static String bounce(int i, String recipient) {
        return String.format("Dec 31 23:58:04 mx1 postfix/smtp[2105]: %010X: to=<%s>, relay=mx.example.org[192.0.2.25]:25,"
                + " delay=0.4, delays=0.1/0/0.2/0.1, dsn=5.7.1, status=bounced (host mx.example.org[192.0.2.25] said:"
                + " 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org"
                + " (in reply to RCPT TO command))%n", 0x1000000L + i, recipient);
    }

    static String log(int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append(bounce(i, "user" + i + "@example.org"));
        }
        return b.toString();
    }

    /** The data rows of a CSV report. */
    static List<CSVRecord> rows(Path csv) throws IOException {
        try (CSVParser p = CSVParser.parse(csv, StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        }
    }

    private MailblocksProcess.Result mailblocks(String... args) {
        return MailblocksProcess.run(dir, args);
    }

    @Test
    void aTruncatedGzipLosesNoLineWhenTheCompleteArchiveArrives() throws IOException {
        byte[] text = log(5_000).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) {
            o.write(text);
        }
        byte[] full = gz.toByteArray();
        byte[] cut = Arrays.copyOf(full, full.length * 6 / 10);
        Files.write(dir.resolve("mail.log.1.gz"), cut);
        // what a plain stream decoder (zcat) recovers: every complete line before the cut
        long recoverable = completeLinesBeforeDamage(cut);
        assertTrue(recoverable > 1000 && recoverable < 5_000, "recoverable " + recoverable);

        MailblocksProcess.Result first = mailblocks("ingest", "mail.log.1.gz", "--year", "2026");
        assertEquals(2, first.exit(), first.err());
        assertTrue(first.err().contains("mail.log.1.gz"), first.err());
        assertEquals(recoverable, storedEvents(), "the truncated read keeps every line zcat recovers");

        Files.write(dir.resolve("mail.log.1.gz"), full);
        MailblocksProcess.Result second = mailblocks("ingest", "mail.log.1.gz", "--year", "2026");
        assertEquals(0, second.exit(), second.err());
        assertEquals(5_000, storedEvents(), second.out());
        List<CSVRecord> inputs = rows(dir.resolve("reports/inputs.csv"));
        assertEquals("5000", inputs.get(0).get("lines"), "every line counted once");
        assertEquals("0", inputs.get(0).get("malformed_lines"));
    }

    private static long completeLinesBeforeDamage(byte[] gz) throws IOException {
        long lines = 0;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            byte[] buf = new byte[1];
            while (in.read(buf) > 0) {
                if (buf[0] == '\n') {
                    lines++;
                }
            }
        } catch (java.io.EOFException e) {
            // the cut
        }
        return lines;
    }

    private long storedEvents() throws IOException {
        MailblocksProcess.Result r = mailblocks("report", "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        return rows(dir.resolve("reports/events.csv")).size();
    }

    @Test
    void aWrongInputFormatDoesNotLoseTheFile() throws IOException {
        Files.writeString(dir.resolve("maillog"), log(100));
        MailblocksProcess.Result wrong = mailblocks("ingest", "maillog", "--input-format", "exim", "--year", "2026");
        assertEquals(2, wrong.exit(), wrong.out() + wrong.err());
        assertTrue(wrong.err().contains("maillog"), wrong.err());
        MailblocksProcess.Result right = mailblocks("ingest", "maillog", "--year", "2026");
        assertEquals(0, right.exit(), right.err());
        assertFalse(right.out().contains("already read"), right.out());
        assertEquals(100, storedEvents());
    }

    @Test
    void overlappingEspExportsAreCountedOnce() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(String.format("5.1.1,550 5.1.1 no such user,user%d@example.com,%d%n", i, 1763700000 + 60 * i));
        }
        Files.writeString(dir.resolve("bounces-1.csv"), "status,reason,email,created\n" + String.join("", rows));
        List<String> newestFirst = new ArrayList<>(rows.subList(20, 50));
        java.util.Collections.reverse(newestFirst);
        Files.writeString(dir.resolve("bounces-2.csv"), "status,reason,email,created\n" + String.join("", newestFirst));
        MailblocksProcess.Result r = mailblocks("run", "bounces-1.csv", "bounces-2.csv");
        assertEquals(0, r.exit(), r.err());
        assertEquals(50, rows(dir.resolve("reports/events.csv")).size(), r.out());
        List<CSVRecord> inputs = rows(dir.resolve("reports/inputs.csv"));
        CSVRecord second = inputs.stream().filter(x -> x.get("file").equals("bounces-2.csv")).findFirst().orElseThrow();
        assertEquals("31", second.get("lines"), "30 rows and the header");
        assertEquals("0", second.get("events"), "the second export's rows were all stored already");
        assertEquals("31", second.get("ignored_lines"));
    }

    @Test
    void oneBadPathDoesNotStopTheOtherInputs() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("good.log"), log(10));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        MailblocksProcess.Result r = mailblocks("run", "nosuch.log", "nomatch*.gz", "pipe", "/dev/null", "good.log",
                "--year", "2026");
        assertEquals(2, r.exit(), r.err());
        assertEquals(10, rows(dir.resolve("reports/events.csv")).size(), r.err());
        assertTrue(Files.exists(dir.resolve("reports/report.html")));
        assertTrue(r.err().contains("nosuch.log: no such file or folder"), r.err());
        assertTrue(r.err().contains("nomatch*.gz: no file matches"), r.err());
        assertTrue(r.err().contains("pipe: a FIFO"), r.err());
        assertTrue(r.err().contains("/dev/null: a character device"), r.err());
        assertTrue(r.err().contains("4 of 5 inputs skipped"), r.err());
    }

    @Test
    void optionsAreCheckedBeforeAnyInputIsRead() throws IOException {
        Files.writeString(dir.resolve("good.log"), log(10));
        for (String[] bad : List.of(new String[] {"--alert-block-rate", "2"}, new String[] {"--since", "bogus"})) {
            List<String> args = new ArrayList<>(List.of("run", "good.log"));
            args.addAll(List.of(bad));
            MailblocksProcess.Result r = mailblocks(args.toArray(String[]::new));
            assertEquals(2, r.exit(), args + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(bad[0]), r.err());
            assertFalse(Files.exists(dir.resolve("reports/mailblocks.duckdb")), args + " opened the store");
        }
        String db = dir.resolve("reports/mailblocks.duckdb").toString();
        for (String[] bad : List.of(new String[] {"--until", "yesterday"}, new String[] {"--alert-min-results", "-5"},
                new String[] {"--patterns", dir.resolve("missing-folder").toString()}, new String[] {"--format", "pdf"},
                new String[] {"--year", "26"}, new String[] {"--keep", "0d"})) {
            List<String> args = new ArrayList<>(List.of("run", dir.resolve("good.log").toString(), "--db", db));
            args.addAll(List.of(bad));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), args + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(bad[0]), r.err());
            assertFalse(Files.exists(dir.resolve("reports/mailblocks.duckdb")), args + " opened the store");
        }
        for (String[] cmd : List.of(new String[] {"patterns", "check"}, new String[] {"patterns", "list"},
                new String[] {"explain", "550 no"})) {
            List<String> args = new ArrayList<>(List.of(cmd));
            args.addAll(List.of("--patterns", dir.resolve("missing-folder").toString()));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), args + ": " + r.err());
            assertTrue(r.err().contains("--patterns " + dir.resolve("missing-folder") + ": no such folder"), r.err());
        }
        assertEquals(0, mailblocks("ingest", "good.log", "--year", "2026").exit());
        CliRunner.Result provider = CliRunner.run("report", "--db", db, "--provider", "nosuch");
        assertEquals(2, provider.exit());
        assertTrue(provider.err().contains("google") && provider.err().contains("microsoft"), provider.err());
        CliRunner.Result category = CliRunner.run("report", "--db", db, "--category", "nosuch");
        assertEquals(2, category.exit());
        assertTrue(category.err().contains("blocklisted") && !category.err().contains("design.md"), category.err());
        for (String[] cmd : List.of(new String[] {"run", "-V"}, new String[] {"report", "-V"},
                new String[] {"patterns", "check", "-V"}, new String[] {"explain", "-V"})) {
            CliRunner.Result v = CliRunner.run(cmd);
            assertEquals(0, v.exit(), v.err());
            assertTrue(v.out().startsWith("mailblocks "), Arrays.toString(cmd) + ": " + v.out());
        }
    }

    @Test
    void redactionCoversEncodedQuotedAndBracketedAddressesWithStableTokens() throws IOException {
        String line = bounce(1, "fatima.haddad@example.com").replace("blocked using zen.spamhaus.org",
                "blocked using zen.spamhaus.org; see https://example.net/lookup?id=fatima.haddad%40example.com"
                        + " for \"fatima.haddad\"@example.com [fatima.haddad@example.com] <FATIMA.HADDAD@example.com>"
                        + " 'fatima.haddad@example.com'");
        Files.writeString(dir.resolve("maillog"), line + bounce(2, "omar@example.com"));
        MailblocksProcess.Result r = mailblocks("run", "maillog", "--year", "2026", "--redact");
        assertEquals(0, r.exit(), r.err());
        List<String> tokens = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            for (Path f : files.filter(f -> !f.toString().endsWith(".duckdb")).toList()) {
                String s = Files.readString(f).toLowerCase(java.util.Locale.ROOT);
                assertFalse(s.contains("fatima"), f + " leaks the address");
                assertFalse(s.contains("omar"), f + " leaks the address");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z0-9_.-]+)@example\\.com").matcher(s);
                while (m.find()) {
                    tokens.add(m.group(1));
                }
            }
        }
        assertEquals(2, tokens.stream().distinct().count(), "one token per address: " + tokens);
        String events = Files.readString(dir.resolve("reports/events.csv"));
        MailblocksProcess.Result again = mailblocks("report", "--redact");
        assertEquals(0, again.exit(), again.err());
        assertEquals(events, Files.readString(dir.resolve("reports/events.csv")), "the same token in every report");
    }

    @Test
    void aKilledReportLeavesTheEarlierFilesWhole() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("maillog"), log(30_000));
        assertEquals(0, mailblocks("run", "maillog", "--year", "2026", "--format", "csv").exit());
        Path events = dir.resolve("reports/events.csv");
        byte[] whole = Files.readAllBytes(events);
        boolean caught = false;
        for (int attempt = 0; attempt < 5 && !caught; attempt++) {
            Process p = MailblocksProcess.start(dir, List.of("report", "--format", "csv"));
            MailblocksProcess.drain(p.getInputStream());
            MailblocksProcess.drain(p.getErrorStream());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && System.nanoTime() < deadline) {
                if (Files.size(events) != whole.length || writingAside(dir.resolve("reports"))) {
                    p.destroyForcibly(); // SIGKILL, in the middle of writing events.csv
                    caught = true;
                    break;
                }
                Thread.sleep(1);
            }
            p.waitFor(30, TimeUnit.SECONDS);
            assertTrue(Arrays.equals(whole, Files.readAllBytes(events)), "events.csv is whole after kill -9");
        }
        assertTrue(caught, "the kill came while events.csv was being written");
        MailblocksProcess.Result after = mailblocks("report", "--format", "csv");
        assertEquals(0, after.exit(), after.err());
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList(), "no temporary file left behind");
        }
    }

    private static boolean writingAside(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(".events.csv"));
        }
    }

    @Test
    void everyCsvCellIsGuardedAgainstFormulas() throws IOException {
        Files.writeString(dir.resolve("maillog"), bounce(1, "a@=cmd|calc.example") + bounce(2, "b@+sum.example")
                + bounce(3, "@c@-x.example"));
        MailblocksProcess.Result r = mailblocks("run", "maillog", "--year", "2026", "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        int cells = 0;
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                for (CSVRecord rec : rows(f)) {
                    for (String cell : rec) {
                        cells++;
                        assertFalse(!cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0
                                || cell.matches("-[^0-9].*"), f.getFileName() + ": " + cell);
                    }
                }
            }
        }
        assertTrue(cells > 50);
        assertEquals("'=cmd|calc.example", rows(dir.resolve("reports/blocking-domains.csv")).stream()
                .map(x -> x.get("domain")).filter(d -> d.contains("cmd")).findFirst().orElseThrow());
    }

    @Test
    void espRowsWithoutATimeTakeTheFileModificationTimeWhateverTheYear() throws IOException {
        Path export = dir.resolve("suppressions.csv");
        Files.writeString(export, "recipient,type,description\ncal@example.com,non_transactional,Manually added\n");
        Instant modified = Instant.parse("2025-03-04T05:06:07Z");
        Files.setLastModifiedTime(export, FileTime.from(modified));
        MailblocksProcess.Result r = mailblocks("run", "suppressions.csv", "--year", "2026", "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        List<CSVRecord> events = rows(dir.resolve("reports/events.csv"));
        assertEquals(1, events.size());
        assertEquals("2025-03-04T05:06:07Z", events.get(0).get("time"));
        assertNotEquals("", events.get(0).get("recipient"));
    }
}

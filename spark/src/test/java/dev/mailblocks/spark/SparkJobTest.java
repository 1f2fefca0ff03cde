package dev.mailblocks.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode ({@code local[2]}, one session for every case) against a local run of
 * the main jar on the same files: the report CSVs must be byte-identical; a hostile file fails
 * alone; a rerun replaces its inputs' rows instead of adding to them.
 */
class SparkJobTest {

    static final Path REPO = Path.of(System.getProperty("mailblocks.repo", "..")).toAbsolutePath().normalize();
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("mailblocks-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static MailblocksSparkJob.Result job(Path out, List<String> paths, PrintStream err) {
        List<String> args = new ArrayList<>(List.of("--parquet", out.toString(), "--timezone", "UTC", "--year", "2026"));
        args.addAll(paths);
        return MailblocksSparkJob.run(spark, MailblocksSparkJob.Options.parse(args.toArray(String[]::new)), err);
    }

    /** Runs the main jar through the README's wrapper (which builds it when stale); returns its stdout and stderr. */
    static String mailblocks(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(REPO.resolve("mailblocks").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(REPO.toFile()).redirectErrorStream(true);
        pb.environment().put("MAILBLOCKS_CDS", "0");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "mailblocks " + String.join(" ", args) + " did not finish");
        assertEquals(0, p.exitValue(), "mailblocks " + String.join(" ", args) + ":\n" + output);
        return output;
    }

    static Map<String, byte[]> files(Path dir, String suffix) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void reportsFromTheParquetTablesAreByteIdenticalToALocalRun(@TempDir Path tmp) throws Exception {
        String samples = REPO.resolve("sample-logs").toString();
        Path pq = tmp.resolve("pq");
        MailblocksSparkJob.Result r = job(pq, List.of(samples), new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(List.of(), r.errors());
        assertEquals(13, r.inputs());

        mailblocks("run", samples, "--year", "2026", "--timezone", "UTC", "--no-dns", "--db",
                tmp.resolve("local.duckdb").toString(), "--out", tmp.resolve("local").toString(), "--quiet");
        String said = mailblocks("report", "--parquet", pq.toString(), "--out", tmp.resolve("spark").toString());
        assertTrue(said.contains("reports written to"), said);

        Map<String, byte[]> local = files(tmp.resolve("local"), ".csv");
        Map<String, byte[]> fromSpark = files(tmp.resolve("spark"), ".csv");
        assertEquals(List.of("blocking-domains.csv", "error-patterns.csv", "events.csv", "inputs.csv", "unclassified.csv"),
                List.copyOf(local.keySet()));
        assertEquals(local.keySet(), fromSpark.keySet());
        for (String name : local.keySet()) {
            assertTrue(local.get(name).length > 100, name + " has rows");
            assertArrayEquals(local.get(name), fromSpark.get(name), name + " differs between the local run and Spark");
        }
        // the dashboard differs only in the time it was generated
        String a = Files.readString(tmp.resolve("local/report.html")).replaceAll("generated [0-9TZ:-]+", "generated");
        String b = Files.readString(tmp.resolve("spark/report.html")).replaceAll("generated [0-9TZ:-]+", "generated");
        assertEquals(a, b);

        // delivered results no report needs one by one are counts: fewer event rows than events
        long rows = spark.read().parquet(pq.resolve("events").toString()).count();
        long counted = spark.read().parquet(pq.resolve("delivered_counts").toString())
                .selectExpr("sum(results)").first().getLong(0);
        assertTrue(counted > 0, "some delivered results are folded into counts");
        assertEquals(r.events(), rows + counted, "every event is a row or in a count");
    }

    @Test
    void aHostileFileFailsAloneWithItsErrorInTheAccounting(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        byte[] maillog = Files.readAllBytes(REPO.resolve("sample-logs/postfix/maillog"));
        byte[] mainlog = Files.readAllBytes(REPO.resolve("sample-logs/exim/mainlog"));
        Files.write(in.resolve("a-maillog"), maillog);
        byte[] junk = new byte[200_000];
        new Random(7).nextBytes(junk);
        Files.write(in.resolve("b-junk.bin"), junk);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(mainlog); // another log than a-maillog: a cut copy of it would be the same input, read once
        }
        byte[] whole = gz.toByteArray();
        Files.write(in.resolve("c-mainlog.1.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.write(in.resolve("d-empty"), new byte[0]);

        ByteArrayOutputStream said = new ByteArrayOutputStream();
        Path pq = tmp.resolve("pq");
        MailblocksSparkJob.Result r = job(pq, List.of(in.toString()), new PrintStream(said, true, StandardCharsets.UTF_8));
        assertEquals(4, r.inputs());
        assertEquals(2, r.errors().size(), r.errors().toString());
        String stderr = said.toString(StandardCharsets.UTF_8);
        assertTrue(stderr.contains("b-junk.bin: cannot tell the format"), stderr);
        assertTrue(stderr.contains("c-mainlog.1.gz: line "), stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);

        Map<String, Row> inputs = spark.read().parquet(pq.resolve("inputs").toString()).collectAsList().stream()
                .collect(Collectors.toMap(x -> x.getString(x.fieldIndex("name")).replaceAll(".*/", ""), x -> x));
        Row good = inputs.get("a-maillog");
        Row junkRow = inputs.get("b-junk.bin");
        Row cut = inputs.get("c-mainlog.1.gz");
        Row empty = inputs.get("d-empty");
        assertNull(good.getAs("error"));
        long lines = good.<Long>getAs("lines");
        assertEquals(maillog.length > 0 ? countLines(maillog) : 0, lines);
        assertEquals(lines, good.<Long>getAs("event_lines") + good.<Long>getAs("ignored") + good.<Long>getAs("malformed"));
        assertTrue(good.<Long>getAs("events") > 0);
        // the junk file: failed, nothing kept of it, its error in the accounting
        assertTrue(junkRow.<Boolean>getAs("failed"));
        assertTrue(junkRow.<String>getAs("error").contains("cannot tell the format"), junkRow.toString());
        assertNull(junkRow.getAs("lines"));
        // the truncated archive: the whole lines before the damage are read and counted, the error says where it stopped
        assertFalse(cut.<Boolean>getAs("failed"));
        assertTrue(cut.<String>getAs("error").contains("cannot read further"), cut.toString());
        long cutLines = cut.<Long>getAs("lines");
        assertTrue(cutLines > 0 && cutLines < countLines(mainlog), "part of the lines: " + cutLines);
        assertEquals(cutLines, cut.<Long>getAs("event_lines") + cut.<Long>getAs("ignored") + cut.<Long>getAs("malformed"));
        assertEquals(0L, empty.<Long>getAs("lines"));
        assertNull(empty.getAs("error"));

        long junkId = junkRow.<Long>getAs("id");
        assertEquals(0, spark.read().parquet(pq.resolve("events").toString()).filter("input_id = " + junkId).count());
        assertTrue(spark.read().parquet(pq.resolve("events").toString())
                .filter("input_id = " + cut.<Long>getAs("id")).count() > 0);
    }

    @Test
    void aRerunReplacesItsInputsRowsInsteadOfAddingToThem(@TempDir Path tmp) throws Exception {
        Path day1 = Files.createDirectories(tmp.resolve("day1"));
        Path day2 = Files.createDirectories(tmp.resolve("day2"));
        Files.copy(REPO.resolve("sample-logs/postfix/maillog"), day1.resolve("maillog"));
        Files.copy(REPO.resolve("sample-logs/exim/mainlog"), day2.resolve("mainlog"));
        Path pq = tmp.resolve("pq");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        job(pq, List.of(day1.toString()), quiet);
        job(pq, List.of(day2.toString()), quiet);
        long events = total(pq);
        long inputRows = spark.read().parquet(pq.resolve("inputs").toString()).count();
        assertEquals(2, inputRows);
        job(pq, List.of(day1.toString()), quiet); // the same day again: its partitions are replaced
        assertEquals(events, total(pq));
        assertEquals(2, spark.read().parquet(pq.resolve("inputs").toString()).count());
    }

    @Test
    void theSameFilesUnderOtherSpellingsOrRenamedAreOneInput(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(REPO.resolve("sample-logs/postfix/maillog"), in.resolve("maillog"));
        Files.copy(REPO.resolve("sample-logs/exim/mainlog"), in.resolve("mainlog"));
        // the same logs after rotation, one of them compressed
        Path rotated = Files.createDirectories(tmp.resolve("rotated"));
        gzip(in.resolve("maillog"), rotated.resolve("maillog.1.gz"));
        Files.copy(in.resolve("mainlog"), rotated.resolve("mainlog.1"));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

        Path once = tmp.resolve("once");
        job(once, List.of(rotated.toString()), quiet);
        Path many = tmp.resolve("many");
        job(many, List.of(in.toString()), quiet);
        job(many, List.of("file://" + in + "/"), quiet);
        job(many, List.of(in + "/../in/./"), quiet);
        job(many, List.of(rotated.toString()), quiet);

        assertEquals(2, spark.read().parquet(many.resolve("inputs").toString()).count(), "two files, whatever their names");
        assertEquals(total(once), total(many));
        mailblocks("report", "--parquet", once.toString(), "--out", tmp.resolve("r-once").toString());
        mailblocks("report", "--parquet", many.toString(), "--out", tmp.resolve("r-many").toString());
        Map<String, byte[]> a = files(tmp.resolve("r-once"), ".csv");
        Map<String, byte[]> b = files(tmp.resolve("r-many"), ".csv");
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name + " differs from one job's");
        }
    }

    @Test
    void aGrownFileReplacesItsEarlierPartAndCopiesInOneJobAreReadOnce(@TempDir Path tmp) throws Exception {
        byte[] maillog = Files.readAllBytes(REPO.resolve("sample-logs/postfix/maillog"));
        int cut = maillog.length / 2;
        while (maillog[cut - 1] != '\n') {
            cut--;
        }
        assertTrue(cut > FileTask.HEAD, "the part read first starts with the whole head");
        Path early = Files.createDirectories(tmp.resolve("early"));
        Files.write(early.resolve("maillog"), java.util.Arrays.copyOf(maillog, cut)); // read while MTA still writes
        Path late = Files.createDirectories(tmp.resolve("late"));
        gzip(REPO.resolve("sample-logs/postfix/maillog"), late.resolve("maillog.1.gz")); // the same file, rotated, whole
        Files.write(late.resolve("empty-1"), new byte[0]);
        Files.write(late.resolve("empty-2"), new byte[0]);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

        Path whole = tmp.resolve("whole");
        job(whole, List.of(late.toString()), quiet);
        long expected = total(whole);
        assertEquals(3, spark.read().parquet(whole.resolve("inputs").toString()).count(),
                "two empty files are two inputs");

        // the partial file first, the whole one in a later job: replaced, not added
        Path twoJobs = tmp.resolve("two-jobs");
        job(twoJobs, List.of(early.toString()), quiet);
        assertTrue(total(twoJobs) < expected);
        job(twoJobs, List.of(late.toString()), quiet);
        assertEquals(expected, total(twoJobs));
        assertEquals(3, spark.read().parquet(twoJobs.resolve("inputs").toString()).count());

        // both in one job: read once, from the whole one, and said so
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        Path oneJob = tmp.resolve("one-job");
        MailblocksSparkJob.Result r = job(oneJob, List.of(early.toString(), late.toString()),
                new PrintStream(said, true, StandardCharsets.UTF_8));
        assertEquals(List.of(), r.errors());
        assertEquals(expected, total(oneJob));
        String stderr = said.toString(StandardCharsets.UTF_8);
        assertTrue(stderr.contains("early/maillog: the same content as ") && stderr.contains("maillog.1.gz"), stderr);
        List<Row> inputs = spark.read().parquet(oneJob.resolve("inputs").toString()).collectAsList();
        assertEquals(3, inputs.size());
        assertTrue(inputs.stream().anyMatch(x -> x.<String>getAs("name").endsWith("late/maillog.1.gz")
                && x.<Long>getAs("lines") == countLines(maillog)), inputs.toString());
    }

    @Test
    void aParsingThreadNeverSharesItsClassifier() {
        FileTask.Classifiers pool = new FileTask.Classifiers(
                dev.mailblocks.classify.CatalogueLoader.bundledFiles(), Map.of("site.yaml", "entries: []\n"));
        dev.mailblocks.classify.Classifier a = pool.borrow();
        dev.mailblocks.classify.Classifier b = pool.borrow(); // while a is out (an orphaned thread still parsing)
        assertTrue(a != b, "a classifier in use is never handed out again");
        pool.release(a);
        assertTrue(pool.borrow() == a, "an idle one is reused");
        pool.release(a);
        pool.release(b);
        assertEquals(2, pool.idle());
    }

    @Test
    void theContentIdIsTheHeadsOrTheWholeShortContentsAndAnEmptyFilesPath() {
        byte[] big = new byte[FileTask.HEAD];
        new Random(3).nextBytes(big);
        byte[] small = java.util.Arrays.copyOf(big, 100);
        assertEquals(FileTask.contentId(big, false, 1), FileTask.contentId(big, false, 2), "the path does not matter");
        assertFalse(FileTask.contentId(small, true, 1) == FileTask.contentId(big, false, 1));
        assertFalse(FileTask.contentId(small, true, 1) == FileTask.contentId(java.util.Arrays.copyOf(big, 101), true, 1));
        assertEquals(7, FileTask.contentId(new byte[0], true, 7), "an empty file: its path's id");
        assertTrue(FileTask.contentId(big, false, 1) >= 0);
    }

    private static void gzip(Path from, Path to) throws IOException {
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(to))) {
            Files.copy(from, z);
        }
    }

    /** Events stored as rows plus delivered results in counts. */
    private static long total(Path pq) {
        long rows = spark.read().parquet(pq.resolve("events").toString()).count();
        Row c = spark.read().parquet(pq.resolve("delivered_counts").toString()).selectExpr("sum(results)").first();
        return rows + (c.isNullAt(0) ? 0 : c.getLong(0));
    }

    private static long countLines(byte[] b) {
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return b.length > 0 && b[b.length - 1] != '\n' ? n + 1 : n;
    }
}

package dev.mailblocks.cli;

import static dev.mailblocks.cli.NightlyRegressionTest.bounce;
import static dev.mailblocks.cli.NightlyRegressionTest.log;
import static dev.mailblocks.cli.NightlyRegressionTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly {@code run} that read nothing new leaves the reports as they are (issue 7: the no-op
 * rerun), and writes them again as soon as anything they show could differ.
 */
class ReportStampTest {

    @TempDir
    Path dir;

    private CliRunner.Result run(String... extra) {
        String[] base = {"run", dir.resolve("logs").toString(), "--db", dir.resolve("store.duckdb").toString(), "--out",
            dir.resolve("out").toString(), "--year", "2026", "--timezone", "UTC", "--alert-block-rate", "0.5",
            "--alert-min-results", "10"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRunner.run(args);
    }

    /** Every report file with its modification time, back-dated first so that a rewrite shows. */
    private Map<String, FileTime> backdated() throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            for (Path p : s.toList()) {
                Files.setLastModifiedTime(p, old);
                out.put(p.getFileName().toString(), old);
            }
        }
        return out;
    }

    private Map<String, FileTime> times() throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            for (Path p : s.toList()) {
                out.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    @Test
    void aRunThatReadNothingNewLeavesTheReportsAndRepeatsTheirAlerts() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/maillog"), log(30));
        CliRunner.Result first = run();
        assertEquals(4, first.exit(), first.err());
        assertTrue(first.out().contains("reports written to "), first.out());
        assertTrue(first.err().contains("alert: example.org blocks 100.0% of our mail (30 of 30"), first.err());

        // the stamp is of the folder as written: mark every file, so that the next run must match the marks
        Map<String, FileTime> marked = backdated();
        CliRunner.Result again = run();
        assertEquals(4, again.exit(), again.err());
        assertTrue(again.out().contains("reports written"), "the times set after writing differ from the stamp");

        // the stamp now has these times: a run with nothing new leaves them and says so
        Map<String, FileTime> rewritten = times();
        CliRunner.Result same = run();
        assertEquals(4, same.exit(), same.err());
        assertTrue(same.out().contains("are up to date: nothing they read changed (events from 2026-12-31T23:58:04Z"),
                same.out());
        assertTrue(same.err().contains("alert: example.org blocks 100.0% of our mail (30 of 30"), "alerts repeat every night");
        assertEquals(rewritten, times(), "no file written again");
        assertEquals(marked.keySet(), rewritten.keySet());
    }

    /** Reports are written side by side: one that cannot be written fails the run in one line, after the others finish. */
    @Test
    void aReportThatCannotBeWrittenFailsTheRunInOneLine() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/maillog"), log(30));
        Files.createDirectories(dir.resolve("out/report.html/in-the-way")); // a folder where the dashboard goes
        CliRunner.Result r = run();
        assertTrue(r.exit() != 0, r.out() + r.err());
        assertTrue(r.err().contains("report.html: cannot write"), r.err());
        assertEquals(1, r.err().lines().filter(l -> !l.startsWith("mailblocks: alert")).count(), r.err());
        assertEquals(30, rows(dir.resolve("out/events.csv")).size(), "the other reports are written");
        assertFalse(r.out().contains("reports written"), r.out());
    }

    /** The stamp prints the options: the same options must print the same in every JVM (a set's order is salted). */
    @Test
    void theOptionsPrintTheSameWhateverTheirOrder() {
        var a = new dev.mailblocks.pipeline.ReportConfig(dir, new java.util.LinkedHashSet<>(java.util.List.of("html", "csv",
                "json")), null, null, null, null, null, false);
        var b = new dev.mailblocks.pipeline.ReportConfig(dir, new java.util.LinkedHashSet<>(java.util.List.of("json", "csv",
                "html")), null, null, null, null, null, false);
        assertEquals(a.toString(), b.toString());
        assertTrue(a.toString().contains("formats=[csv, html, json]"), a.toString());
    }

    @Test
    void anythingTheReportsReadWritesThemAgain() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/maillog"), log(30));
        assertEquals(4, run().exit());
        Map<String, FileTime> written = times();
        assertTrue(run().out().contains("are up to date"));
        assertEquals(written, times(), "nothing rewritten");

        // a report removed by hand comes back
        Files.delete(dir.resolve("out/events.csv"));
        CliRunner.Result removed = run();
        assertTrue(removed.out().contains("reports written"), removed.out());
        assertEquals(30, rows(dir.resolve("out/events.csv")).size());

        // a report edited by hand is written again
        Files.writeString(dir.resolve("out/errors.txt"), "not ours");
        assertTrue(run().out().contains("reports written"), "a file added to the folder");
        assertTrue(run().out().contains("are up to date"));

        // new lines in the log
        Files.writeString(dir.resolve("logs/maillog"), bounce(99, "late@example.org"), StandardOpenOption.APPEND);
        CliRunner.Result appended = run();
        assertTrue(appended.out().contains("reports written"), appended.out());
        assertEquals(31, rows(dir.resolve("out/events.csv")).size());

        // other report options
        CliRunner.Result csvOnly = run("--format", "csv");
        assertTrue(csvOnly.out().contains("reports written"), csvOnly.out());
        CliRunner.Result csvAgain = run("--format", "csv");
        assertTrue(csvAgain.out().contains("are up to date"), csvAgain.out());
        assertTrue(run("--format", "csv", "--since", "2026-12-01").out().contains("reports written"));

        // retention deletes events
        CliRunner.Result pruned = run("--format", "csv", "--since", "2026-12-01", "--keep", "1d");
        assertTrue(pruned.out().contains("reports written"), pruned.out());

        // the report command always writes
        CliRunner.Result report = CliRunner.run("report", "--db", dir.resolve("store.duckdb").toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().contains("reports written"), report.out());
    }
}

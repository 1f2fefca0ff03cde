package dev.mailblocks.cli;

import static dev.mailblocks.cli.NightlyRegressionTest.bounce;
import static dev.mailblocks.cli.NightlyRegressionTest.log;
import static dev.mailblocks.cli.NightlyRegressionTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.store.EventStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/** What a cron user sets up once (issue 10): config file, lock wait, alerts, retention, upgrades, stdin. */
@Execution(ExecutionMode.CONCURRENT)
class NightlyFeaturesTest {

    @TempDir
    Path dir;

    private MailblocksProcess.Result mailblocks(String... args) {
        return MailblocksProcess.run(dir, args);
    }

    @Test
    void aConfigFileHoldsTheOptionsAndTheCommandLineOverridesIt() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/maillog"), log(30));
        Files.writeString(dir.resolve("etc/mailblocks.yaml"), """
                # paths are relative to this file's folder
                inputs: [../logs]
                db: ../var/store.duckdb
                out: ../www
                format: csv
                year: 2026
                timezone: UTC
                alert-block-rate: 0.5
                alert-min-results: 10
                """);
        MailblocksProcess.Result r = mailblocks("run", "--config", "etc/mailblocks.yaml");
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("mailblocks: alert: example.org blocks 100.0% of our mail"), r.err());
        assertEquals(30, rows(dir.resolve("www/events.csv")).size());
        assertTrue(Files.exists(dir.resolve("var/store.duckdb")));
        assertFalse(Files.exists(dir.resolve("www/report.html")), "format: csv");

        MailblocksProcess.Result override = mailblocks("run", "--config", "etc/mailblocks.yaml", "--out", "other",
                "--format", "html", "--alert-block-rate", "1", "--alert-min-results", "100");
        assertEquals(0, override.exit(), override.err());
        assertTrue(override.out().contains("logs/maillog: already read"), override.out());
        assertTrue(Files.exists(dir.resolve("other/report.html")));

        Files.writeString(dir.resolve("etc/typo.yaml"), "inputs: [../logs]\nalert-rate: 0.5\n");
        MailblocksProcess.Result typo = mailblocks("run", "--config", "etc/typo.yaml");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().startsWith("mailblocks: etc/typo.yaml: unknown key 'alert-rate' (known: "), typo.err());
        assertEquals(1, typo.err().lines().count(), typo.err());
    }

    @Test
    void theSampleConfigOfTheRepositoryWorks() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        MailblocksProcess.Result r = MailblocksProcess.run(repo, "run", "--config", "examples/mailblocks.yaml",
                "--db", dir.resolve("db.duckdb").toString(), "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(4, r.exit(), r.err()); // the sample logs have domains blocking more than half of our mail
        assertEquals("", r.out(), "--quiet");
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("mailblocks: alert: ")), r.err());
        assertTrue(Files.size(dir.resolve("out/report.html")) > 10_000);
        assertTrue(rows(dir.resolve("out/blocking-domains.csv")).size() > 5);
    }

    @Test
    void waitingForTheLockInsteadOfFailing() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("maillog"), log(10));
        // a run that holds the store while it waits for its standard input
        Process holder = MailblocksProcess.start(dir, List.of("ingest", "-", "--year", "2026"));
        CompletableFuture<String> holderErr = MailblocksProcess.drain(holder.getErrorStream());
        MailblocksProcess.drain(holder.getInputStream());
        Path db = dir.resolve("reports/mailblocks.duckdb");
        for (int i = 0; i < 600 && !Files.exists(db); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(1500); // the store is open and the holder blocks on its input
        MailblocksProcess.Result busy = mailblocks("ingest", "maillog", "--year", "2026");
        assertEquals(1, busy.exit(), busy.err());
        assertTrue(busy.err().contains("in use by another mailblocks run (--wait DURATION waits for it)"), busy.err());

        Process waiter = MailblocksProcess.start(dir, List.of("ingest", "maillog", "--year", "2026", "--wait", "60s"));
        CompletableFuture<String> waiterOut = MailblocksProcess.drain(waiter.getInputStream());
        CompletableFuture<String> waiterErr = MailblocksProcess.drain(waiter.getErrorStream());
        Thread.sleep(2000);
        assertTrue(waiter.isAlive(), "the waiting run waits");
        try (OutputStream in = holder.getOutputStream()) {
            in.write(bounce(99, "zed@example.net").getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, holder.exitValue(), holderErr.join());
        assertTrue(waiter.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, waiter.exitValue(), waiterErr.join());
        assertTrue(waiterOut.join().contains("maillog: postfix, 10 lines"), waiterOut.join());

        MailblocksProcess.Result shortWait = mailblocks("report", "--wait", "bogus");
        assertEquals(2, shortWait.exit());
        assertTrue(shortWait.err().contains("--wait"), shortWait.err());
    }

    @Test
    void aNewBlockingDomainSinceThePreviousRunIsAnAlert() throws IOException {
        Files.writeString(dir.resolve("day1.log"), bounce(1, "a@first.example") + bounce(2, "b@first.example"));
        MailblocksProcess.Result first = mailblocks("run", "day1.log", "--year", "2026", "--alert-new-blocks");
        assertEquals(0, first.exit(), "the first run sets the baseline: " + first.err());

        Files.writeString(dir.resolve("day2.log"), bounce(3, "c@first.example") + bounce(4, "d@second.example")
                + bounce(5, "e@third.example"));
        MailblocksProcess.Result second = mailblocks("run", "day1.log", "day2.log", "--year", "2026",
                "--alert-new-blocks");
        assertEquals(4, second.exit(), second.err());
        assertEquals(List.of("mailblocks: alert: new blocking domain: second.example",
                "mailblocks: alert: new blocking domain: third.example"), second.err().lines().toList());

        MailblocksProcess.Result third = mailblocks("run", "day1.log", "day2.log", "--year", "2026",
                "--alert-new-blocks");
        assertEquals(0, third.exit(), third.err());
        assertEquals("", third.err());
    }

    @Test
    void retentionDeletesOldEventsAndTheReportSaysWhatItCovers() throws IOException {
        // SendGrid rows with their own times: one from 2020, one recent
        long old = java.time.Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
        long recent = java.time.Instant.now().minus(java.time.Duration.ofDays(3)).getEpochSecond();
        Files.writeString(dir.resolve("bounces.csv"), "status,reason,email,created\n"
                + "5.1.1,550 5.1.1 no such user,old@example.com," + old + "\n"
                + "5.1.1,550 5.1.1 no such user,new@example.com," + recent + "\n");
        MailblocksProcess.Result r = mailblocks("run", "bounces.csv", "--keep", "400d");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("retention: 1 events older than 400 days deleted"), r.out());
        List<String> recipients = rows(dir.resolve("reports/events.csv")).stream().map(x -> x.get("recipient")).toList();
        assertEquals(List.of("new@example.com"), recipients);
        String html = Files.readString(dir.resolve("reports/report.html"));
        assertTrue(html.contains("were deleted (--keep)"), "the report says what it covers");
        assertTrue(r.out().contains("older ones deleted before"), r.out());
        MailblocksProcess.Result again = mailblocks("run", "bounces.csv", "--keep", "400d");
        assertTrue(again.out().contains("bounces.csv: already read"), "a pruned file is not read again: " + again.out());
        assertEquals(1, rows(dir.resolve("reports/events.csv")).size());
    }

    @Test
    void aStoreWrittenByThePreviousReleaseIsUpgradedInPlace() throws IOException {
        // written by mailblocks 0.1.0 (git main before issue 10) from the logs in store/v1-logs
        Path db = dir.resolve("old.duckdb");
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/store/v1-0.1.0.duckdb.gz"))) {
            Files.copy(in, db);
        }
        Files.createDirectories(dir.resolve("logs"));
        for (String f : List.of("maillog", "sendgrid-bounces.csv")) {
            try (InputStream in = getClass().getResourceAsStream("/store/v1-logs/" + f)) {
                Files.copy(in, dir.resolve("logs").resolve(f));
            }
        }
        MailblocksProcess.Result r = mailblocks("report", "--db", "old.duckdb", "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("was upgraded from schema version 1 to " + EventStore.SCHEMA_VERSION), r.out());
        // the same logs read into a new store by this release give the same reports
        MailblocksProcess.Result fresh = mailblocks("run", "logs", "--db", "fresh.duckdb", "--out", "fresh",
                "--format", "csv", "--year", "2026", "--timezone", "UTC");
        assertEquals(0, fresh.exit(), fresh.err());
        for (String report : List.of("blocking-domains.csv", "error-patterns.csv", "unclassified.csv")) {
            assertEquals(Files.readString(dir.resolve("fresh").resolve(report)),
                    Files.readString(dir.resolve("reports").resolve(report)), "the same data: " + report);
        }
        MailblocksProcess.Result rerun = mailblocks("run", "logs", "--db", "old.duckdb", "--year", "2026",
                "--timezone", "UTC");
        assertEquals(0, rerun.exit(), rerun.err());
        assertTrue(rerun.out().contains("logs/maillog: already read"), "the old ledger is kept: " + rerun.out());
        assertTrue(rerun.out().contains("logs/sendgrid-bounces.csv: already read"), rerun.out());
        assertFalse(rerun.out().contains("upgraded"), rerun.out());
        // the rerun folded the old store's delivered results into counts: the reports stay the same
        for (String report : List.of("blocking-domains.csv", "error-patterns.csv", "unclassified.csv")) {
            assertEquals(Files.readString(dir.resolve("fresh").resolve(report)),
                    Files.readString(dir.resolve("reports").resolve(report)), "after folding: " + report);
        }
    }

    @Test
    void aStoreOfANewerReleaseIsRefusedSayingWhatToDo() throws IOException, SQLException {
        Files.writeString(dir.resolve("maillog"), log(3));
        assertEquals(0, mailblocks("ingest", "maillog", "--year", "2026").exit());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("reports/mailblocks.duckdb"));
                Statement st = c.createStatement()) {
            st.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }
        MailblocksProcess.Result r = mailblocks("report");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("written by a newer mailblocks (schema 99, this one knows " + EventStore.SCHEMA_VERSION + ")"), r.err());
    }

    @Test
    void standardInputWithANameIsRememberedByContent() throws IOException {
        byte[] day = log(20).getBytes(StandardCharsets.US_ASCII);
        MailblocksProcess.Result first = MailblocksProcess.run(dir, day, "run", "-", "--stdin-name", "mail.log",
                "--year", "2026", "--format", "csv");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("mail.log: postfix, 20 lines"), first.out());
        MailblocksProcess.Result same = MailblocksProcess.run(dir, day, "run", "-", "--stdin-name", "mail.log",
                "--year", "2026", "--format", "csv");
        assertTrue(same.out().startsWith("mail.log: already read (20 lines)"), same.out());
        byte[] grown = (log(20) + bounce(500, "late@example.org")).getBytes(StandardCharsets.US_ASCII);
        MailblocksProcess.Result more = MailblocksProcess.run(dir, grown, "run", "-", "--stdin-name", "mail.log",
                "--year", "2026", "--format", "csv");
        assertTrue(more.out().startsWith("mail.log: postfix, 1 lines after line 20"), more.out());
        assertEquals(21, rows(dir.resolve("reports/events.csv")).size());
        assertEquals(List.of("mail.log"), rows(dir.resolve("reports/inputs.csv")).stream().map(x -> x.get("file"))
                .toList());
        try (var files = Files.list(dir.resolve("reports"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".stdin-")), "the copy is removed");
        }
        MailblocksProcess.Result noDash = mailblocks("run", "maillog", "--stdin-name", "x");
        assertEquals(2, noDash.exit());
        assertTrue(noDash.err().contains("--stdin-name x: standard input (-) is not among the inputs"), noDash.err());
    }
}

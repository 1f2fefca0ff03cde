package dev.mailblocks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, one-line errors, explain, escaping of hostile log text. */
class CommandLineTest {

    @TempDir
    Path tmp;

    private static final Path GOLDEN_INPUT = Path.of("src/test/resources/golden/postfix/input");

    @Test
    void noCommandIsBadUsage() {
        CliRunner.Result r = CliRunner.run();
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("mailblocks: "), r.err());
    }

    @Test
    void versionAndHelpWork() {
        assertEquals(0, CliRunner.run("--version").exit());
        CliRunner.Result help = CliRunner.run("run", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--since"), help.out());
    }

    @Test
    void aMissingInputIsExitTwoWithOneLineNamingIt() {
        CliRunner.Result r = CliRunner.run("ingest", tmp.resolve("nope.log").toString(), "--db",
                tmp.resolve("db.duckdb").toString());
        assertEquals(2, r.exit());
        assertEquals(List.of("mailblocks: " + tmp.resolve("nope.log") + ": no such file or folder",
                "mailblocks: 1 of 1 inputs skipped or not read whole; the others were read"), r.err().lines().toList());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anInvalidSiteCatalogueIsExitThreeNamingFileAndEntry() throws IOException {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("ours.yaml"), """
                entries:
                  - id: ours-bad
                    category: no-such-category
                    match: {any: ["x"]}
                    advice: "a"
                    ref: "r"
                    reviewed: 2026-11-23
                    examples: {match: ["x"], miss: ["y"]}
                """);
        CliRunner.Result r = CliRunner.run("patterns", "check", "--patterns", site.toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("ours.yaml: entry 'ours-bad': unknown category no-such-category"), r.err());
    }

    @Test
    void badSinceIsBadUsage() {
        CliRunner.Result r = CliRunner.run("run", GOLDEN_INPUT.toString(), "--db", tmp.resolve("db.duckdb").toString(),
                "--out", tmp.resolve("out").toString(), "--since", "last tuesday");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--since last tuesday"), r.err());
    }

    @Test
    void reportWithoutAStoreSaysWhatToDo() {
        CliRunner.Result r = CliRunner.run("report", "--db", tmp.resolve("none.duckdb").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no store yet"), r.err());
    }

    @Test
    void explainSaysCategoryEntryAndWhy() {
        CliRunner.Result r = CliRunner.run("explain", "550 Rejected: 198.51.100.7 listed at zen.spamhaus.org for remediation");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("category:  blocklisted"), r.out());
        assertTrue(r.out().contains("template:  550 Rejected: <ip> listed at zen.spamhaus.org"), r.out());
        CliRunner.Result json = CliRunner.run("explain", "--json", "554 (RTR:BL)");
        assertTrue(json.out().contains("\"category\" : \"blocklisted\""), json.out());
    }

    @Test
    void htmlFromLogsIsEscapedAndFormulasAreNeutralised() throws IOException {
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("run", GOLDEN_INPUT.toString(), "--db", tmp.resolve("db.duckdb").toString(),
                "--out", out.toString(), "--year", "2026", "--timezone", "UTC");
        assertEquals(0, r.exit(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("<script"), "no script element may come from a log");
        // jte escapes by context: < > & in text, quotes too inside attributes
        assertTrue(html.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;"));
        assertFalse(html.contains(" src=") || html.contains("<link") || html.contains("@import")
                || html.replace("url(#", "").contains("url("),
                "self-contained: no external script, style, font or image (only the SVG's own fill patterns)");
        String events = Files.readString(out.resolve("events.csv"));
        assertTrue(events.contains(",\"'=HYPERLINK(\"\"http://x.example\"\")@spam.example\","), events);
        assertFalse(events.contains(",=HYPERLINK"), events);
    }

    @Test
    void runningTwiceOnTheSameInputChangesNothing() throws IOException {
        Path out = tmp.resolve("out");
        String[] args = {"run", GOLDEN_INPUT.toString(), "--db", tmp.resolve("db.duckdb").toString(), "--out",
            out.toString(), "--year", "2026", "--timezone", "UTC"};
        assertEquals(0, CliRunner.run(args).exit());
        String first = Files.readString(out.resolve("events.csv"));
        CliRunner.Result second = CliRunner.run(args);
        assertEquals(0, second.exit());
        assertTrue(second.out().contains("already read"), second.out());
        assertEquals(first, Files.readString(out.resolve("events.csv")));
    }

    @Test
    void reportFiltersByDomainAndWindow() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, CliRunner.run("ingest", GOLDEN_INPUT.toString(), "--db", tmp.resolve("db.duckdb").toString(),
                "--year", "2026", "--timezone", "UTC").exit());
        CliRunner.Result r = CliRunner.run("report", "--db", tmp.resolve("db.duckdb").toString(), "--out",
                out.toString(), "--domain", "gmail.com", "--since", "1d", "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        String events = Files.readString(out.resolve("events.csv"));
        assertTrue(events.lines().skip(1).allMatch(l -> l.contains(",gmail.com,")), events);
        assertFalse(Files.exists(out.resolve("report.html")));
    }

    @Test
    void aBlockRateOverTheAlertThresholdExitsFourAfterWritingReports() throws IOException {
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("run", GOLDEN_INPUT.toString(), "--db", tmp.resolve("db.duckdb").toString(),
                "--out", out.toString(), "--year", "2026", "--timezone", "UTC", "--alert-block-rate", "0.5",
                "--alert-min-results", "3");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("mailblocks: alert: gmail.com blocks 66.7% of our mail"), r.err());
        assertTrue(Files.exists(out.resolve("report.html")));
        CliRunner.Result calm = CliRunner.run("report", "--db", tmp.resolve("db.duckdb").toString(), "--out",
                out.toString(), "--alert-block-rate", "0.9", "--alert-min-results", "3");
        assertEquals(0, calm.exit(), calm.err());
    }

    @Test
    void standardInputIsReadWhenThePathIsADash() throws IOException {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(GOLDEN_INPUT.resolve("maillog"))));
            CliRunner.Result r = CliRunner.run("ingest", "-", "--db", tmp.resolve("db.duckdb").toString(),
                    "--year", "2026", "--timezone", "UTC");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("-: postfix, 45 lines"), r.out());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aChangedCatalogueClassifiesTheStoredRefusalsAgain() throws IOException {
        String db = tmp.resolve("db.duckdb").toString();
        Path out = tmp.resolve("out");
        assertEquals(0, CliRunner.run("ingest", GOLDEN_INPUT.toString(), "--db", db, "--year", "2026",
                "--timezone", "UTC").exit());
        assertEquals(0, CliRunner.run("report", "--db", db, "--out", out.toString(), "--format", "csv").exit());
        assertTrue(Files.readString(out.resolve("unclassified.csv")).contains("quotes"));

        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("ours.yaml"), """
                entries:
                  - id: site-script-filter
                    category: filtered
                    priority: 90
                    match: {any: ['quotes" rejected']}
                    advice: "Their filter dislikes our markup."
                    ref: "bounce seen in our logs"
                    reviewed: 2026-11-23
                    examples: {match: ['550 <b>"quotes" rejected'], miss: ["550 quotes accepted"]}
                """);
        CliRunner.Result r = CliRunner.run("report", "--db", db, "--out", out.toString(), "--format", "csv",
                "--patterns", site.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("stored refusal templates classified again"), r.out());
        assertFalse(Files.readString(out.resolve("unclassified.csv")).contains("quotes"));
        assertTrue(Files.readString(out.resolve("error-patterns.csv")).contains("site-script-filter,filtered,recipient,1"));

        CliRunner.Result again = CliRunner.run("report", "--db", db, "--out", out.toString(), "--format", "csv",
                "--patterns", site.toString());
        assertFalse(again.out().contains("classified again"), "nothing to do when the catalogue is unchanged");
    }

    @Test
    void storedRefusalsWithoutReplyCodeAreClassifiedAgain() throws IOException {
        // the context query read wasNull() after the next column: a missing reply code became 0 and the
        // UPDATE never matched, so such refusals kept their first classification forever
        Path log = Files.writeString(tmp.resolve("maillog"), """
                Dec 31 10:00:00 mx postfix/smtp[1]: 1A2B3C4D5E: to=<ann@example.org>, relay=none, delay=1, \
                delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.1]:25: \
                Connection refused by the mailbox farm)
                """.replace("\\\n", ""));
        String db = tmp.resolve("db.duckdb").toString();
        Path out = tmp.resolve("out");
        assertEquals(0, CliRunner.run("ingest", log.toString(), "--db", db, "--year", "2026", "--timezone", "UTC")
                .exit());
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("ours.yaml"), """
                entries:
                  - id: site-mailbox-farm
                    category: system-error
                    priority: 90
                    match: {any: ['by the mailbox farm']}
                    advice: "Their mailbox farm is down; it retries."
                    ref: "bounce seen in our logs"
                    reviewed: 2026-11-26
                    examples: {match: ['Connection refused by the mailbox farm'], miss: ["Connection refused"]}
                """);
        CliRunner.Result r = CliRunner.run("report", "--db", db, "--out", out.toString(), "--format", "csv",
                "--patterns", site.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out.resolve("events.csv")).contains(",system-error,transient,site-mailbox-farm,"),
                Files.readString(out.resolve("events.csv")));
    }

    @Test
    void anUnknownInputFormatIsBadUsageBeforeAnyInputIsRead() {
        CliRunner.Result r = CliRunner.run("ingest", GOLDEN_INPUT.toString(), GOLDEN_INPUT.toString(), "--db",
                tmp.resolve("db.duckdb").toString(), "--input-format", "sendmail");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("mailblocks: --input-format sendmail: not a format (known: auto, "), r.err());
    }
}

package dev.mailblocks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patterns check --coverage}: alternatives, held-out families, undecided templates, bad files. */
class PatternsCoverageTest {

    @TempDir
    Path tmp;

    private static final String DEV_HEADER = "reply_code\tenhanced_status\tsmtp_command\tremote_host\trecipient_domain"
            + "\tdiagnostic_text\texpected_category\tsisimai_reason\tsource\n";

    @Test
    void seedFormatAcceptsAnyOfItsAlternatives() throws IOException {
        Path seeds = tmp.resolve("seeds.tsv");
        Files.writeString(seeds, "id\tdiagnostic_text\texpected\tnote\n"
                + "a\t550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown\tfiltered|user-unknown\t\n"
                + "b\t452 4.2.2 Mailbox full\tmailbox-full\tquota\n");
        CliRunner.Result r = CliRunner.run("patterns", "check", "--coverage", seeds.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 of 2 agree (100.0%)"), r.out());
        assertTrue(r.out().contains("filtered|user-unknown"), r.out());
    }

    @Test
    void heldOutFamiliesAreCountedButTheirTextsNeverShown() throws IOException {
        Path dev = tmp.resolve("dev.tsv");
        Files.writeString(dev, DEV_HEADER
                + "550\t5.1.1\tRCPT\t\t\tSECRET-ONE 550 5.1.1 User unknown\tmailbox-full\tx\tmaildir/bsd/lhost-secret-01.eml#1\n"
                + "\t\t\t\t\tSECRET-TWO zzz qqq never matched\tuser-unknown\tx\tmaildir/bsd/lhost-secret-02.eml#1\n"
                + "550\t5.1.1\tRCPT\t\t\tOPEN-ONE 550 5.1.1 User unknown\tmailbox-full\tx\tmaildir/bsd/lhost-open-07.eml#2\n"
                + "\t\t\t\t\tOPEN-TWO zzz qqq never matched\tuser-unknown\tx\tmaildir/bsd/lhost-open-08.eml#1\n");
        Path holdout = tmp.resolve("holdout.txt");
        Files.writeString(holdout, "# held out\nlhost-secret\n");
        CliRunner.Result r = CliRunner.run("patterns", "check", "--coverage", dev.toString(), "--holdout",
                holdout.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("SECRET"), r.out());
        assertTrue(r.out().contains("OPEN-ONE"), r.out());
        assertTrue(r.out().contains("OPEN-TWO zzz qqq never matched"), r.out());
        assertTrue(r.out().contains("2 disagreements in the held-out families are not shown"), r.out());
        assertTrue(r.out().contains("held out (2)"), r.out());
        assertTrue(r.out().contains("rest (2)"), r.out());
        assertTrue(r.out().contains("whole file (4)"), r.out());
    }

    @Test
    void undecidedTextsAreGroupedByTemplateWithCounts() throws IOException {
        Path texts = tmp.resolve("texts.tsv");
        Files.writeString(texts, "diagnostic_text\n"
                + "599 zqx frobnicated for jane@example.org from 198.51.100.7\n"
                + "599 zqx frobnicated for joe@example.net from 203.0.113.9\n"
                + "550 5.1.1 User unknown\n");
        CliRunner.Result r = CliRunner.run("patterns", "check", "--coverage", texts.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("   2  unclassified     599 zqx frobnicated for <addr> from <ip>"), r.out());
        assertFalse(r.out().contains("User unknown"), r.out());
    }

    @Test
    void anUnknownExpectedCategoryIsBadUsageNamingTheLine() throws IOException {
        Path seeds = tmp.resolve("seeds.tsv");
        Files.writeString(seeds, "id\tdiagnostic_text\texpected\n" + "a\t550 User unknown\tuser-unknown|no-such\n");
        CliRunner.Result r = CliRunner.run("patterns", "check", "--coverage", seeds.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("seeds.tsv line 2: unknown category \"no-such\""), r.err());
    }

    @Test
    void holdoutNeedsASourceColumn() throws IOException {
        Path seeds = tmp.resolve("seeds.tsv");
        Files.writeString(seeds, "id\tdiagnostic_text\texpected\n" + "a\t550 User unknown\tuser-unknown\n");
        Path holdout = tmp.resolve("holdout.txt");
        Files.writeString(holdout, "lhost-x\n");
        CliRunner.Result r = CliRunner.run("patterns", "check", "--coverage", seeds.toString(), "--holdout",
                holdout.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("needs a 'source' column"), r.err());
    }

    @Test
    void explainTakesTheOutcomeIntoAccount() {
        CliRunner.Result deferred = CliRunner.run("explain", "--outcome", "deferred",
                "connect to mx.example.com[198.51.100.20]:25: Connection timed out");
        CliRunner.Result bounced = CliRunner.run("explain", "--outcome", "bounced",
                "connect to mx.example.com[198.51.100.20]:25: Connection timed out");
        assertEquals(0, bounced.exit(), bounced.err());
        assertTrue(deferred.out().startsWith("category:  network-error"), deferred.out());
        assertTrue(bounced.out().startsWith("category:  expired"), bounced.out());
        assertTrue(bounced.out().contains("entry:     generic-network-error:final"), bounced.out());
        assertTrue(bounced.out().contains("advice:    We could not hold"), bounced.out());
        CliRunner.Result bad = CliRunner.run("explain", "--outcome", "lost", "x");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--outcome lost"), bad.err());
    }

    @Test
    void aFileThatIsNotTextIsOneClearLine() throws IOException {
        Path junk = tmp.resolve("junk.tsv");
        Files.write(junk, new byte[] {0, (byte) 0xff, (byte) 0xfe, 'x', '\t', 'y', '\n'});
        CliRunner.Result r = CliRunner.run("patterns", "check", "--coverage", junk.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("junk.tsv: not UTF-8 text"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}

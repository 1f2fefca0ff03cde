package dev.mailblocks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The escalate, suppressions and patterns suggest commands on hostile and edge-case stores. */
class EscalationCommandTest {

    private static final String HOSTILE = "Dec 20 09:00:01 mx1 postfix/smtp[2101]: A10000000001: to=<victim@hostile.example>,"
            + " relay=mx.hostile.example[203.0.113.5]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=5.7.1, status=bounced (host"
            + " mx.hostile.example[203.0.113.5] said: 554 5.7.1 Client host [198.51.100.7] blocked using zen.spamhaus.org"
            + " </pre><script>alert(1)</script> | `tick` [[evil]] other@victim.example (in reply to RCPT TO command))\n"
            + "Dec 20 09:05:00 mx1 postfix/smtp[2102]: A10000000002: to=<gone@hostile.example>,"
            + " relay=mx.hostile.example[203.0.113.5]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=5.1.1, status=bounced (host"
            + " mx.hostile.example[203.0.113.5] said: 550 5.1.1 <gone@hostile.example>: Recipient address rejected: User"
            + " unknown in virtual mailbox table (in reply to RCPT TO command))\n";

    @TempDir
    Path tmp;

    private String db;
    private Path out;

    @BeforeEach
    void ingest() throws IOException {
        Path log = tmp.resolve("maillog");
        Files.writeString(log, HOSTILE);
        db = tmp.resolve("db.duckdb").toString();
        out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("ingest", log.toString(), "--db", db, "--year", "2026", "--timezone", "UTC");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void briefOfADomainLeavesItsSubdomainsOut() throws IOException {
        // a delivery to eu.hostile.example after the block once made hostile.example "no longer blocked"
        Path later = tmp.resolve("maillog.2");
        Files.writeString(later, "Dec 20 10:00:00 mx1 postfix/smtp[2201]: A10000000003: to=<ann@eu.hostile.example>,"
                + " relay=mx.eu.hostile.example[203.0.113.6]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0,"
                + " status=sent (250 2.0.0 Ok: queued as 99)\n");
        assertEquals(0, CliRunner.run("ingest", later.toString(), "--db", db, "--year", "2026", "--timezone", "UTC")
                .exit());
        CliRunner.Result r = CliRunner.run("escalate", "hostile.example", "--db", db, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("hostile.example: blocked"), r.out());
        String md = Files.readString(out.resolve("escalation-hostile.example.md"));
        assertFalse(md.contains("mx.eu.hostile.example"), "the subdomain's MX is not this domain's: " + md);
    }

    @Test
    void briefEscapesLogTextAndRedactsRecipientsByDefault() throws IOException {
        CliRunner.Result r = CliRunner.run("escalate", "Hostile.Example", "--db", db, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("hostile.example: blocked"), r.out());
        String html = Files.readString(out.resolve("escalation-hostile.example.html"));
        String md = Files.readString(out.resolve("escalation-hostile.example.md"));
        assertFalse(html.contains("<script"), "no script element may come from a log");
        assertTrue(html.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(html.contains("victim@") || md.contains("victim@"), "recipient addresses are redacted by default");
        assertTrue(html.matches("(?s).*anon-[0-9a-f]{12}@hostile\\.example.*"), html);
        assertTrue(md.contains("\\<script\\>") && md.contains("\\| \\`tick\\`"), md);
        assertFalse(html.contains("<span class=\"fill\">[[evil]]</span>"), "log text never becomes a placeholder");
        assertTrue(html.contains("<span class=\"fill\">[[name, role, e-mail address and phone number]]</span>"), html);
        assertTrue(md.contains("the operator of zen.spamhaus.org"), "a blocklist refusal is addressed to its operator");
    }

    @Test
    void noRedactShowsTheAddresses() throws IOException {
        CliRunner.Result r = CliRunner.run("escalate", "hostile.example", "--no-redact", "--db", db, "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out.resolve("escalation-hostile.example.md")).contains("victim@hostile.example"));
    }

    @Test
    void badDomainOrMissingStoreIsOneClearLine() {
        CliRunner.Result bad = CliRunner.run("escalate", "../../etc/passwd", "--db", db, "--out", out.toString());
        assertEquals(2, bad.exit());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("not a domain name"), bad.err());
        CliRunner.Result none = CliRunner.run("suppressions", "--db", tmp.resolve("none.duckdb").toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no store yet"), none.err());
    }

    @Test
    void suppressionsListUnknownUsersButNeverPolicyRefusals() throws IOException {
        CliRunner.Result r = CliRunner.run("suppressions", "--db", db, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("1 addresses written"), r.out());
        String csv = Files.readString(out.resolve("suppressions.csv"));
        assertTrue(csv.contains("gone@hostile.example,hostile.example,user-unknown,550 5.1.1,2026-12-20T09:05:00Z,1,"), csv);
        assertFalse(csv.contains("victim@"), "a policy refusal is ours to fix, never a suppression: " + csv);
    }

    @Test
    void suggestWithNothingUnclassifiedSaysSo() throws IOException {
        CliRunner.Result r = CliRunner.run("patterns", "suggest", "--db", db, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out.resolve("patterns-suggested.yaml")).contains("entries: []"));
    }
}

package dev.mailblocks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.check.FixtureDns;
import dev.mailblocks.check.FixtureDnsServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mailblocks check} and the nightly run's checks, end to end with real UDP queries to the
 * fixture server on 127.0.0.1: the CSV rows of each fixture, once a day, a server that never
 * answers, the evidence beside the refusals.
 */
class SendingChecksCommandTest {

    private static final Path GOLDEN_INPUT = Path.of("src/test/resources/golden/postfix/input");

    @RegisterExtension
    static final FixtureDns DNS = new FixtureDns();

    @TempDir
    Path tmp;

    private String db() {
        return tmp.resolve("db.duckdb").toString();
    }

    private void ingest() {
        CliRunner.Result r = CliRunner.run("ingest", GOLDEN_INPUT.toString(), "--db", db(), "--year", "2026",
                "--timezone", "UTC");
        assertEquals(0, r.exit(), r.err());
    }

    private static String row(List<String> csv, String subject, String check) {
        return csv.stream().filter(l -> l.startsWith(subject + "," + check + ",")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + subject + " " + check + " in\n" + String.join("\n", csv)));
    }

    @Test
    void checkWritesOneRowPerSubjectAndCheckForEachFixture() throws IOException {
        ingest();
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("check", "--db", db(), "--out", out.toString(), "--resolver", DNS.server().address(),
                "--sending-ips", "192.0.2.10,192.0.2.44,192.0.2.66", "--sender-domains", "sender.example,bulk.example",
                "--dkim-selectors", "s1,old", "--dnsbls", "zen.spamhaus.org,dnsbl.test,dbl.spamhaus.org");
        assertEquals(0, r.exit(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("sending-checks.csv"));
        assertEquals("subject,check,result,detail,checked_at", csv.get(0));
        // the IP that receivers quoted in policy refusals, with the configured ones
        assertEquals("198.51.100.7,dnsbl:zen.spamhaus.org,listed,Spamhaus ZEN: SBL (Spamhaus Block List: spam source)"
                + " (127.0.0.2); delisting: https://check.spamhaus.org/,2027-01-05T06:00:00Z",
                row(csv, "198.51.100.7", "dnsbl:zen.spamhaus.org"));
        assertEquals("198.51.100.7,dnsbl:dnsbl.test,not listed,dnsbl.test,2027-01-05T06:00:00Z",
                row(csv, "198.51.100.7", "dnsbl:dnsbl.test"));
        assertEquals("198.51.100.7,ptr,present,mail.example.com,2027-01-05T06:00:00Z", row(csv, "198.51.100.7", "ptr"));
        assertEquals("198.51.100.7,ptr-forward,confirmed,mail.example.com resolves back to 198.51.100.7,"
                + "2027-01-05T06:00:00Z", row(csv, "198.51.100.7", "ptr-forward"));
        assertTrue(row(csv, "198.51.100.7", "spf:example.com").startsWith("198.51.100.7,spf:example.com,pass,"));
        assertTrue(row(csv, "198.51.100.7", "spf:sender.example").startsWith("198.51.100.7,spf:sender.example,pass,"));
        assertTrue(row(csv, "198.51.100.7", "spf:bulk.example").contains(",permerror,more than 10 DNS-querying terms"));
        assertTrue(row(csv, "192.0.2.10", "spf:example.com").startsWith("192.0.2.10,spf:example.com,fail,"));
        assertTrue(row(csv, "192.0.2.10", "ptr").startsWith("192.0.2.10,ptr,missing,"));
        assertTrue(row(csv, "192.0.2.44", "ptr-forward").startsWith("192.0.2.44,ptr-forward,not confirmed,"));
        assertTrue(row(csv, "192.0.2.66", "dnsbl:zen.spamhaus.org").startsWith("192.0.2.66,dnsbl:zen.spamhaus.org,"
                + "not checked,\"Spamhaus ZEN answered 127.255.255.254: query through a public or open resolver"));
        // the sender domain of the refusals, with the configured ones
        assertTrue(row(csv, "example.com", "dmarc").startsWith("example.com,dmarc,reject,p=reject pct=100"));
        assertTrue(row(csv, "sender.example", "dmarc").startsWith("sender.example,dmarc,none,"));
        assertTrue(row(csv, "bulk.example", "dmarc").startsWith("bulk.example,dmarc,missing,"));
        assertTrue(row(csv, "example.com", "dkim:s1").startsWith("example.com,dkim:s1,present,"));
        assertTrue(row(csv, "example.com", "dkim:old").startsWith("example.com,dkim:old,revoked,"));
        assertTrue(row(csv, "sender.example", "dkim:s1").startsWith("sender.example,dkim:s1,missing,"));
        assertTrue(row(csv, "example.com", "spf-record").startsWith("example.com,spf-record,present,"
                + "v=spf1 include:_spf.example.com -all,"));
        assertEquals("example.com,dnsbl:dbl.spamhaus.org,not listed,Spamhaus DBL,2027-01-05T06:00:00Z",
                row(csv, "example.com", "dnsbl:dbl.spamhaus.org"));
        assertFalse(csv.stream().anyMatch(l -> l.startsWith("203.0.113.5,")), "the receiver's MX IP is not ours");
        assertFalse(csv.stream().anyMatch(l -> l.startsWith("142.250.")), "the receiver's MX IP is not ours");
        List<String> sorted = csv.subList(1, csv.size()).stream().sorted((a, b) -> {
            String[] x = a.split(",", 3);
            String[] y = b.split(",", 3);
            int c = x[0].compareTo(y[0]);
            return c != 0 ? c : x[1].compareTo(y[1]);
        }).toList();
        assertEquals(sorted, csv.subList(1, csv.size()), "rows by subject and check");
        assertTrue(r.out().contains("sending checks: 4 IPs, 3 domains"), r.out());
        assertTrue(r.out().contains("198.51.100.7 dnsbl:zen.spamhaus.org: listed: Spamhaus ZEN"), r.out());
    }

    @Test
    void nightlyRunChecksOnceADayAndShowsTheEvidenceBesideTheRefusals() throws IOException {
        Path out = tmp.resolve("out");
        String[] run = {"run", GOLDEN_INPUT.toString(), "--db", db(), "--out", out.toString(), "--year", "2026",
            "--timezone", "UTC", "--resolver", DNS.server().address(), "--dkim-selectors", "s1",
            "--dnsbls", "zen.spamhaus.org"};
        CliRunner.Result first = CliRunner.run(run);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("sending checks: 1 IP, 1 domain,"), first.out());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("What the DNS says about us: Blocklists now"), "example.net's blocklist refusal");
        assertTrue(html.contains("Listed now: 198.51.100.7 on zen.spamhaus.org"), html);
        assertTrue(html.contains("Google (Gmail, Workspace) says DMARC failed, but SPF passes for 198.51.100.7 (example.com) and DKIM keys"
                + " exist for selector s1 (example.com)"), "gmail's DMARC refusal against the DNS");
        String brief = Files.readString(out.resolve("escalation-gmail.com.md"));
        assertTrue(brief.contains("## What the DNS says about us: SPF, DMARC and DKIM now"), brief);
        assertTrue(Files.readString(out.resolve("sending-checks.csv")).contains("example.com,dmarc,reject,"));

        int queries = DNS.server().queries();
        CliRunner.Result second = CliRunner.run(run);
        assertEquals(0, second.exit(), second.err());
        assertEquals(queries, DNS.server().queries(), "checked today already: no query");
        assertTrue(second.out().contains("sending checks: nothing to check (2 IPs and domains were checked in the last"
                + " 24 hours)"), second.out());
        assertTrue(Files.readString(out.resolve("sending-checks.csv")).contains("example.com,dmarc,reject,"),
                "the CSV still shows the stored results");
    }

    @Test
    void noDnsServerAnsweringMarksNotCheckedAndTheRunSucceedsQuickly() throws IOException {
        try (FixtureDnsServer silent = FixtureDnsServer.silent()) {
            Path out = tmp.resolve("out");
            long start = System.nanoTime();
            CliRunner.Result r = CliRunner.run("run", GOLDEN_INPUT.toString(), "--db", db(), "--out", out.toString(),
                    "--year", "2026", "--timezone", "UTC", "--resolver", silent.address(), "--dns-timeout", "PT0.5S",
                    "--sending-ips", "192.0.2.10");
            assertEquals(0, r.exit(), r.err());
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "no DNS costs one timeout, not minutes");
            assertEquals(1, silent.queries(), "the probe only");
            assertTrue(r.out().contains("sending checks: not checked: no answer from " + silent.address()), r.out());
            List<String> csv = Files.readAllLines(out.resolve("sending-checks.csv"));
            assertTrue(csv.size() > 10, String.join("\n", csv));
            csv.stream().skip(1).forEach(l -> assertTrue(l.split(",")[2].equals("not checked"), l));
            String html = Files.readString(out.resolve("report.html"));
            assertTrue(html.contains("could not be made (no DNS answer)"), "the report says the checks say nothing");

            CliRunner.Result check = CliRunner.run("check", "--db", db(), "--out", out.toString(), "--resolver",
                    silent.address(), "--dns-timeout", "PT0.5S");
            assertEquals(0, check.exit(), check.err());
            assertTrue(check.out().contains("not checked"), check.out());
        }
        // an answer later replaces "not checked"; "not checked" never replaces an answer
        CliRunner.Result later = CliRunner.run("check", "--db", db(), "--out", tmp.resolve("out").toString(),
                "--resolver", DNS.server().address(), "--sending-ips", "192.0.2.10");
        assertEquals(0, later.exit(), later.err());
        assertTrue(Files.readString(tmp.resolve("out/sending-checks.csv")).contains("192.0.2.10,ptr,missing,"));
    }

    @Test
    void noDnsSkipsTheChecksAndTheReportSaysNotChecked() throws IOException {
        Path out = tmp.resolve("out");
        int before = DNS.server().queries();
        CliRunner.Result r = CliRunner.run("run", GOLDEN_INPUT.toString(), "--db", db(), "--out", out.toString(),
                "--year", "2026", "--timezone", "UTC", "--no-dns");
        assertEquals(0, r.exit(), r.err());
        assertEquals(before, DNS.server().queries());
        assertFalse(r.out().contains("sending checks"), r.out());
        assertFalse(Files.exists(out.resolve("sending-checks.csv")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("Not checked: no DNS checks are stored"));
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnythingIsOpened() {
        CliRunner.Result ip = CliRunner.run("check", "--db", db(), "--resolver", DNS.server().address(), "--sending-ips", "300.1.2.3");
        assertEquals(2, ip.exit());
        assertEquals("mailblocks: --sending-ips 300.1.2.3: not an IPv4 or IPv6 address", ip.err().strip());
        CliRunner.Result zone = CliRunner.run("run", GOLDEN_INPUT.toString(), "--db", db(), "--resolver", DNS.server().address(),
                "--dnsbls", "not a zone");
        assertEquals(2, zone.exit());
        assertTrue(zone.err().contains("--dnsbls not a zone: not a DNS zone"), zone.err());
        CliRunner.Result port = CliRunner.run("check", "--db", db(), "--resolver", "127.0.0.1:99999");
        assertEquals(2, port.exit());
        assertTrue(port.err().contains("the port must be 1-65535"), port.err());
        assertFalse(Files.exists(tmp.resolve("db.duckdb")), "nothing opened");
    }

    @Test
    void aResolverOffLoopbackFailsTheTestInsteadOfAskingTheNetwork() {
        ingest();
        CliRunner.Result r = CliRunner.run("check", "--db", db(), "--out", tmp.resolve("out").toString(),
                "--resolver", "192.0.2.1");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("tests must pass --no-dns or --resolver 127.0.0.1:PORT"), r.err());
    }

    @Test
    void theConfigFileSetsResolverListsSelectorsAndOurIpsAndDomains() throws IOException {
        ingest();
        Path conf = tmp.resolve("nightly.yaml");
        Files.writeString(conf, "resolver: " + DNS.server().address() + "\n"
                + "dnsbls: [zen.spamhaus.org]\n"
                + "dkim_selectors: [s1]\n"
                + "sending_ips: [192.0.2.44]\n"
                + "sender_domains: [sender.example]\n"
                + "out: out\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(CliRunner.CLOCK);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = Main.execute(cl, "check", "--config", conf.toString(), "--db", db());
        assertEquals(0, exit, err.toString());
        List<String> csv = Files.readAllLines(tmp.resolve("out/sending-checks.csv"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("192.0.2.44,ptr-forward,not confirmed,")), csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("sender.example,dkim:s1,missing,")), csv.toString());
        assertFalse(csv.stream().anyMatch(l -> l.contains("barracuda")), "only the configured list");
    }
}

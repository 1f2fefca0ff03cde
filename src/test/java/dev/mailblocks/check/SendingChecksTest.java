package dev.mailblocks.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.store.CheckStore.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/** Reverse DNS, blocklists, DMARC and DKIM against the fixture server; hostile answers; a silent DNS.server(). */
class SendingChecksTest {

    static final Instant NOW = Instant.parse("2027-01-05T06:00:00Z");
    @RegisterExtension
    static final FixtureDns DNS = new FixtureDns();

    static final List<Blocklist> LISTS = List.of(Blocklist.of("zen.spamhaus.org"), Blocklist.of("dnsbl.test"),
            Blocklist.of("b.barracudacentral.org"), Blocklist.of("dbl.spamhaus.org"), Blocklist.of("multi.surbl.org"));

    static Map<String, Row> ip(String ip, String... domains) {
        return SendingChecks.checkIp(DNS.dns(), ip, List.of(domains), LISTS, NOW).stream()
                .collect(Collectors.toMap(Row::check, r -> r));
    }

    static Map<String, Row> domain(String d, String... selectors) {
        return SendingChecks.checkDomain(DNS.dns(), d, List.of(selectors), LISTS, NOW).stream()
                .collect(Collectors.toMap(Row::check, r -> r));
    }

    @Test
    void listedIpWithConfirmedPtr() {
        Map<String, Row> r = ip("198.51.100.7", "example.com");
        assertEquals("present", r.get("ptr").result());
        assertEquals("mail.example.com", r.get("ptr").detail());
        assertEquals("confirmed", r.get("ptr-forward").result());
        assertEquals("listed", r.get("dnsbl:zen.spamhaus.org").result());
        assertTrue(r.get("dnsbl:zen.spamhaus.org").detail().contains("SBL (Spamhaus Block List: spam source)"));
        assertTrue(r.get("dnsbl:zen.spamhaus.org").detail().contains("delisting: https://check.spamhaus.org/"));
        assertEquals("not listed", r.get("dnsbl:dnsbl.test").result());
        assertEquals("pass", r.get("spf:example.com").result());
        assertEquals(6, r.size(), "ptr, ptr-forward, three IP lists, one SPF: " + r.keySet());
    }

    @Test
    void unlistedIpWithoutPtr() {
        Map<String, Row> r = ip("192.0.2.10");
        assertEquals("missing", r.get("ptr").result());
        assertEquals("missing", r.get("ptr-forward").result());
        assertEquals("not listed", r.get("dnsbl:zen.spamhaus.org").result());
        assertEquals("not listed", r.get("dnsbl:b.barracudacentral.org").result());
    }

    @Test
    void ptrThatDoesNotResolveBackIsNotConfirmed() {
        Row fwd = ip("192.0.2.44").get("ptr-forward");
        assertEquals("not confirmed", fwd.result());
        assertEquals("out.example.org resolves to 192.0.2.99, not to 192.0.2.44", fwd.detail());
        assertEquals("gone.example.org has no address, not to 192.0.2.45",
                ip("192.0.2.45").get("ptr-forward").detail());
    }

    @Test
    void spamhausErrorCodeIsNotCheckedNeverListed() {
        Row zen = ip("192.0.2.66").get("dnsbl:zen.spamhaus.org");
        assertEquals("not checked", zen.result());
        assertTrue(zen.detail().contains("127.255.255.254") && zen.detail().contains("open resolver"), zen.detail());
    }

    @Test
    void zenCodesAreReadAsTheirLists() {
        Row zen = ip("192.0.2.77").get("dnsbl:zen.spamhaus.org");
        assertEquals("listed", zen.result());
        assertTrue(zen.detail().contains("XBL") && zen.detail().contains("PBL"), zen.detail());
        assertEquals("listed", ip("192.0.2.88").get("dnsbl:dnsbl.test").result());
        assertEquals("Barracuda BRBL: listed (127.0.0.2); delisting: https://www.barracudacentral.org/rbl/removal-request",
                ip("192.0.2.88").get("dnsbl:b.barracudacentral.org").detail());
    }

    @Test
    void dmarcRejectNoneMissingAndInherited() {
        Row reject = domain("example.com").get("dmarc");
        assertEquals("reject", reject.result());
        assertTrue(reject.detail().startsWith("p=reject pct=100 at _dmarc.example.com"), reject.detail());
        assertEquals("none", domain("sender.example").get("dmarc").result());
        assertEquals("missing", domain("bulk.example").get("dmarc").result());
        Row inherited = domain("news.example.org").get("dmarc");
        assertEquals("reject", inherited.result(), "sp= of the organisational domain applies to a subdomain");
        assertTrue(inherited.detail().contains("pct=50") && inherited.detail().contains("_dmarc.example.org"),
                inherited.detail());
    }

    @Test
    void dkimPresentRevokedMissing() {
        Map<String, Row> r = domain("example.com", "s1", "old", "s2");
        assertEquals("present", r.get("dkim:s1").result());
        assertEquals("revoked", r.get("dkim:old").result());
        assertEquals("missing", r.get("dkim:s2").result());
        assertEquals("not checked", domain("example.com").get("dkim").result(), "no selector configured");
    }

    @Test
    void domainListsReadTheirCodes() {
        Row dbl = domain("spam.example").get("dnsbl:dbl.spamhaus.org");
        assertEquals("listed", dbl.result());
        assertTrue(dbl.detail().contains("spam domain"), dbl.detail());
        Row surbl = domain("bulk.example").get("dnsbl:multi.surbl.org");
        assertTrue(surbl.detail().contains("MW (malware), ABUSE (spam)"), surbl.detail());
        assertEquals("not listed", domain("example.com").get("dnsbl:dbl.spamhaus.org").result());
    }

    @Test
    void garbledCutAndServfailAnswersAreFailuresNotResults() {
        Dns dns = DNS.dns();
        assertInstanceOf(Answer.Failure.class, dns.query("x.garbled.test", Type.TXT));
        assertInstanceOf(Answer.Failure.class, dns.query("x.cut.test", Type.TXT));
        assertInstanceOf(Answer.Failure.class, dns.query("x.servfail.test", Type.TXT));
        assertEquals("temperror", Spf.record(dns, "x.garbled.test").result());
    }

    @Test
    void hugeTxtAnswerComesOverTcpAndIsEvaluated() {
        StringBuilder spf = new StringBuilder("\"v=spf1");
        int chunk = 6;
        for (int i = 0; i < 2000; i++) {
            String term = " ip4:10." + (i / 250) + "." + (i % 250) + ".1";
            if (chunk + term.length() > 250) {
                spf.append("\" \"");
                chunk = 0;
            }
            spf.append(term);
            chunk += term.length();
        }
        spf.append(" -all\"");
        DNS.server().add("huge.example TXT " + spf);
        Spf.Result r = Spf.check(DNS.dns(), "198.51.100.7", "huge.example");
        assertEquals("fail", r.result(), r.detail());
        assertEquals("pass", Spf.check(DNS.dns(), "10.3.4.1", "huge.example").result());
    }

    @Test
    void tooManyRecordsIsAFailure() {
        for (int i = 0; i < Dns.MAX_RECORDS + 5; i++) {
            DNS.server().add("many.example TXT \"record " + i + "\"");
        }
        assertInstanceOf(Answer.Failure.class, DNS.dns().query("many.example", Type.TXT));
    }

    @Test
    void serverThatNeverAnswersIsGivenUpAfterTheProbe() {
        try (FixtureDnsServer silent = FixtureDnsServer.silent()) {
            long start = System.nanoTime();
            Dns dns = Dns.open(silent.address(), Duration.ofMillis(400), 4, Duration.ofSeconds(30));
            assertEquals(false, dns.probe());
            List<Row> rows = SendingChecks.checkIp(dns, "198.51.100.7", List.of("example.com"), LISTS, NOW);
            rows.forEach(r -> assertEquals("not checked", r.result(), r.toString()));
            assertTrue(rows.get(0).detail().contains("no answer from " + silent.address()), rows.get(0).detail());
            assertTrue(System.nanoTime() - start < 3_000_000_000L, "a silent server costs one timeout, not one per check");
            assertEquals(1, silent.queries(), "only the probe was sent");
        }
    }

    @Test
    void timeoutsInARowGiveTheServerUp() {
        Dns dns = Dns.open(DNS.server().address(), Duration.ofMillis(300), 4, Duration.ofSeconds(30));
        for (int i = 0; i < Dns.MAX_TIMEOUTS; i++) {
            dns.query("q" + i + ".drop.test", Type.A);
        }
        Answer after = dns.query("example.com", Type.TXT);
        assertInstanceOf(Answer.Failure.class, after);
        assertTrue(((Answer.Failure) after).reason().startsWith("not checked"), after.toString());
    }

    @Test
    void resolverOffLoopbackIsRefusedUnderTest() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Dns.open("192.0.2.1:53", Duration.ofSeconds(1), 1, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("--no-dns"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Dns.open(null, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)));
    }
}

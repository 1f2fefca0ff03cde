package dev.mailblocks.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPF evaluation (RFC 7208) against the fixture server, with real UDP queries. */
class SpfTest {

    @RegisterExtension
    static final FixtureDns DNS = new FixtureDns();

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource({
        "198.51.100.7, example.com, pass, include:_spf.example.com",
        "192.0.2.10, example.com, fail, -all",
        "203.0.113.25, example.com, pass, include:_spf.example.com",
        "203.0.113.26, example.com, pass, include:_spf.example.com",
        "198.51.100.7, sender.example, pass, redirect from sender.example",
        "192.0.2.10, sender.example, fail, redirect from sender.example",
        "198.51.100.7, bulk.example, permerror, more than 10 DNS-querying terms",
        "198.51.100.7, loop.example, permerror, more than 10 DNS-querying terms",
        "192.0.2.10, soft.example, softfail, ~all",
        "192.0.2.200, soft.example, pass, ip4:192.0.2.200",
        "192.0.2.10, neutral.example, neutral, ?all",
        "192.0.2.10, two.example, permerror, 2 SPF records",
        "192.0.2.10, nosuch.example, none, no SPF record",
        "198.51.100.7, macro.example, pass, exists:%{i}.%{d}.allow.test",
        "192.0.2.10, macro.example, fail, -all",
        "198.51.100.7, voids.example, permerror, more than 2 void DNS lookups",
        "198.51.100.7, temp.example, temperror, SERVFAIL",
        "2001:db8::25, v6.example, pass, ip6:2001:db8::/32",
        "2001:db9::25, v6.example, fail, -all",
        "198.51.100.7, typo.example, permerror, unknown mechanism inlcude",
        "198.51.100.7, badcidr.example, permerror, bad prefix length",
        "198.51.100.7, badip.example, permerror, bad address",
        "192.0.2.99, ptrfail.example, fail, -all",
    })
    void resultPerRfc7208(String ip, String domain, String result, String why) {
        Spf.Result r = Spf.check(DNS.dns(), ip, domain);
        assertEquals(result, r.result(), r.detail());
        assertTrue(r.detail().contains(why), r.detail());
    }

    @Test
    void recordLookupSaysNoneAndSeveral() {
        Dns dns = DNS.dns();
        assertEquals("present", Spf.record(dns, "example.com").result());
        assertEquals("v=spf1 include:_spf.example.com -all", Spf.record(dns, "example.com").text());
        assertEquals("none", Spf.record(dns, "nosuch.example").result());
        assertEquals("permerror", Spf.record(dns, "two.example").result());
    }

    @Test
    void includeLoopStopsAtTheTermLimitWithoutRunningAway() {
        int before = DNS.server().queries();
        Spf.Result r = Spf.check(Dns.open(DNS.server().address(), Duration.ofSeconds(2), 4, Duration.ofSeconds(30)),
                "198.51.100.7", "loop.example");
        assertEquals("permerror", r.result());
        // the loop's record is asked once (then cached), never eleven times
        assertTrue(DNS.server().queries() - before <= 2, "queries: " + (DNS.server().queries() - before));
    }

    @Test
    void macrosExpandWithTransformers() throws Exception {
        Spf spf = new Spf(DNS.dns());
        java.net.InetAddress ip = java.net.InetAddress.getByName("192.0.2.3");
        assertEquals("3.2.0.192.in-addr._spf.example.com",
                spf.expand("%{ir}.%{v}._spf.%{d2}", ip, "example.com", "strong-bad@email.example.com", false));
        assertEquals("email.example.com.bad.strong", spf.expand("%{o}.%{lr-}", ip, "example.com",
                "strong-bad@email.example.com", false));
        assertEquals("0.2.3", spf.expand("%{i3}", ip, "example.com", "x@y", false));
        assertEquals("example.com", spf.expand("%{d2}", ip, "a.b.example.com", "x@y", false));
    }
}

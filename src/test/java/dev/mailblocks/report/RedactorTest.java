package dev.mailblocks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor r = new Redactor(true, "store secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void everySpellingOfOneAddressGetsOneToken() {
        String plain = r.text("fatima.haddad@example.com");
        assertTrue(plain.matches("anon-[0-9a-f]{12}@example\\.com"), plain);
        String token = plain.substring(0, plain.indexOf('@'));
        for (String form : new String[] {"<fatima.haddad@example.com>", "[fatima.haddad@example.com]",
            "'fatima.haddad@example.com'", "\"fatima.haddad\"@example.com", "FATIMA.HADDAD@Example.com",
            "to=<fatima.haddad@example.com>", "id=fatima.haddad%40example.com", "rfc822;fatima.haddad@example.com",
            "orig_to=fatima.haddad@example.com"}) {
            String out = r.text(form);
            assertFalse(out.toLowerCase(java.util.Locale.ROOT).contains("fatima"), form + " -> " + out);
            assertTrue(out.contains(token), form + " -> " + out);
        }
        assertEquals("id=" + token + "%40example.com", r.text("id=fatima.haddad%40example.com"));
    }

    @Test
    void addressesInsideOtherAddressesAndQuotedLocalPartsLeakNothing() {
        for (String s : new String[] {"bounces+fatima=example.com@esp.example", "SRS0=HHH=TT=example.com=fatima@srs.example",
            "\"fatima haddad\"@example.com", "550 5.1.1 <fatima%2Bnews@example.com>: unknown",
            "https://x.example/u?email=fatima%2540example.com&x=1"}) {
            assertFalse(r.text(s).toLowerCase(java.util.Locale.ROOT).contains("fatima"), s + " -> " + r.text(s));
        }
    }

    @Test
    void theTokenDependsOnTheKeyAndTextWithoutAddressesIsUnchanged() {
        Redactor other = new Redactor(true, "another store".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(r.text("a@example.com"), other.text("a@example.com"));
        assertEquals("452 4.2.2 mailbox 100% full", r.text("452 4.2.2 mailbox 100% full"));
        assertEquals("a@example.com", new Redactor(false).text("a@example.com"));
    }
}

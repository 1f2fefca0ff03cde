package dev.mailblocks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.store.CheckStore.Row;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evidence beside a blocking domain: which checks bear on its category, and where the DNS contradicts the receiver. */
class SendingEvidenceTest {

    private static final Instant T = Instant.parse("2027-01-05T06:00:00Z");

    private static Row row(String subject, String check, String result, String detail) {
        return new Row(subject, check, result, detail, T);
    }

    private static final List<Row> STORED = List.of(
            row("192.0.2.211", "dnsbl:zen.spamhaus.org", "not listed", "Spamhaus ZEN"),
            row("192.0.2.211", "dnsbl:bl.spamcop.net", "not listed", "SpamCop"),
            row("192.0.2.211", "ptr", "present", "mta11.example.com"),
            row("192.0.2.211", "ptr-forward", "confirmed", "mta11.example.com resolves back to 192.0.2.211"),
            row("192.0.2.211", "spf:example.com", "fail", "matched -all in example.com's SPF record"),
            row("192.0.2.99", "dnsbl:zen.spamhaus.org", "listed", "Spamhaus ZEN: XBL"),
            row("example.com", "dmarc", "missing", "no DMARC record at _dmarc.example.com"));

    @Test
    void blocklistRefusalWhileOurIpIsOnNoListIsPointedOut() {
        SendingEvidence e = SendingEvidence.of(STORED, "blocklisted", "Microsoft (Outlook.com, Hotmail)", "",
                List.of("192.0.2.211"), List.of());
        assertTrue(e.disagreement().startsWith("Microsoft (Outlook.com, Hotmail) refuses our mail as blocklisted, but"
                + " 192.0.2.211 is on none of the lists checked"), e.disagreement());
        assertEquals(1, e.lines().size(), "the lists it is not on, in one line");
        assertEquals("Spamhaus ZEN, SpamCop", e.lines().get(0).detail(), "in the stored order (by check)");
        assertFalse(e.lines().stream().anyMatch(l -> l.subject().equals("192.0.2.99")), "an IP the refusals do not name");
    }

    @Test
    void reputationRefusalWhileOurIpIsOnNoListSaysTheReputationIsTheReceiversOwn() {
        SendingEvidence e = SendingEvidence.of(STORED, "bad-reputation", "Google", "", List.of("192.0.2.211"), List.of());
        assertTrue(e.disagreement().startsWith("Google distrusts our reputation, but 192.0.2.211 is on none of the public"
                + " lists checked"), e.disagreement());
    }

    @Test
    void listingAgreesWithTheReceiver() {
        SendingEvidence e = SendingEvidence.of(STORED, "blocklisted", "example.net", "", List.of("192.0.2.99"), List.of());
        assertTrue(e.disagreement().startsWith("Listed now: 192.0.2.99 on zen.spamhaus.org"), e.disagreement());
    }

    @Test
    void ptrRefusalWithConfirmedPtrIsPointedOut() {
        SendingEvidence e = SendingEvidence.of(STORED, "ptr-required", "Google", "", List.of("192.0.2.211"), List.of());
        assertTrue(e.disagreement().startsWith("Google says reverse DNS is missing or does not match, but 192.0.2.211"),
                e.disagreement());
        assertEquals(2, e.lines().size());
    }

    @Test
    void authRefusalWithFailingSpfAgrees() {
        SendingEvidence e = SendingEvidence.of(STORED, "auth-failure", "Yahoo", "550 5.7.9 DMARC policy",
                List.of("192.0.2.211"), List.of("example.com"));
        assertEquals("The DNS agrees: SPF does not pass for 192.0.2.211 fail (example.com); example.com has DMARC"
                + " missing.", e.disagreement());
    }

    @Test
    void categoriesWithoutDnsEvidenceShowNothingAndMissingChecksSayNotChecked() {
        assertFalse(SendingEvidence.of(STORED, "mailbox-full", "x", "", List.of(), List.of()).shown());
        SendingEvidence none = SendingEvidence.of(List.of(), "blocklisted", "x", "", List.of("192.0.2.1"), List.of());
        assertTrue(none.shown());
        assertTrue(none.note().startsWith("Not checked: no DNS checks are stored for 192.0.2.1."), none.note());
        SendingEvidence unknown = SendingEvidence.of(List.of(row("192.0.2.1", "dnsbl:zen.spamhaus.org", "not checked",
                "no answer")), "blocklisted", "x", "", List.of("192.0.2.1"), List.of());
        assertEquals("", unknown.disagreement(), "a check that was not made contradicts nothing");
        assertTrue(unknown.note().contains("1 of 1 checks could not be made"), unknown.note());
    }

    @Test
    void hostileTextFromDnsIsEscaped() {
        SendingEvidence e = SendingEvidence.of(List.of(row("example.com", "dmarc", "none",
                "p=none at _dmarc.example.com: v=DMARC1; p=none; rua=<script>alert(1)</script>")), "auth-failure",
                "<b>x</b>", "", List.of(), List.of("example.com"));
        String html = Templates.render("evidence.jte", e);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    }
}

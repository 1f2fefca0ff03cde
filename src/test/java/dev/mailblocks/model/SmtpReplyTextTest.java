package dev.mailblocks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SmtpReplyTextTest {

    @Test
    void flattenedMultilineReplyGivesTheFinalCodes() {
        SmtpReplyText r = SmtpReplyText.of("said: 550-5.7.1 first 550-5.7.1 second 550 5.7.26 last (in reply to RCPT TO command)");
        assertEquals(550, r.replyCode());
        assertEquals("5.7.26", r.enhancedStatus());
        assertEquals(SmtpPhase.RCPT, r.phase());
    }

    @Test
    void addressesInAngleBracketsAreNotReadAsCodes() {
        SmtpReplyText r = SmtpReplyText.of("retry timeout exceeded for RCPT TO:<450-list@example.com>");
        assertNull(r.replyCode());
        assertNull(r.enhancedStatus());
    }

    @Test
    void ipAddressesAndPortsAreNotCodes() {
        SmtpReplyText r = SmtpReplyText.of("connect to mx.example.net[203.0.113.5]:587: Connection timed out");
        assertNull(r.replyCode());
        assertNull(r.enhancedStatus());
        assertEquals(SmtpPhase.CONNECT, r.phase());
    }

    @Test
    void eximPhrasesGiveThePhase() {
        assertEquals(SmtpPhase.CONNECT, SmtpReplyText.phaseOf("Connection refused"));
        assertEquals(SmtpPhase.EHLO, SmtpReplyText.phaseOf("SMTP error from remote mail server in response to EHLO"));
        assertEquals(SmtpPhase.DATA, SmtpReplyText.phaseOf("Connection reset after sending data block"));
        assertEquals(SmtpPhase.MAIL, SmtpReplyText.phaseOf("SMTP error from remote mail server after MAIL FROM:<a@b> SIZE=1"));
        assertNull(SmtpReplyText.phaseOf("571 Email from 198.51.100.7 is currently blocked"));
    }

    @Test
    void permanenceComesFromTheFirstCode() {
        assertEquals("permanent: do not retry unchanged", SmtpReplyText.permanence("550 5.7.1"));
        assertEquals("temporary: the sender retries", SmtpReplyText.permanence("4.7.0"));
        assertEquals("", SmtpReplyText.permanence(""));
    }
}

package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailblocks.model.SmtpPhase;
import org.junit.jupiter.api.Test;

class CoverageTest {

    @Test
    void heloCommandOfARefusedGreetingIsTheGreeting() {
        assertEquals(SmtpPhase.CONNECT, Coverage.phaseOfCommand("HELO",
                "host mx.example.com[198.51.100.30] refused to talk to me: 421 Service not available"));
        assertEquals(SmtpPhase.CONNECT, Coverage.phaseOfCommand("EHLO",
                "SMTP error from remote mail server after initial connection: 554 5.7.1 Access denied"));
    }

    @Test
    void heloCommandStaysHeloOtherwise() {
        assertEquals(SmtpPhase.EHLO, Coverage.phaseOfCommand("HELO",
                "lost connection with mx.example.net[203.0.113.8] while performing the HELO handshake"));
        assertEquals(SmtpPhase.EHLO, Coverage.phaseOfCommand("EHLO", "421"));
        assertEquals(SmtpPhase.RCPT, Coverage.phaseOfCommand("RCPT",
                "host mx.example.com[198.51.100.30] refused to talk to me: 554 Blocked"));
        assertEquals(null, Coverage.phaseOfCommand("", "refused to talk to me"));
    }

    @Test
    void familyIsTheSourceFileWithoutItsMessageNumber() {
        assertEquals("lhost-sendmail", Coverage.family("maildir/bsd/lhost-sendmail-05.eml#1"));
        assertEquals("rfc3464", Coverage.family("maildir/bsd/rfc3464-42.eml#3"));
        assertEquals("rhost-google", Coverage.family("rhost-google-08.eml"));
        assertEquals("lhost-x6", Coverage.family("maildir/bsd/lhost-x6-02.eml#1"));
        assertEquals("", Coverage.family(null));
    }
}

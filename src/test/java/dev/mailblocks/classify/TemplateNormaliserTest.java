package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TemplateNormaliserTest {

    @Test
    void masksAddressesIpsIdsAndTimesButKeepsCodes() {
        assertEquals("550-5.7.1 [<ip>] Our system has detected that this message is likely unsolicited <id> - gsmtp",
                TemplateNormaliser.normalise("550-5.7.1 [198.51.100.7] Our system has detected that this message is"
                        + " likely unsolicited 98e67ed59e1d1-2c2d0e28189si6418580a91.13 - gsmtp"));
        assertEquals("550 5.1.1 <addr>: Recipient address rejected",
                TemplateNormaliser.normalise("550 5.1.1 <jane.doe@example.org>: Recipient   address rejected"));
        assertEquals("421 4.7.0 [TSS04] Messages from <ip> temporarily deferred",
                TemplateNormaliser.normalise("421 4.7.0 [TSS04] Messages from 2001:db8:1::7 temporarily deferred"));
        assertEquals("at <time> id <n> (S3150) RL000001",
                TemplateNormaliser.normalise("at 2024-06-11T09:04:02.679Z id 1234567 (S3150) RL000001"));
    }

    @Test
    void gmailsSessionIdIsOneIdWhateverItsForm() {
        String template = "host gmail-smtp-in.l.google.com[<ip>] said: 550-5.7.26 Unauthenticated email is not accepted."
                + " <id> - gsmtp (in reply to end of DATA command)";
        for (String id : new String[] {"98e67ed59e1d1-2c2d0e28189si6418580a91.13", "o10-20020a05620a0b8a00b0si2197263qkp.289",
            "4en4pcol", "u5si1234567pgu.54", "x9", "k2si88.3"}) {
            assertEquals(template, TemplateNormaliser.normalise("host gmail-smtp-in.l.google.com[142.250.1.26] said:"
                    + " 550-5.7.26 Unauthenticated email is not accepted. " + id + " - gsmtp (in reply to end of DATA command)"), id);
        }
        // twice in one text (a reply quoted in another), at the very start, and not Gmail's words
        assertEquals("<id> - gsmtp; 421 <id> - gsmtp", TemplateNormaliser.normalise("ab12 - gsmtp; 421 cd.34 - gsmtp"));
        assertEquals("- gsmtp", TemplateNormaliser.normalise("- gsmtp"));
        // no id: the sentence's last word stays
        assertEquals("550-5.7.1 the message has been blocked. - gsmtp",
                TemplateNormaliser.normalise("550-5.7.1 the message has been blocked. - gsmtp"));
        assertEquals("550 blocked - gsmtp", TemplateNormaliser.normalise("550 blocked - gsmtp"));
        assertEquals("550 not gmail - gsmtpx", TemplateNormaliser.normalise("550 not gmail - gsmtpx"));
    }

    @Test
    void twoInstancesOfOneRefusalShareATemplate() {
        assertEquals(TemplateNormaliser.normalise("554 5.7.1 <a@example.com>: Relay access denied from 192.0.2.1"),
                TemplateNormaliser.normalise("554 5.7.1 <b.c@example.net>: Relay access denied from 203.0.113.77"));
    }
}

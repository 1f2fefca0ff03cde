package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TemplateNormaliserTest {

    @Test
    void masksAddressesIpsIdsAndTimesButKeepsCodes() {
        assertEquals("550-5.7.1 [<ip>] Our system has detected that this message is likely unsolicited <id>-<id>.13 - gsmtp",
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
    void twoInstancesOfOneRefusalShareATemplate() {
        assertEquals(TemplateNormaliser.normalise("554 5.7.1 <a@example.com>: Relay access denied from 192.0.2.1"),
                TemplateNormaliser.normalise("554 5.7.1 <b.c@example.net>: Relay access denied from 203.0.113.77"));
    }
}

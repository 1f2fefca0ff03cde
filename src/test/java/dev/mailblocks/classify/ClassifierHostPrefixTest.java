package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailblocks.model.Classification;
import dev.mailblocks.model.Outcome;
import org.junit.jupiter.api.Test;

/** A Postfix "host MX said:" prefix neither changes the answer nor costs a catalogue run per MX host. */
class ClassifierHostPrefixTest {

    private static final Classifier CLASSIFIER = new Classifier(new CatalogueLoader().loadAll(null));

    @Test
    void theSameReplyFromManyHostsIsOneCatalogueRunAndOneAnswer() {
        String reply = "550 5.1.1 <bob@%s>: Recipient address rejected: User unknown in virtual mailbox table"
                + " (in reply to RCPT TO command)";
        long before = CLASSIFIER.cacheMisses();
        Classification first = null;
        for (int i = 0; i < 50; i++) {
            String domain = "d" + i + ".example";
            Classification c = CLASSIFIER.classify(Diagnostic.fromText("host mx1." + domain + "[203.0.113." + i + "] said: "
                    + reply.formatted(domain), null, null, null, null, Outcome.BOUNCED));
            if (first == null) {
                first = c;
            }
            assertEquals(first.category(), c.category());
            assertEquals(first.patternId(), c.patternId());
            // the stored template is still the whole text's
            assertEquals("host mx1." + domain + "[<ip>] said: " + reply.formatted("x").replace("<bob@x>", "<addr>"),
                    c.template());
        }
        assertEquals(1, CLASSIFIER.cacheMisses() - before);
        assertEquals("user-unknown", first.category().id());
    }

    @Test
    void onlyAHostPrefixIsTakenOff() {
        assertEquals("550 x", Classifier.withoutHostPrefix("host mx.example[<ip>] said: 550 x"));
        assertEquals("554 y", Classifier.withoutHostPrefix("host mx.example[<ip>] refused to talk to me: 554 y"));
        assertEquals("host unknown said: so", Classifier.withoutHostPrefix("host unknown said: so"));
        assertEquals("550 host mx said: z", Classifier.withoutHostPrefix("550 host mx said: z"));
    }
}

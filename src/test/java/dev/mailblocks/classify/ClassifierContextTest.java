package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailblocks.model.Classification;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import org.junit.jupiter.api.Test;

/** Context decides where the text cannot: outcome, phase and codes, through the real catalogue. */
class ClassifierContextTest {

    private static final Classifier CLASSIFIER = new Classifier(new CatalogueLoader().loadAll(null));

    private static Classification classify(String text, SmtpPhase phase, Outcome outcome) {
        return CLASSIFIER.classify(Diagnostic.fromText(text, null, null, phase, null, outcome));
    }

    @Test
    void aConnectionTimeoutGivenUpIsExpiredUnderItsOwnPatternId() {
        String text = "connect to mx.example.com[198.51.100.20]:25: Connection timed out";
        Classification deferred = classify(text, null, Outcome.DEFERRED);
        Classification bounced = classify(text, null, Outcome.BOUNCED);
        Classification expired = classify(text, null, Outcome.EXPIRED);
        assertEquals("network-error", deferred.category().id());
        assertEquals("generic-network-error", deferred.patternId());
        assertEquals("expired", bounced.category().id());
        assertEquals("generic-network-error:final", bounced.patternId());
        assertEquals("expired", expired.category().id());
    }

    @Test
    void theCauseWinsOverTheOutcome() {
        assertEquals("mailbox-full", classify("Retry timeout exceeded: 452 4.2.2 Mailbox full", null,
                Outcome.BOUNCED).category().id());
        assertEquals("user-unknown", classify("Message expired: 550 5.1.1 <ann@example.org>: User unknown", null,
                Outcome.EXPIRED).category().id());
    }

    @Test
    void aLoopIsNotExpiredEvenWhenFinal() {
        assertEquals("network-error", classify("554 5.4.6 Too many hops", null, Outcome.BOUNCED).category().id());
    }

    @Test
    void userUnknownWordsUnderAPolicyStatusAreAFilterUnlessTheyAnswerRcpt() {
        assertEquals("filtered", classify("550 5.7.1 User unknown", null, null).category().id());
        assertEquals("filtered", classify("550 5.7.1 User unknown", SmtpPhase.END_OF_DATA, null).category().id());
        assertEquals("user-unknown", classify("550 5.7.1 User unknown", SmtpPhase.RCPT, null).category().id());
        assertEquals("user-unknown", classify("550 5.1.1 User unknown", null, null).category().id());
    }

    @Test
    void anUndefinedEnhancedCodeLeavesTheDecisionToTheReplyCode() {
        Classification c = classify("553 5.5.0 zqxv", null, null);
        assertEquals("user-unknown", c.category().id());
        assertEquals("reply:553", c.patternId());
        assertEquals("unclassified", classify("550 5.5.0 zqxv", null, null).category().id());
    }

    @Test
    void aReplyCodeMeansWhatItMeansInItsPhase() {
        assertEquals("sender-rejected", classify("553 zqxv", SmtpPhase.MAIL, null).category().id());
        assertEquals("sender-rejected", classify("550 zqxv", SmtpPhase.MAIL, null).category().id());
        assertEquals("unclassified", classify("550 zqxv", SmtpPhase.RCPT, null).category().id());
        assertEquals("not-accepting", classify("556 zqxv", null, null).category().id());
        assertEquals("mailbox-full", classify("552 zqxv", null, null).category().id());
    }

    @Test
    void aBadDestinationAddressSyntaxIsNoSuchMailbox() {
        assertEquals("user-unknown", classify("553 5.1.3 zqxv", SmtpPhase.RCPT, null).category().id());
    }
}

package dev.mailblocks.classify;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import dev.mailblocks.model.SmtpReplyText;
import java.util.Locale;
import java.util.Objects;

/**
 * What the classifier looks at: a refusal text and its context. Codes and phase missing from
 * the input are read from the text.
 */
public record Diagnostic(String text, Integer reply, String enhanced, SmtpPhase phase, String host, Outcome outcome) {

    public Diagnostic {
        Objects.requireNonNull(text, "text");
        if (host != null) {
            host = host.toLowerCase(Locale.ROOT);
        }
    }

    /** A diagnostic whose missing context is read from the text. */
    public static Diagnostic fromText(String text, Integer reply, String enhanced, SmtpPhase phase, String host,
            Outcome outcome) {
        String t = text == null ? "" : text;
        if (reply == null || enhanced == null || phase == null) {
            SmtpReplyText parsed = SmtpReplyText.of(t);
            reply = reply != null ? reply : parsed.replyCode();
            enhanced = enhanced != null ? enhanced : parsed.enhancedStatus();
            phase = phase != null ? phase : parsed.phase();
        }
        return new Diagnostic(t, reply, enhanced, phase, host, outcome);
    }

    /**
     * The diagnostic of a delivery event, as its parser read it: the parser already took the codes
     * and phase from the text, so what it left null stays null (and a stored event classified again
     * later sees exactly the same context).
     */
    public static Diagnostic of(DeliveryEvent e) {
        return new Diagnostic(e.diagnostic(), e.replyCode(), e.enhancedStatus(), e.phase(), e.remoteHost(), e.outcome());
    }
}

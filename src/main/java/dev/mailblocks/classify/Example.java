package dev.mailblocks.classify;

import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;

/**
 * A catalogue example: a message with the context a log would give it. Null fields are read
 * from the text itself, as {@code explain} does; a null outcome is not a final failure.
 */
public record Example(String text, Integer reply, String enhanced, SmtpPhase phase, String host, Outcome outcome) {

    /** The context for classifying this example. */
    public Diagnostic diagnostic() {
        return Diagnostic.fromText(text, reply, enhanced, phase, host, outcome);
    }
}

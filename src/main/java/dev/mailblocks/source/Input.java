package dev.mailblocks.source;

import java.nio.file.Path;

/**
 * One input to read: a file, or standard input when {@code path} is null.
 *
 * @param name the name shown in reports and errors (the path as found, or {@code -})
 */
public record Input(String name, Path path) {

    /** Standard input. */
    public static Input stdin() {
        return new Input("-", null);
    }

    /** Whether this is standard input, which cannot be read twice or remembered by the ledger. */
    public boolean isStdin() {
        return path == null;
    }
}

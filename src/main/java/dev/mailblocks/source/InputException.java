package dev.mailblocks.source;

/** An input cannot be found or read; the message names it. Maps to exit code 2. */
public final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }
}

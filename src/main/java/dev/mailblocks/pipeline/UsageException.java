package dev.mailblocks.pipeline;

/** An option value that cannot be used; the message says which and why. Maps to exit code 2. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}

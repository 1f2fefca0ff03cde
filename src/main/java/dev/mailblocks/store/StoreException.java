package dev.mailblocks.store;

/** The DuckDB file cannot be opened, read or written; maps to exit code 1. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

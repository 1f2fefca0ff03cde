package dev.mailblocks.store;

/** The DuckDB file cannot be opened, read or written; maps to exit code 1. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private boolean inUse;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    StoreException markInUse(boolean value) {
        this.inUse = value;
        return this;
    }

    /** Whether DuckDB ran out of its memory limit (a query that may pass with less beside it, or in another form). */
    public boolean outOfMemory() {
        return outOfMemory(getCause() == null ? this : getCause());
    }

    static boolean outOfMemory(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("Out of Memory");
    }

    /** Whether the file is locked by another process (another mailblocks run). */
    public boolean inUse() {
        return inUse;
    }
}

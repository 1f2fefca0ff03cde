package dev.mailblocks.source;

import java.io.IOException;

/** Compressed input that cannot be decoded: truncated (cut short) or corrupt; the message says which. */
public final class CompressedDataException extends IOException {

    private static final long serialVersionUID = 1L;

    private final boolean truncated;

    CompressedDataException(String message, boolean truncated, Throwable cause) {
        super(message, cause);
        this.truncated = truncated;
    }

    /** Whether the data stops early (a file copied while still being written, a cut download). */
    public boolean truncated() {
        return truncated;
    }
}

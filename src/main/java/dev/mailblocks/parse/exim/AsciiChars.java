package dev.mailblocks.parse.exim;

import java.nio.charset.StandardCharsets;

/**
 * A window on the bytes of a printable ASCII line read as characters, one per byte, without
 * decoding it: what lets the readers of Exim entries, written over {@link CharSequence}, read the
 * common lines straight from the input buffer and make a {@code String} only of the values they
 * keep. Moved from line to line ({@link #set}); valid while the bytes are.
 */
final class AsciiChars implements CharSequence {

    private byte[] b;
    private int from;
    private int length;

    /** Shows {@code b[from, to)}, which must hold printable ASCII (and tabs) only. */
    AsciiChars set(byte[] b, int from, int to) {
        this.b = b;
        this.from = from;
        this.length = to - from;
        return this;
    }

    /** Moves the start of the window {@code count} characters on. */
    AsciiChars skip(int count) {
        from += count;
        length -= count;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new StringIndexOutOfBoundsException(index);
        }
        return (char) b[from + index];
    }

    /** The characters {@code [start, end)} as a {@code String} (a copy of the bytes). */
    @Override
    public String subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new StringIndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        return new String(b, from + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return subSequence(0, length);
    }
}

package dev.mailblocks.parse;

/**
 * An input (or an ESP profile) cannot be read as its format at all, as opposed to single lines
 * that are malformed: say an export whose header row no profile knows. The message names the
 * input and says what is wrong, in one line. The pipeline reports it as an input that could not be read.
 */
public final class InputFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputFormatException(String message) {
        super(message);
    }
}

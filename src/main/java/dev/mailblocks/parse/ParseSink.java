package dev.mailblocks.parse;

/** Receives what a parser made of each input line or record, in input order. */
@FunctionalInterface
public interface ParseSink {

    /**
     * Accounts for the lines {@code firstLine .. firstLine + lineCount - 1}.
     *
     * @param text the raw text of the record (first line), for malformed lines; may be truncated. For an
     *     {@link LineResult.Ignored ignored} line it may be {@code null}: a parser reading bytes does not
     *     decode lines it ignores (Postfix)
     */
    void accept(long firstLine, int lineCount, LineResult result, String text);
}

package dev.mailblocks.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One input format: an id used everywhere (CLI, sample folder, store column), a sniff of the
 * first lines for auto-detection, and a parse step that accounts for every line.
 */
public interface InputFormat {

    /** The stable id, e.g. {@code postfix}. */
    String id();

    /** Whether the first non-empty lines of an input look like this format. */
    boolean sniff(List<String> head);

    /**
     * Reads the whole input and reports every line to the sink exactly once.
     *
     * @return the id to record for this input (an ESP profile id, or {@link #id()})
     */
    String parse(Reader input, ParseContext context, ParseSink sink) throws IOException;

    /**
     * Reads the whole input from its bytes (UTF-8; what is not UTF-8 reads as U+FFFD) and reports
     * every line to the sink exactly once. A format with a byte path reads most lines without
     * decoding them; the others decode and read text.
     *
     * @return the id to record for this input (an ESP profile id, or {@link #id()})
     */
    default String parse(InputStream input, ParseContext context, ParseSink sink) throws IOException {
        return parse(new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), context, sink);
    }
}

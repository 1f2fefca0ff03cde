package dev.mailblocks.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of what a reader gives, so that text (tests, standard input already decoded)
 * can go through a parser's byte path. A lone surrogate becomes {@code ?}.
 */
public final class ReaderInputStream extends InputStream {

    private final Reader in;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(16 * 1024);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    private boolean endOfInput;
    private boolean flushed;

    public ReaderInputStream(Reader in) {
        this.in = in;
        chars.flip();
        bytes.flip();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!bytes.hasRemaining()) {
            if (flushed) {
                return -1;
            }
            encodeMore();
        }
        int n = Math.min(len, bytes.remaining());
        bytes.get(b, off, n);
        return n;
    }

    private void encodeMore() throws IOException {
        if (!endOfInput) {
            chars.compact();
            int n = in.read(chars);
            chars.flip();
            if (n < 0) {
                endOfInput = true;
            }
        }
        bytes.clear();
        CoderResult r = encoder.encode(chars, bytes, endOfInput);
        if (r.isError()) {
            throw new IllegalStateException("encoder with REPLACE reported " + r);
        }
        if (endOfInput && !chars.hasRemaining()) {
            encoder.flush(bytes);
            flushed = true;
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package dev.mailblocks.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes on whole lines only when the stream below fails: a read error (a truncated or corrupt
 * archive, a disk error) ends the stream cleanly after the last complete line, and the error is
 * kept for {@link #damage()}. The line cut by the damage is neither read nor remembered, so it is
 * read whole once the complete file arrives; and nothing the decoder gave before the damage is
 * lost in a reader's buffers.
 *
 * <p>At a clean end the last line is passed on even without a newline.
 */
public final class WholeLinesInputStream extends InputStream {

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    /** Bytes in {@code buf}: {@code [pos, ready)} may be passed on, {@code [ready, end)} wait for a newline. */
    private int pos;
    private int ready;
    private int end;
    private boolean eof;
    private IOException damage;

    public WholeLinesInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == ready) {
            if (eof) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, ready - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private void fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            ready -= pos;
            pos = 0;
        }
        if (end == buf.length) {
            ready = end; // a line longer than the buffer: pass it on in pieces, the parser bounds it
            return;
        }
        int n;
        try {
            n = in.read(buf, end, buf.length - end);
        } catch (IOException e) {
            damage = e;
            end = ready;
            eof = true;
            return;
        }
        if (n < 0) {
            ready = end;
            eof = true;
            return;
        }
        end += n;
        for (int i = end - 1; i >= ready; i--) {
            if (buf[i] == '\n') {
                ready = i + 1;
                break;
            }
        }
    }

    /** The read error that ended the stream early, or null. */
    public IOException damage() {
        return damage;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

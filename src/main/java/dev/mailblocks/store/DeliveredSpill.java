package dev.mailblocks.store;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Direction;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The delivered results of a run, held in a file beside the store until the run's end instead of
 * going through the Appender one row each: at the end {@link RunDelivered#finish} writes as
 * rows the few that the fold would keep and adds the rest to the hourly counts. Only their keys go
 * into DuckDB as they are read (table {@code pending_delivered}),
 * so that one query can tell which have a partner. A record is known by where it starts in the file;
 * an input that is rolled back takes its records back with it ({@link #mark}, {@link #rollBack}).
 */
final class DeliveredSpill implements AutoCloseable {

    private static final Direction[] DIRECTIONS = Direction.values();
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final SmtpPhase[] PHASES = SmtpPhase.values();

    private final Path file;
    private final FileChannel channel;
    private final DataOutputStream out;
    private long count;
    /** The file's length once what is buffered is written: where the next record starts. */
    private long position;

    private DeliveredSpill(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.out = stream();
    }

    /**
     * A new spill file beside {@code store} ({@code .STORE.delivered-*.tmp}), removed when closed (not
     * when the JVM exits: a run that stops before its end leaves it for the next opening of the store to
     * read back). Those left by a stopped run of the same store are removed first: the caller holds the
     * store's lock and has read back what they held (EventStore.recoverUnfinished).
     */
    static DeliveredSpill create(Path store) throws IOException {
        for (Path p : leftBy(store)) {
            Files.deleteIfExists(p);
        }
        Path file = Files.createTempFile(store.toAbsolutePath().getParent(), "." + store.getFileName() + ".delivered-", ".tmp");
        return new DeliveredSpill(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    private DataOutputStream stream() {
        OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        return new DataOutputStream(new FilterOutputStream(buffered) {
            @Override
            public void write(int b) throws IOException {
                buffered.write(b);
                position++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                buffered.write(b, off, len);
                position += len;
            }
        });
    }

    /**
     * Writes what is buffered and forces it to disk; returns where the records written since
     * {@code mark} are: {@code FILE-NAME|FROM|TO}, for a later run to read them back ({@link #read}).
     */
    String sync(Mark mark) {
        try {
            out.flush();
            channel.force(false);
            return file.getFileName() + "|" + mark.position() + "|" + position;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the delivered results", e);
        }
    }

    /**
     * Reads back the records a {@link #sync} describes, from a file a stopped run left beside
     * {@code store}; false when the file is not there whole (nothing is given then).
     */
    static boolean read(Path store, String where, Sink sink) throws IOException, SQLException {
        String[] parts = where.split("\\|");
        if (parts.length != 3) {
            return false;
        }
        Path f = store.toAbsolutePath().getParent().resolve(parts[0]);
        long from = Long.parseLong(parts[1]);
        long to = Long.parseLong(parts[2]);
        if (!Files.isRegularFile(f) || Files.size(f) < to) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ch.position(from);
            Counted counted = new Counted(new BufferedInputStream(Channels.newInputStream(ch), 1 << 16), from);
            DataInputStream in = new DataInputStream(counted);
            while (counted.at < to) {
                sink.accept(read(in));
            }
        }
        return true;
    }

    /** The spill files a stopped run of {@code store} may have left. */
    static java.util.List<Path> leftBy(Path store) throws IOException {
        Path folder = store.toAbsolutePath().getParent();
        String prefix = "." + store.getFileName() + ".delivered-";
        java.util.List<Path> out = new java.util.ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp")) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Records written and not rolled back. */
    long count() {
        return count;
    }

    /** A point in the file: the records written before it, and where the next one starts. */
    record Mark(long count, long position) {
    }

    /** Where a rollback returns to. */
    Mark mark() {
        return new Mark(count, position);
    }

    /** Forgets the records written since {@code mark}. */
    void rollBack(Mark mark) {
        try {
            out.flush();
            channel.truncate(mark.position());
            channel.position(mark.position());
            count = mark.count();
            position = mark.position();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot roll back the delivered results", e);
        }
    }

    /** Writes one delivered result of input {@code inputId}; returns where it starts in the file. */
    long add(long inputId, int seq, DeliveryEvent e, String provider, String rowKey) {
        try {
            long at = position;
            out.writeLong(inputId);
            out.writeInt(seq);
            out.writeLong(e.time().getEpochSecond());
            out.writeInt(e.time().getNano());
            out.writeByte(e.direction().ordinal());
            out.writeByte(e.outcome().ordinal());
            out.writeByte(e.phase() == null ? -1 : e.phase().ordinal());
            out.writeShort(e.replyCode() == null ? -1 : e.replyCode());
            out.writeLong(e.fileId());
            out.writeLong(e.line());
            str(e.sourceFormat());
            str(e.reportingHost());
            str(e.queueId());
            str(e.messageId());
            str(e.sender());
            str(e.recipient());
            str(e.recipientDomain());
            str(e.enhancedStatus());
            str(e.remoteHost());
            str(e.remoteIp());
            str(e.diagnostic());
            str(provider);
            str(rowKey);
            count++;
            return at;
        } catch (IOException ex) {
            throw new UncheckedIOException(file + ": cannot write the delivered results", ex);
        }
    }

    private void str(String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** One record read back. */
    record Spilled(long inputId, int seq, DeliveryEvent event, String provider, String rowKey) {
    }

    /** What takes the records read back: writes them to the store. */
    @FunctionalInterface
    interface Sink {
        void accept(Spilled s) throws SQLException;
    }

    /** A stream that knows where in the file it is. */
    private static final class Counted extends FilterInputStream {
        long at;

        Counted(InputStream in, long at) {
            super(in);
            this.at = at;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                at++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                at += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            at += k;
            return k;
        }
    }

    /** Empties the file, for the next run of the same store. */
    void clear() {
        rollBack(new Mark(0, 0));
    }

    /** Reads back the records that start at {@code offsets} (in increasing order). */
    void forEach(long[] offsets, Sink sink) throws SQLException {
        try {
            out.flush();
            Counted counted = new Counted(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 0);
            try (DataInputStream in = new DataInputStream(counted)) {
                for (long offset : offsets) {
                    in.skipNBytes(offset - counted.at);
                    sink.accept(read(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the delivered results back", e);
        }
    }

    private static Spilled read(DataInputStream in) throws IOException {
        long inputId = in.readLong();
        int seq = in.readInt();
        Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
        Direction direction = DIRECTIONS[in.readByte()];
        Outcome outcome = OUTCOMES[in.readByte()];
        byte phase = in.readByte();
        short reply = in.readShort();
        long fileId = in.readLong();
        long line = in.readLong();
        String format = str(in);
        String reportingHost = str(in);
        String queueId = str(in);
        String messageId = str(in);
        String sender = str(in);
        String recipient = str(in);
        String recipientDomain = str(in);
        String enhanced = str(in);
        String remoteHost = str(in);
        String remoteIp = str(in);
        String diagnostic = str(in);
        String provider = str(in);
        String rowKey = str(in);
        DeliveryEvent e = new DeliveryEvent(time, direction, format, reportingHost, queueId, messageId, sender, recipient,
                recipientDomain, outcome, reply < 0 ? null : (int) reply, enhanced, remoteHost, remoteIp,
                phase < 0 ? null : PHASES[phase], diagnostic, fileId, line);
        return new Spilled(inputId, seq, e, provider, rowKey);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        close(true);
    }

    /** Closes the file, and removes it unless a later run must read it back. */
    void close(boolean remove) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a temporary file: nothing to report
        }
        if (remove) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the next run of the store removes it
            }
        }
    }

    static {
        if (OUTCOMES.length > 127 || DIRECTIONS.length > 127 || PHASES.length > 127) {
            throw new ExceptionInInitializerError("more values than a byte holds");
        }
    }
}

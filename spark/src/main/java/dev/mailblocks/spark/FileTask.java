package dev.mailblocks.spark;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.CatalogueReader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Diagnostic;
import dev.mailblocks.model.Classification;
import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.parse.Formats;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.InputFormatException;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.ParseSink;
import dev.mailblocks.source.CompressedDataException;
import dev.mailblocks.source.DecodedHead;
import dev.mailblocks.source.InputException;
import dev.mailblocks.source.WholeLinesInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One input file, parsed and classified on an executor exactly as the local run's ingestion does
 * ({@code pipeline.Ingestion}): the same opening (decompression, byte order mark, the first 64 KiB for
 * format detection), the same formats and catalogue, every line counted into one bucket. Rows are
 * streamed: a parsing thread hands chunks through a small bounded queue to the iterator Spark
 * pulls, so a file of any size is never held whole.
 */
final class FileTask {

    /** How many bytes of the start are read ahead for format detection (as {@code source.OpenedInput}). */
    static final int HEAD = 64 * 1024;
    /** Malformed lines keep at most this much of their text (as {@code store.InputBatch}). */
    static final int MAX_KEPT_TEXT = 2000;
    private static final int CHUNK = 1024;

    /**
     * One catalogue per executor JVM and catalogue text; idle classifiers (each with its template
     * cache, which is not thread-safe) wait in a pool. A parsing thread borrows one for its file and
     * gives it back when it ends, so that two threads never share one, even when a killed task's
     * parsing thread is still running while the executor's next task starts.
     */
    private static final Map<Integer, Catalogue> CATALOGUES = new ConcurrentHashMap<>();
    private static final Map<Integer, java.util.Queue<Classifier>> IDLE = new ConcurrentHashMap<>();

    private FileTask() {
    }

    /** The broadcast catalogue texts, and the pool of classifiers made from them. */
    record Classifiers(Map<String, String> bundled, Map<String, String> site) {

        private int key() {
            return 31 * bundled.hashCode() + site.hashCode();
        }

        /** An idle classifier of this catalogue, or a new one: the caller's alone until {@link #release}. */
        Classifier borrow() {
            Classifier c = IDLE.computeIfAbsent(key(), k -> new java.util.concurrent.ConcurrentLinkedQueue<>()).poll();
            if (c == null) {
                c = new Classifier(CATALOGUES.computeIfAbsent(key(), k -> new CatalogueReader().read(bundled, site)));
            }
            return c;
        }

        void release(Classifier c) {
            IDLE.computeIfAbsent(key(), k -> new java.util.concurrent.ConcurrentLinkedQueue<>()).add(c);
        }

        /** How many classifiers wait in the pool (for tests). */
        int idle() {
            java.util.Queue<Classifier> q = IDLE.get(key());
            return q == null ? 0 : q.size();
        }
    }

    /** Opens the raw bytes of a file; {@link MailblocksSparkJob} passes Hadoop's stream. */
    interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * The rows of one input (see {@link Tables#RAW}): its events, its malformed lines, and last its
     * accounting row. Never throws for a bad file: what went wrong is the accounting row's error.
     */
    static Iterator<Row> rows(InputSpec spec, Opener opener, Classifiers classifiers, ZoneId zone, Integer year) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
        Object end = new Object();
        java.util.concurrent.atomic.AtomicReference<Throwable> broken = new java.util.concurrent.atomic.AtomicReference<>();
        Thread producer = new Thread(() -> {
            Classifier classifier = null;
            try {
                classifier = classifiers.borrow();
                Emitter emitter = new Emitter(queue);
                parse(spec, opener, classifier, zone, year, emitter);
                emitter.flush();
            } catch (InterruptedException e) {
                return; // the task was ended: nobody reads any more
            } catch (Throwable t) {
                broken.set(t); // out of memory or the like: the task fails (and Spark retries it), never hangs
            } finally {
                if (classifier != null) {
                    classifiers.release(classifier); // this thread no longer uses it
                }
            }
            try {
                queue.put(end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mailblocks-parse-" + spec.order());
        producer.setDaemon(true);
        producer.start();
        org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
        if (tc != null) {
            tc.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> producer.interrupt());
        }
        return new Iterator<>() {
            private List<Row> chunk = List.of();
            private int i;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!done && i >= chunk.size()) {
                    Object next;
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while reading " + spec.name());
                    }
                    if (next == end) {
                        done = true;
                        if (broken.get() != null) {
                            throw new IllegalStateException(spec.name() + ": " + broken.get(), broken.get());
                        }
                    } else {
                        @SuppressWarnings("unchecked")
                        List<Row> rows = (List<Row>) next;
                        chunk = rows;
                        i = 0;
                    }
                }
                return i < chunk.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.get(i++);
            }
        };
    }

    /** Hands rows to the queue in chunks. */
    private static final class Emitter {
        private final BlockingQueue<Object> queue;
        private List<Row> rows = new ArrayList<>(CHUNK);

        Emitter(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        void add(Row r) throws InterruptedException {
            rows.add(r);
            if (rows.size() >= CHUNK) {
                flush();
            }
        }

        void flush() throws InterruptedException {
            if (!rows.isEmpty()) {
                queue.put(rows);
                rows = new ArrayList<>(CHUNK);
            }
        }
    }

    /** Thrown out of the parser's callback when the task is ended. */
    private static final class Stopped extends RuntimeException {
        Stopped(InterruptedException e) {
            super(e);
        }
    }

    private static void parse(InputSpec spec, Opener opener, Classifier classifier, ZoneId zone, Integer year,
            Emitter out) throws InterruptedException {
        Instant modified = Instant.ofEpochMilli(spec.modifiedMillis());
        Counter counter = new Counter(spec, classifier, out);
        String formatId = "";
        String error = null;
        boolean failed = false;
        long bytes = 0;
        try (InputStream raw = opener.open()) {
            Opened opened = open(spec.name(), raw);
            counter.id = contentId(opened, spec.pathId());
            InputFormat format = format(spec.name(), opened.head);
            formatId = format.id();
            WholeLinesInputStream whole = new WholeLinesInputStream(opened.content);
            Instant yearReference = year == null ? modified
                    : LocalDateTime.of(year, 12, 31, 23, 59, 59).atZone(zone).toInstant();
            ParseContext ctx = new ParseContext(spec.name(), counter.id, zone, yearReference, modified);
            formatId = format.parse(whole, ctx, counter);
            if (whole.damage() != null) {
                error = spec.name() + ": line " + (counter.lastLine + 1) + ": cannot read further: "
                        + describe(whole.damage()) + " (the " + counter.lastLine
                        + " complete lines before it were read; the rest is read when the file is whole)";
            }
        } catch (Stopped e) {
            throw (InterruptedException) e.getCause();
        } catch (InputException | InputFormatException e) {
            failed = true;
            error = e.getMessage();
        } catch (IOException e) {
            failed = true;
            error = spec.name() + ": cannot read: " + describe(e);
        } catch (RuntimeException | StackOverflowError e) {
            // a parser bug on hostile input fails this input alone, like an unreadable file
            failed = true;
            error = spec.name() + ": line " + (counter.lastLine + 1) + ": cannot parse: " + e;
        }
        bytes = spec.size();
        LocalDate day = counter.firstTime != null ? LocalDate.ofInstant(counter.firstTime, ZoneOffset.UTC)
                : LocalDate.ofInstant(modified, ZoneOffset.UTC);
        out.add(Tables.inputRow(spec, counter.id, formatId, bytes, counter.lastLine, counter.lines, counter.eventLines,
                counter.events, counter.ignored, counter.malformed, error, failed, day.toString()));
    }

    /**
     * The opened content and its head, as {@code source.OpenedInput} makes them; {@code whole} when
     * the head is all of the content (the file is shorter than {@link #HEAD}).
     */
    private record Opened(InputStream content, byte[] head, boolean whole) {
    }

    /**
     * The input's id in the tables, from its content as the local run's ledger recognises a file:
     * the SHA-256 of its first 64 KiB once decompressed (byte order mark left out), or of all of it
     * when it is shorter. The same file under another name or path spelling, rotated
     * ({@code maillog -> maillog.1}), compressed ({@code maillog.1.gz}) or grown since (same start,
     * more lines) keeps its id, so a later job replaces its partitions instead of adding to them;
     * two files of identical content are one input. An empty file has no content to tell it by: its
     * id is that of its qualified path ({@code pathId}).
     */
    static long contentId(byte[] head, boolean whole, long pathId) {
        if (head.length == 0) {
            return pathId;
        }
        java.security.MessageDigest d = dev.mailblocks.source.Ledger.digest();
        d.update((whole ? "whole " + head.length + "\n" : "head " + HEAD + "\n").getBytes(StandardCharsets.US_ASCII));
        d.update(head);
        return InputSpec.idOf(d.digest());
    }

    private static long contentId(Opened opened, long pathId) {
        return contentId(opened.head, opened.whole, pathId);
    }

    private static Opened open(String name, InputStream raw) throws IOException {
        DecodedHead decoded = DecodedHead.of(raw);
        return new Opened(decoded.content(), decoded.head(), decoded.whole());
    }

    /** The input's format, detected from its first lines as the local run does ({@code Ingestion.format}). */
    private static InputFormat format(String name, byte[] head) {
        Formats formats = Formats.builtIn();
        List<String> lines = new ArrayList<>();
        for (String line : new String(head, StandardCharsets.UTF_8).split("\r?\n", -1)) {
            if (!line.isBlank()) {
                lines.add(line);
            }
            if (lines.size() >= 30) {
                break;
            }
        }
        if (lines.isEmpty()) {
            return formats.byId("postfix").orElseThrow();
        }
        Optional<InputFormat> detected = formats.detect(lines);
        return detected.orElseThrow(() -> new InputException(name
                + ": cannot tell the format from the first lines (tried " + String.join(", ", formats.ids())
                + "); name it with --input-format"));
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof CompressedDataException) {
            return m;
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Counts every line into one bucket and turns events and malformed lines into rows. */
    private static final class Counter implements ParseSink {
        private final InputSpec spec;
        private final Classifier classifier;
        private final Emitter out;
        /** The input's id: its path's until the content is opened, then the content's. */
        long id;
        long lastLine;
        long lines;
        long eventLines;
        long events;
        long ignored;
        long malformed;
        Instant firstTime;
        private long seqLine = -1;
        private int seq;

        Counter(InputSpec spec, Classifier classifier, Emitter out) {
            this.spec = spec;
            this.classifier = classifier;
            this.out = out;
            this.id = spec.pathId();
        }

        @Override
        public void accept(long firstLine, int lineCount, LineResult result, String text) {
            if (Thread.interrupted()) {
                throw new Stopped(new InterruptedException()); // the task was killed: stop at once
            }
            try {
                long last = firstLine + lineCount - 1;
                lastLine = Math.max(lastLine, last);
                lines += lineCount;
                if (result instanceof LineResult.Parsed p) {
                    eventLines += lineCount;
                    for (int i = 0; i < p.events().size(); i++) {
                        event(p.events().get(i), p.rowKey(i));
                    }
                } else if (result instanceof LineResult.Ignored) {
                    ignored += lineCount;
                } else if (result instanceof LineResult.Malformed m) {
                    malformed += lineCount;
                    String t = text == null ? "" : text;
                    out.add(Tables.malformedRow(id, spec.order(), firstLine, m.why(),
                            t.length() > MAX_KEPT_TEXT ? t.substring(0, MAX_KEPT_TEXT) : t));
                }
            } catch (InterruptedException e) {
                throw new Stopped(e);
            }
        }

        private void event(DeliveryEvent e, String rowKey) throws InterruptedException {
            events++;
            if (firstTime == null) {
                firstTime = e.time();
            }
            Classification c = e.outcome() == Outcome.DELIVERED ? null : classifier.classify(Diagnostic.of(e));
            String provider = c != null && c.provider() != null ? c.provider()
                    : classifier.providerOf(e.remoteHost());
            seq = e.line() == seqLine ? seq + 1 : 0;
            seqLine = e.line();
            LocalDateTime time = LocalDateTime.ofInstant(e.time(), ZoneOffset.UTC);
            boolean delivered = e.outcome() == Outcome.DELIVERED;
            out.add(Tables.eventRow(id, spec.order(), e, seq, time, time.truncatedTo(ChronoUnit.HOURS), c,
                    provider, rowKey, delivered ? senderDomain(e.sender()) : null,
                    delivered ? quotedIp(e.diagnostic(), e.remoteIp()) : null));
        }
    }

    private static final Pattern SENDER_DOMAIN = Pattern.compile("@([^>\\s@]+)>?\\s*\\z");
    private static final Pattern SAID = Pattern.compile("^host [^ ]+ (said|refused to talk to me):");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})");

    /**
     * The sender's domain as the store's {@code ReportQueries.SENDER_DOMAIN} computes it when it folds
     * delivered results: lower-cased, or {@code (empty sender)}.
     */
    static String senderDomain(String sender) {
        if (sender != null) {
            Matcher m = SENDER_DOMAIN.matcher(sender);
            if (m.find() && !m.group(1).isEmpty()) {
                return m.group(1).toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "(empty sender)";
    }

    /**
     * The first IPv4 address quoted in a reply that is not the receiver's own, as the store's
     * {@code ReportQueries.QUOTED_IP}: after any {@code host NAME said:} prefix, or empty.
     */
    static String quotedIp(String message, String remoteIp) {
        if (message == null) {
            return "";
        }
        String text = SAID.matcher(message).replaceFirst("");
        Matcher m = IPV4.matcher(text);
        String own = remoteIp == null ? "" : remoteIp;
        while (m.find()) {
            if (!m.group(1).equals(own)) {
                return m.group(1);
            }
        }
        return "";
    }
}

package dev.mailblocks.pipeline;

import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Diagnostic;
import dev.mailblocks.model.Classification;
import dev.mailblocks.model.ClassifiedEvent;
import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.parse.Formats;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.InputFormatException;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.ParseSink;
import dev.mailblocks.source.HashingInputStream;
import dev.mailblocks.source.Input;
import dev.mailblocks.source.InputException;
import dev.mailblocks.source.Ledger;
import dev.mailblocks.source.LedgerEntry;
import dev.mailblocks.source.OpenedInput;
import dev.mailblocks.source.WholeLinesInputStream;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.InputBatch;
import dev.mailblocks.store.InputCounts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ingest pipeline for one store: source, parse, classify, store, one input at a time and
 * one transaction per input. Parsing and classifying run on the caller's thread, writing the store
 * on a {@link WriterThread}.
 */
public final class Ingestion {

    private final IngestConfig config;
    private final Classifier classifier;
    private final EventStore store;
    private final Formats formats;
    private final InputFormat forced;
    /** What earlier runs read, loaded once and extended as this run reads inputs. */
    private final List<LedgerEntry> ledger;
    private java.util.function.LongConsumer progress;
    private java.util.function.LongConsumer linesRead = n -> { };

    /**
     * Loads the run's ESP profiles and resolves {@code --input-format}: a profile file that cannot
     * be used, or an unknown format id, stops here, before any input is read.
     */
    public Ingestion(IngestConfig config, Classifier classifier, EventStore store) {
        this(config, formats(config), classifier, store);
    }

    /** An ingestion with the run's formats, already loaded and checked. */
    public Ingestion(IngestConfig config, Formats formats, Classifier classifier, EventStore store) {
        this.config = config;
        this.classifier = classifier;
        this.store = store;
        this.formats = formats;
        this.forced = forced(config, formats);
        this.ledger = new ArrayList<>(store.ledger());
    }

    /** The formats of a run (built-in and {@code --esp-profile} ones); a bad profile file stops here. */
    public static Formats formats(IngestConfig config) {
        Formats formats = EspProfileFiles.formats(config.espProfiles());
        forced(config, formats);
        return formats;
    }

    private static InputFormat forced(IngestConfig config, Formats formats) {
        return "auto".equals(config.inputFormat()) ? null : formats.byId(config.inputFormat())
                .orElseThrow(() -> new UsageException("--input-format " + config.inputFormat()
                        + ": not a format (known: auto, " + String.join(", ", formats.ids()) + ")"));
    }

    /** Tells {@code progress} the bytes read from each input's file as they are read. */
    public void onBytesRead(java.util.function.LongConsumer progress) {
        this.progress = progress;
    }

    /** Tells {@code lines} how many more lines were read, every few thousand lines. */
    public void onLinesRead(java.util.function.LongConsumer lines) {
        this.linesRead = lines;
    }

    /** Reads one input into the store; never throws for a bad input, but says what went wrong. */
    public InputOutcome ingest(Input input) {
        try (OpenedInput opened = OpenedInput.open(input, progress)) {
            return ingest(opened);
        } catch (InputException e) {
            return failed(input.name(), e.getMessage());
        } catch (IOException e) {
            return failed(input.name(), input.name() + ": cannot read: " + OpenedInput.describe(e));
        }
    }

    private static InputOutcome failed(String name, String error) {
        return new InputOutcome(name, "", "failed", new InputCounts(0, 0, 0, 0, 0, 0), error, null, 0);
    }

    private InputOutcome ingest(OpenedInput opened) throws IOException {
        String name = opened.input().name();
        InputFormat format = format(opened);
        Optional<Ledger.Previous> previous;
        try {
            previous = Ledger.find(opened, ledger);
        } catch (IOException e) {
            previous = Optional.empty();
        }
        if (previous.isPresent() && previous.get().exact()) {
            LedgerEntry e = previous.get().entry();
            return new InputOutcome(name, format.id(), "unchanged",
                    new InputCounts(0, 0, 0, 0, 0, e.lines()), null, null, 0);
        }
        long skip = previous.map(p -> p.entry().lines()).orElse(0L);
        WholeLinesInputStream whole = new WholeLinesInputStream(opened.content());
        HashingInputStream hashing = new HashingInputStream(whole);
        try (InputBatch batch = store.begin(name, format.id());
                WriterThread<Write> writer = new WriterThread<>("mailblocks-store", chunk -> write(batch, chunk))) {
            Counter counter = new Counter(writer, skip, name);
            ParseContext ctx = new ParseContext(name, batch.inputId(), config.zone(),
                    config.yearReference(opened.modified()), opened.modified());
            String error = null;
            String formatId = format.id();
            try {
                formatId = format.parse(hashing, ctx, counter); // UTF-8 bytes: formats decode what they read
            } catch (InputException | InputFormatException e) {
                return failed(name, e.getMessage());
            }
            writer.finish();
            if (whole.damage() != null) {
                // the cut line is neither counted nor remembered: a rerun on the whole file reads it
                error = name + ": line " + (counter.lastLine + 1) + ": cannot read further: "
                        + OpenedInput.describe(whole.damage()) + " (the " + counter.lastLine
                        + " complete lines before it were read; the rest is read when the file is whole)";
            }
            if (forced != null && counter.malformed * 2 > counter.lines) {
                return failed(name, name + ": " + counter.malformed + " of " + counter.lines + " lines are not "
                        + config.inputFormat() + " (--input-format); nothing stored or remembered, so a run with"
                        + " the right format reads it");
            }
            InputBatch.Dropped dropped = batch.dropStoredRows();
            byte[] head = opened.head();
            long bytes = hashing.count();
            int headLength = (int) Math.min(head.length, bytes);
            InputCounts counts = counter.counts(dropped);
            InputBatch.Content content = new InputBatch.Content(headLength, Ledger.sha256(head, headLength), bytes,
                    hashing.hash(), counter.lastLine, opened.stamp());
            batch.commit(formatId, counts, content, error);
            ledger.add(new LedgerEntry(batch.inputId(), name, content.headLength(), content.headHash(),
                    content.bytes(), content.contentHash(), content.totalLines(), opened.stamp()));
            return new InputOutcome(name, formatId, skip > 0 ? "resumed" : "read", counts, error,
                    counter.firstMalformed, dropped.lines());
        }
    }

    /**
     * The format of an input: the forced one, unless its first lines are clearly another format
     * (then the input is not read, so that a run with the right format reads it), else detected.
     */
    private InputFormat format(OpenedInput opened) {
        String name = opened.input().name();
        List<String> head = opened.headLines(30);
        if (forced != null) {
            Optional<InputFormat> detected = formats.detect(head);
            if (!head.isEmpty() && head.stream().noneMatch(l -> forced.sniff(List.of(l)))
                    && detected.isPresent() && !detected.get().id().equals(forced.id())) {
                throw new InputException(name + ": its first lines are " + detected.get().id() + ", not "
                        + config.inputFormat() + " (--input-format); not read, so a run with the right format reads it");
            }
            return forced;
        }
        if (head.isEmpty()) {
            return formats.byId("postfix").orElseThrow(); // an empty file: nothing to parse, still accounted
        }
        return formats.detect(head).orElseThrow(() -> new InputException(name
                + ": cannot tell the format from the first lines (tried " + String.join(", ", formats.ids())
                + "); name it with --input-format"));
    }

    /** What the parsing thread hands to the store writer: an event to append, or a malformed line to keep. */
    private sealed interface Write {
    }

    private record EventWrite(ClassifiedEvent event, String provider, String rowKey) implements Write {
    }

    private record MalformedWrite(long line, String why, String text) implements Write {
    }

    private static void write(InputBatch batch, java.util.List<Write> chunk) {
        for (Write w : chunk) {
            if (w instanceof EventWrite e) {
                batch.add(e.event(), e.provider(), e.rowKey());
            } else if (w instanceof MalformedWrite m) {
                batch.malformed(m.line(), m.why(), m.text());
            }
        }
    }

    /** Counts every line into one bucket, classifies events and hands them to the store writer, skips what was read before. */
    private final class Counter implements ParseSink {
        private final WriterThread<Write> writer;
        private final long skip;
        private final String name;
        private long lastLine;
        private long lines;
        private long eventLines;
        private long events;
        private long ignored;
        private long malformed;
        private String firstMalformed;

        Counter(WriterThread<Write> writer, long skip, String name) {
            this.writer = writer;
            this.skip = skip;
            this.name = name;
        }

        @Override
        public void accept(long firstLine, int lineCount, LineResult result, String text) {
            long last = firstLine + lineCount - 1;
            if (last / 4096 != lastLine / 4096) {
                linesRead.accept(4096);
            }
            lastLine = Math.max(lastLine, last);
            if (last <= skip) {
                return; // read by an earlier run; parsed again only to rebuild state such as queue ids
            }
            lines += lineCount;
            if (result instanceof LineResult.Parsed p) {
                eventLines += lineCount;
                for (int i = 0; i < p.events().size(); i++) {
                    store(p.events().get(i), p.rowKey(i));
                }
            } else if (result instanceof LineResult.Ignored) {
                ignored += lineCount;
            } else if (result instanceof LineResult.Malformed m) {
                malformed += lineCount;
                writer.add(new MalformedWrite(firstLine, m.why(), text));
                if (firstMalformed == null) {
                    firstMalformed = name + ":" + firstLine + ": " + m.why();
                }
            }
        }

        private void store(DeliveryEvent e, String rowKey) {
            events++;
            Classification c = e.outcome() == Outcome.DELIVERED ? null : classifier.classify(Diagnostic.of(e));
            String provider = c != null && c.provider() != null ? c.provider()
                    : classifier.providerOf(e.remoteHost());
            writer.add(new EventWrite(new ClassifiedEvent(e, c), provider, rowKey));
        }

        /** The counts, with the rows already stored (overlapping exports) moved from events to ignored. */
        InputCounts counts(InputBatch.Dropped dropped) {
            return new InputCounts(lines, eventLines - dropped.lines(), events - dropped.events(),
                    ignored + dropped.lines(), malformed, skip);
        }
    }
}

package dev.mailblocks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.ProviderTable;
import dev.mailblocks.classify.StatusCodeTable;
import dev.mailblocks.source.Input;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportRows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest pipeline: accounting, the ledger of what was read, compressed and hostile inputs. */
class IngestionTest {

    @TempDir
    Path dir;

    private static final Catalogue EMPTY = new Catalogue(List.of(), new ProviderTable(List.of()), Map.of(),
            new StatusCodeTable(Map.of(), Map.of()), "empty");

    private static String line(int i, String status) {
        return String.format("Jan  3 10:%02d:%02d mx postfix/smtp[1]: Q%08X: to=<u%d@example.net>,"
                + " relay=mx.example.net[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=%s, status=%s (%s)%n",
                i / 60 % 60, i % 60, i, i, status.equals("sent") ? "2.0.0" : "5.7.1", status,
                status.equals("sent") ? "250 ok" : "host mx.example.net[203.0.113.5] said: 554 5.7.1 refused");
    }

    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(line(i, i % 3 == 0 ? "bounced" : "sent"));
        }
        return b.toString();
    }

    private InputOutcome ingest(Path file) {
        try (EventStore store = EventStore.open(dir.resolve("db.duckdb"))) {
            IngestConfig config = new IngestConfig(List.of(file.toString()), dir.resolve("db.duckdb"), null, "auto",
                    ZoneOffset.UTC, 2026, List.of());
            return new Ingestion(config, new Classifier(EMPTY), store).ingest(new Input(file.toString(), file));
        }
    }

    private List<ReportRows.Event> storedEvents() {
        List<ReportRows.Event> out = new ArrayList<>();
        try (EventStore store = EventStore.open(dir.resolve("db.duckdb"))) {
            store.queries().events(ReportFilter.all(), out::add);
        }
        return out;
    }

    @Test
    void everyLineIsCountedOnceAndRunningTwiceChangesNothing() throws IOException {
        Path log = dir.resolve("maillog");
        Files.writeString(log, lines(0, 30) + "garbage without a timestamp\n\n");
        InputOutcome first = ingest(log);
        assertEquals("read", first.status());
        assertEquals(32, first.counts().lines());
        assertEquals(30, first.counts().eventLines());
        assertEquals(1, first.counts().malformed());
        assertEquals(1, first.counts().ignored());
        assertTrue(first.counts().balanced());
        assertEquals(10, storedEvents().size());

        InputOutcome second = ingest(log);
        assertEquals("unchanged", second.status());
        assertEquals(10, storedEvents().size());
    }

    @Test
    void appendedLinesAreReadAfterWhereTheLastRunStopped() throws IOException {
        Path log = dir.resolve("maillog");
        Files.writeString(log, lines(0, 30));
        ingest(log);
        Files.writeString(log, lines(0, 60));
        InputOutcome again = ingest(log);
        assertEquals("resumed", again.status());
        assertEquals(30, again.counts().skippedLines());
        assertEquals(30, again.counts().lines());
        assertEquals(20, storedEvents().size());
    }

    @Test
    void aRotatedAndCompressedFileIsRecognisedByContent() throws IOException {
        Path log = dir.resolve("maillog");
        Files.writeString(log, lines(0, 30));
        ingest(log);
        Path rotated = dir.resolve("maillog.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rotated))) {
            out.write(lines(0, 45).getBytes(StandardCharsets.UTF_8));
        }
        Files.delete(log);
        InputOutcome r = ingest(rotated);
        assertEquals("resumed", r.status());
        assertEquals(15, r.counts().lines());
        assertEquals(15, storedEvents().size());
    }

    @Test
    void aFileThatOnlyStartsLikeAnEarlierOneIsReadWhole() throws IOException {
        Path a = dir.resolve("a.log");
        Files.writeString(a, lines(0, 30));
        ingest(a);
        Path b = dir.resolve("b.log");
        Files.writeString(b, lines(0, 29) + line(99, "bounced") + lines(30, 40));
        InputOutcome r = ingest(b);
        assertEquals("read", r.status());
        assertEquals(40, r.counts().lines());
    }

    @Test
    void aFileRewrittenInPlaceWithTheSameSizeAndHeadIsCheckedByContentWhenItsTimeChanged() throws IOException {
        // the same first 64 KiB and the same size, a different ending: only the content check can tell
        Path log = dir.resolve("maillog");
        String head = lines(0, 400);
        assertTrue(head.length() > 64 * 1024);
        Files.writeString(log, head + line(500, "sent"));
        ingest(log);
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(log);
        Files.writeString(log, head + line(501, "sent"));
        Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 60_000));
        InputOutcome r = ingest(log);
        assertEquals("read", r.status(), "not the file read before: read anew");

        // touched without a change: the content check finds the earlier reading
        Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 120_000));
        assertEquals("unchanged", ingest(log).status());
    }

    @Test
    void truncatedGzipKeepsWhatWasReadAndNamesFileAndLine() throws IOException {
        Path gz = dir.resolve("maillog.2.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(lines(0, 3000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(all, all.length / 2));
        InputOutcome r = ingest(gz);
        assertNotNull(r.error());
        assertTrue(r.error().startsWith(gz + ": line "), r.error());
        assertTrue(r.error().contains("truncated"), r.error());
        assertTrue(r.counts().eventLines() > 100, "lines before the damage were read");
        assertEquals(0, r.counts().malformed(), "the cut line is read when the whole file arrives, not counted now");
        assertTrue(r.counts().balanced());
    }

    @Test
    void aSmallTruncatedGzipStillGivesTheLinesBeforeTheDamage() throws IOException {
        Path gz = dir.resolve("small.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(lines(0, 200).getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(all, all.length * 2 / 3));
        InputOutcome r = ingest(gz);
        assertNotNull(r.error(), "the damage is reported");
        assertTrue(r.counts().eventLines() > 20, "lines before the damage were read: " + r.counts());
        assertTrue(r.counts().balanced());
    }

    @Test
    void binaryJunkUnderAForcedFormatIsNeitherStoredNorRemembered() throws IOException {
        Path junk = dir.resolve("junk.log");
        byte[] bytes = new byte[20_000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        IngestConfig config = new IngestConfig(List.of(junk.toString()), dir.resolve("db.duckdb"), null, "postfix",
                ZoneOffset.UTC, 2026, List.of());
        try (EventStore store = EventStore.open(dir.resolve("db.duckdb"))) {
            InputOutcome r = new Ingestion(config, new Classifier(EMPTY), store).ingest(new Input("junk.log", junk));
            assertEquals("failed", r.status());
            assertTrue(r.error().startsWith("junk.log: ") && r.error().contains("lines are not postfix"), r.error());
            assertEquals(List.of(), store.ledger(), "not remembered: a run with the right format reads it");
        }
    }

    @Test
    void anUnknownFormatIsAClearErrorNamingTheFile() throws IOException {
        Path other = dir.resolve("notes.txt");
        Files.writeString(other, "shopping list\nmilk\n");
        InputOutcome r = ingest(other);
        assertEquals("failed", r.status());
        assertTrue(r.error().startsWith(other + ": cannot tell the format"), r.error());
    }
}

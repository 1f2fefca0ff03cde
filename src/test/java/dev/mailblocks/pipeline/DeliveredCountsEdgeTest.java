package dev.mailblocks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.source.Input;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Held delivered results against the every-row reference, where Java and DuckDB or the order of runs could part them. */
class DeliveredCountsEdgeTest {

    @TempDir
    Path dir;

    private static final Classifier CLASSIFIER = new Classifier(CatalogueLoader.load(null));

    private static final String LOG = """
            Dec 30 08:00:00 out1 postfix/qmgr[2211]: 4E5CC68A01: from=<news@İSTANBUL.example>, size=4080, nrcpt=2 (queue active)
            Dec 30 08:00:01 out1 postfix/smtp[4401]: 4E5CC68A01: to=<ann@x.example>, relay=mx.x.example[192.0.2.25]:25, delay=1.2, delays=0.2/0.02/0.37/0.64, dsn=2.0.0, status=sent (250 2.0.0 OK queued as 77 [192.0.2.9])
            Dec 30 08:00:02 out1 postfix/smtp[4401]: 4E5CC68A01: to=<bob@y.example>, relay=mx.y.example[192.0.2.26]:25, delay=1.2, delays=0.2/0.02/0.37/0.64, dsn=5.1.1, status=bounced (host mx.y.example[192.0.2.26] said: 550 5.1.1 <bob@y.example>: Recipient address rejected: User unknown (in reply to RCPT TO command))
            """;

    private String bySenderDomain(Path db, boolean everyRow) {
        Path log = dir.resolve("mail.log");
        try (EventStore store = everyRow ? EventStore.open(db).keepEveryRow() : EventStore.open(db)) {
            IngestConfig config = new IngestConfig(List.of(log.toString()), db, null, "auto", ZoneOffset.UTC, 2026, List.of());
            assertEquals("read", new Ingestion(config, CLASSIFIER, store).ingest(new Input(log.toString(), log)).status());
            store.foldDelivered();
        }
        try (EventStore store = EventStore.open(db)) {
            return String.valueOf(store.queries().bySenderDomain(ReportFilter.all()));
        }
    }

    @Test
    void aNonAsciiSenderDomainIsOneRowAsInWriteThenFold() throws Exception {
        Files.writeString(dir.resolve("mail.log"), LOG);
        assertEquals(bySenderDomain(dir.resolve("old.duckdb"), true), bySenderDomain(dir.resolve("new.duckdb"), false));
    }

    private static String line(String time, String qid, String rcpt, boolean sent) {
        String dsn = sent ? "2.0.0, status=sent (250 2.0.0 OK queued as 77 [192.0.2.9])"
                : "5.1.1, status=bounced (host mx.y.example[192.0.2.26] said: 550 5.1.1 <" + rcpt
                        + ">: Recipient address rejected: User unknown (in reply to RCPT TO command))";
        return "Dec " + time + " out1 postfix/qmgr[2211]: " + qid + ": from=<news@example.com>, size=4080, nrcpt=1 (queue active)\n"
                + "Dec " + time + " out1 postfix/smtp[4401]: " + qid + ": to=<" + rcpt
                + ">, relay=mx.y.example[192.0.2.26]:25, delay=1.2, delays=0.2/0.02/0.37/0.64, dsn=" + dsn + "\n";
    }

    private void run(Path db, boolean everyRow, String file) {
        Path log = dir.resolve(file);
        try (EventStore store = everyRow ? EventStore.open(db).keepEveryRow() : EventStore.open(db)) {
            IngestConfig config = new IngestConfig(List.of(log.toString()), db, null, "auto", ZoneOffset.UTC, 2026, List.of());
            assertEquals("read", new Ingestion(config, CLASSIFIER, store).ingest(new Input(log.toString(), log)).status());
            store.foldDelivered();
        }
    }

    private static String suppressions(Path db) {
        try (EventStore store = EventStore.open(db)) {
            return String.valueOf(store.queries().suppressions(new ReportFilter(java.time.Instant.parse("2026-12-30T00:00:00Z"),
                    java.time.Instant.parse("2026-12-30T15:00:00Z"), null, null, null, false),
                    dev.mailblocks.report.SuppressionList.CATEGORIES.stream().map(dev.mailblocks.model.Category::id).toList()));
        }
    }

    /**
     * Run 1: bob delivered at 10:00, bounced at 20:00 (write-then-fold keeps the delivery: a failure
     * is stored; held counts it: it is before the first failure). Run 2 reads an older log: bob
     * bounced at 05:00. A report until 15:00 then differs: bob delivered after his bounce, or not.
     */
    @Test
    void aWindowedSuppressionListIsTheWriteThenFoldOne() throws Exception {
        Files.writeString(dir.resolve("newer.log"), line("30 10:00:01", "4E5CC68A01", "bob@y.example", true)
                + line("30 20:00:01", "4E5CC68A02", "bob@y.example", false));
        Files.writeString(dir.resolve("older.log"), line("30 05:00:01", "4E5CC68A03", "bob@y.example", false));
        Path old = dir.resolve("old.duckdb");
        Path held = dir.resolve("held.duckdb");
        for (String f : List.of("newer.log", "older.log")) {
            run(old, true, f);
            run(held, false, f);
        }
        assertEquals(suppressions(old), suppressions(held));
    }
}

package dev.mailblocks.bench;

import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Diagnostic;
import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.postfix.PostfixLogParser;
import dev.mailblocks.pipeline.IngestConfig;
import dev.mailblocks.pipeline.Ingestion;
import dev.mailblocks.pipeline.InputOutcome;
import dev.mailblocks.source.Input;
import dev.mailblocks.store.EventStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measures parsing, classification (with and without the template cache) and a full ingest into
 * DuckDB on a generated Postfix log of N refusal lines. Run with {@code src/test/scripts/bench.sh [N]}; not a
 * unit test, so that the test suite stays fast.
 */
public final class PipelineBenchmark {

    private static final String[] REPLIES = {
        "host gmail-smtp-in.l.google.com[%IP%] said: 550-5.7.1 [%OURIP%] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. %ID% - gsmtp (in reply to end of DATA command)",
        "host gmail-smtp-in.l.google.com[%IP%] said: 421-4.7.28 [%OURIP%      15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. %ID% - gsmtp (in reply to end of DATA command)",
        "host %MX%.mail.protection.outlook.com[%IP%] said: 550 5.7.1 Unfortunately, messages from [%OURIP%] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). [%ID%.prod.outlook.com] (in reply to MAIL FROM command)",
        "host mta5.am0.yahoodns.net[%IP%] said: 421 4.7.0 [TSS04] Messages from %OURIP% temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)",
        "host mx.%DOMAIN%[%IP%] said: 550 5.1.1 <%RCPT%>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)",
        "host mx.%DOMAIN%[%IP%] said: 554 5.7.1 Service unavailable; Client host [%OURIP%] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/%OURIP% (in reply to RCPT TO command)",
        "host mx.%DOMAIN%[%IP%] said: 452 4.2.2 <%RCPT%>: Mailbox full (in reply to RCPT TO command)",
        "connect to mx.%DOMAIN%[%IP%]:25: Connection timed out",
        "host mx1.comcast.net[%IP%] said: 554 resimta-po-%N%.sys.comcast.net comcast %OURIP% found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000010 (in reply to initial connection)",
        "host mx.%DOMAIN%[%IP%] said: 550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy (in reply to end of DATA command)",
    };

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("mailblocks-bench");
        Path log = dir.resolve("maillog");
        long t0 = System.nanoTime();
        generate(log, n);
        System.out.printf("generated %,d lines (%,d MB) in %.1f s%n", n, Files.size(log) >> 20, secs(t0));

        Classifier classifier = new Classifier(new CatalogueLoader().loadAll(null));
        List<DeliveryEvent> sample = new ArrayList<>();

        // 1. parse only
        long[] events = {0};
        t0 = System.nanoTime();
        try (Reader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            new PostfixLogParser().parse(r, ctx(), (first, count, result, text) -> {
                if (result instanceof LineResult.Parsed p) {
                    events[0] += p.events().size();
                    if (sample.size() < 20_000) {
                        sample.addAll(p.events());
                    }
                }
            });
        }
        double parse = secs(t0);
        System.out.printf("parse only:              %6.2f s  %,9.0f lines/s  (%,d events)%n", parse, n / parse, events[0]);

        // 2. parse and classify through the template cache, as the pipeline does
        t0 = System.nanoTime();
        try (Reader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            new PostfixLogParser().parse(r, ctx(), (first, count, result, text) -> {
                if (result instanceof LineResult.Parsed p) {
                    for (DeliveryEvent e : p.events()) {
                        if (e.outcome() != Outcome.DELIVERED) {
                            classifier.classify(Diagnostic.of(e));
                        }
                    }
                }
            });
        }
        double both = secs(t0);
        double classify = Math.max(both - parse, 0);
        System.out.printf("parse + classify:        %6.2f s  -> classification %.2f s = %.0f%% of parsing time%n",
                both, classify, 100 * classify / parse);
        System.out.printf("template cache:          %,d hits, %,d misses (catalogue runs)%n",
                classifier.cacheHits(), classifier.cacheMisses());

        // 3. the same classification without the cache, on a sample, to show what the cache saves
        t0 = System.nanoTime();
        for (DeliveryEvent e : sample) {
            classifier.explain(Diagnostic.of(e));
        }
        double uncached = secs(t0) / sample.size();
        System.out.printf("uncached classification: %6.1f us per event (%,d events sampled) -> %.1f s for all %,d%n",
                uncached * 1e6, sample.size(), uncached * events[0], events[0]);

        // 4. the whole ingest into DuckDB
        Path db = dir.resolve("bench.duckdb");
        t0 = System.nanoTime();
        try (EventStore store = EventStore.open(db)) {
            IngestConfig config = new IngestConfig(List.of(log.toString()), db, null, "postfix", ZoneOffset.UTC, 2026, List.of());
            InputOutcome o = new Ingestion(config, new Classifier(classifier.catalogue()), store)
                    .ingest(new Input(log.toString(), log));
            double ingest = secs(t0);
            System.out.printf("ingest into DuckDB:      %6.2f s  %,9.0f lines/s  (%,d events stored, DB %,d MB)%n",
                    ingest, n / ingest, o.counts().events(), Files.size(db) >> 20);
        }
        long oldGenPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().matches(".*(Old|Tenured).*")) {
                oldGenPeak = Math.max(oldGenPeak, pool.getPeakUsage().getUsed());
            }
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("memory:                  heap capped at %,d MB; old generation peak %,d MB;"
                + " %,d MB in use after the run%n", rt.maxMemory() >> 20, oldGenPeak >> 20,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        for (Path p : List.of(db, log)) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir.resolve("bench.duckdb.wal"));
        Files.deleteIfExists(dir);
    }

    private static ParseContext ctx() {
        return new ParseContext("bench", 1, ZoneOffset.UTC, Instant.parse("2027-01-01T00:00:00Z"));
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A log of refusals with realistic variety: 400 domains, random IPs, ids and recipients. */
    private static void generate(Path log, int n) throws IOException {
        Random rnd = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                String domain = "example" + rnd.nextInt(400) + ".net";
                String rcpt = "user" + rnd.nextInt(100_000) + "@" + domain;
                String reply = REPLIES[rnd.nextInt(REPLIES.length)]
                        .replace("%IP%", "203.0.113." + rnd.nextInt(255))
                        .replace("%OURIP%", "198.51.100." + rnd.nextInt(8))
                        .replace("%ID%", Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36) + "si" + rnd.nextInt(99999))
                        .replace("%MX%", domain.replace('.', '-'))
                        .replace("%DOMAIN%", domain)
                        .replace("%RCPT%", rcpt)
                        .replace("%N%", Integer.toString(rnd.nextInt(20)));
                String status = reply.contains(" 4") || reply.contains("timed out") ? "deferred" : "bounced";
                int sec = i % 86_400;
                w.write(String.format("Dec %2d %02d:%02d:%02d mx1 postfix/smtp[%d]: %010X: to=<%s>, relay=mx.%s[203.0.113.9]:25,"
                        + " delay=1.1, delays=0.1/0/0.5/0.5, dsn=%s, status=%s (%s)%n", 1 + i / 86_400 % 28, sec / 3600,
                        sec / 60 % 60, sec % 60, 1000 + i % 5000, i, rcpt, domain,
                        status.equals("deferred") ? "4.7.0" : "5.7.1", status, reply));
            }
        }
    }
}

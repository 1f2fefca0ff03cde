package dev.mailblocks.jmh;

import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Diagnostic;
import dev.mailblocks.classify.TemplateNormaliser;
import dev.mailblocks.model.Classification;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.ParseSink;
import dev.mailblocks.parse.exim.EximLogParser;
import dev.mailblocks.parse.postfix.PostfixLogParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The inner parts of parsing and classification, one line or one diagnostic per operation: line
 * typing (lines that are not results, counted as ignored), field scanning (result lines read into
 * events), template normalisation and the template cache (a hit, and a miss that runs the catalogue).
 * Run with {@code src/test/scripts/jmh.sh}; figures are nanoseconds per line or per diagnostic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ParseBenchmarks {

    static final int LINES = 10_000;

    private static final ParseContext CONTEXT =
            new ParseContext("jmh", 1, ZoneOffset.UTC, Instant.parse("2027-01-01T00:00:00Z"));

    /** Postfix lines that are not results: what most of a real log is. */
    private static final String[] POSTFIX_NOISE = {
        "Dec %2d %s mx1 postfix/smtpd[%d]: connect from unknown[198.51.100.%d]",
        "Dec %2d %s mx1 postfix/smtpd[%d]: disconnect from unknown[198.51.100.%d] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5",
        "Dec %2d %s mx1 postfix/smtpd[%d]: %s: client=unknown[198.51.100.%d]",
        "Dec %2d %s mx1 postfix/cleanup[%d]: %s: message-id=<%d.abc@ours.example>",
        "Dec %2d %s mx1 postfix/qmgr[%d]: %s: from=<news%d@ours.example>, size=12345, nrcpt=1 (queue active)",
        "Dec %2d %s mx1 postfix/qmgr[%d]: %s: removed",
        "Dec %2d %s mx1 postfix/anvil[%d]: statistics: max connection rate 1/60s for (smtp:198.51.100.%d)",
    };

    /** Postfix result lines: a refusal, a deferral, a delivery. */
    private static final String[] POSTFIX_RESULTS = {
        "Dec %2d %s mx1 postfix/smtp[%d]: %s: to=<user%d@example.net>, relay=mx.example.net[203.0.113.9]:25, delay=1.1,"
                + " delays=0.1/0/0.5/0.5, dsn=5.7.1, status=bounced (host mx.example.net[203.0.113.9] said: 550 5.7.1"
                + " Service unavailable; Client host [198.51.100.4] blocked using zen.spamhaus.org (in reply to RCPT TO command))",
        "Dec %2d %s mx1 postfix/smtp[%d]: %s: to=<user%d@yahoo.com>, relay=mta5.am0.yahoodns.net[67.195.204.72]:25,"
                + " delay=2.3, delays=0.1/0/1/1.2, dsn=4.7.0, status=deferred (host mta5.am0.yahoodns.net[67.195.204.72]"
                + " said: 421 4.7.0 [TSS04] Messages from 198.51.100.4 temporarily deferred due to unexpected volume or"
                + " user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command))",
        "Dec %2d %s mx1 postfix/smtp[%d]: %s: to=<user%d@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.27.26]:25,"
                + " delay=0.9, delays=0.1/0/0.3/0.5, dsn=2.0.0, status=sent (250 2.0.0 OK  1733050000 a1si123456wrx.45 - gsmtp)",
    };

    private static final String[] EXIM_NOISE = {
        "2026-12-%02d %s 1tAbCd-000%03d-%02d <= news@ours.example H=localhost [127.0.0.1] P=esmtp S=%d id=%d@ours.example",
        "2026-12-%02d %s 1tAbCd-000%03d-%02d Completed",
        "2026-12-%02d %s SMTP connection from [198.51.100.%d]:%d (TCP/IP connection count = 1)",
    };

    private static final String[] EXIM_RESULTS = {
        "2026-12-%02d %s 1tAbCd-000%03d-%02d ** user%d@example.net R=dnslookup T=remote_smtp H=mx.example.net [203.0.113.9]:"
                + " SMTP error from remote mail server after RCPT TO:<user@example.net>: 550 5.1.1 User unknown",
        "2026-12-%02d %s 1tAbCd-000%03d-%02d => user%d@gmail.com R=dnslookup T=remote_smtp H=gmail-smtp-in.l.google.com"
                + " [142.250.27.26] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 OK 1733050000 a1si1 - gsmtp\"",
    };

    private byte[] postfixNoise;
    private byte[] postfixResults;
    private byte[] eximNoise;
    private byte[] eximResults;

    private Classifier classifier;
    private Diagnostic[] diagnostics;
    private long missCounter;

    private static final String[] REPLIES = {
        "host mx.example%d.net[203.0.113.%d] said: 550 5.1.1 <user%d@example.net>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)",
        "host gmail-smtp-in.l.google.com[142.250.27.%d] said: 550-5.7.1 [198.51.100.%d] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. %d7a8b9c0d1e2 - gsmtp (in reply to end of DATA command)",
        "host mta5.am0.yahoodns.net[67.195.204.%d] said: 421 4.7.0 [TSS04] Messages from 198.51.100.%d temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (%d)",
        "connect to mx.example%d.net[203.0.113.%d]:25: Connection timed out %d",
    };

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(1);
        postfixNoise = log(rnd, POSTFIX_NOISE, false);
        postfixResults = log(rnd, POSTFIX_RESULTS, false);
        eximNoise = log(rnd, EXIM_NOISE, true);
        eximResults = log(rnd, EXIM_RESULTS, true);
        classifier = new Classifier(new CatalogueLoader().loadAll(null));
        diagnostics = new Diagnostic[1024];
        for (int i = 0; i < diagnostics.length; i++) {
            String text = String.format(REPLIES[i % REPLIES.length], rnd.nextInt(400), rnd.nextInt(255), rnd.nextInt(100_000));
            diagnostics[i] = Diagnostic.fromText(text, null, null, null, "mx.example.net", Outcome.BOUNCED);
            classifier.classify(diagnostics[i]); // warm the cache: the benchmark measures hits
        }
    }

    private static byte[] log(Random rnd, String[] shapes, boolean exim) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            String shape = shapes[i % shapes.length];
            String clock = String.format("%02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60);
            int day = 1 + i / 86_400;
            Object[] args = exim
                    ? new Object[] {day, clock, rnd.nextInt(1000), rnd.nextInt(100), rnd.nextInt(100_000), rnd.nextInt(100_000)}
                    : shape.contains("%s:") ? new Object[] {day, clock, 1000 + rnd.nextInt(9000),
                        String.format("%010X", rnd.nextLong() & 0xFFFFFFFFFFL), rnd.nextInt(100_000)}
                    : new Object[] {day, clock, 1000 + rnd.nextInt(9000), rnd.nextInt(255)};
            sb.append(String.format(shape, args)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long parse(InputFormat format, byte[] log, Blackhole bh) throws IOException {
        long[] events = {0};
        ParseSink sink = (first, count, result, text) -> {
            if (result instanceof LineResult.Parsed p) {
                events[0] += p.events().size();
                bh.consume(p);
            } else {
                bh.consume(result);
            }
        };
        format.parse(new ByteArrayInputStream(log), CONTEXT, sink);
        return events[0];
    }

    /** Line typing: Postfix lines that are not results (connect, cleanup, qmgr, removed...), per line. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long postfixLineTyping(Blackhole bh) throws IOException {
        return parse(new PostfixLogParser(), postfixNoise, bh);
    }

    /** Field scanning: Postfix result lines (bounced, deferred, sent) read into events, per line. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long postfixResultFields(Blackhole bh) throws IOException {
        return parse(new PostfixLogParser(), postfixResults, bh);
    }

    /** Line typing: Exim lines that are not results (arrivals, Completed, connections), per line. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long eximLineTyping(Blackhole bh) throws IOException {
        return parse(new EximLogParser(), eximNoise, bh);
    }

    /** Field scanning: Exim result lines ({@code **}, {@code =>}), per line. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long eximResultFields(Blackhole bh) throws IOException {
        return parse(new EximLogParser(), eximResults, bh);
    }

    /** Template normalisation of a refusal text, per text. */
    @Benchmark
    @OperationsPerInvocation(1024)
    public void templateNormalise(Blackhole bh) {
        for (Diagnostic d : diagnostics) {
            bh.consume(TemplateNormaliser.normalise(d.text()));
        }
    }

    /** The template cache, hit: a refusal whose template was seen before (normalisation included), per diagnostic. */
    @Benchmark
    @OperationsPerInvocation(1024)
    public void templateCacheHit(Blackhole bh) {
        for (Diagnostic d : diagnostics) {
            bh.consume(classifier.classify(d));
        }
    }

    /** The template cache, miss: a template never seen, so the catalogue runs, per diagnostic. */
    @Benchmark
    public Classification templateCacheMiss() {
        long n = missCounter++;
        StringBuilder word = new StringBuilder("q");
        do {
            word.append((char) ('a' + n % 26)); // letters only: the word survives normalisation, so the template is new
            n /= 26;
        } while (n > 0);
        Diagnostic d = diagnostics[(int) (missCounter % diagnostics.length)];
        return classifier.classify(new Diagnostic(d.text() + " " + word, d.reply(), d.enhanced(), d.phase(), d.host(),
                d.outcome()));
    }
}

package dev.mailblocks.jmh;

import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Diagnostic;
import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.parse.Formats;
import dev.mailblocks.parse.esp.EspProfiles;
import dev.mailblocks.parse.esp.LegacyEspExportParser;
import dev.mailblocks.parse.exchange.LegacyExchangeTrackingLogParser;
import dev.mailblocks.parse.exim.LegacyEximLogParser;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Parse, then parse and classify with a fresh classifier (so every template not seen before is a
 * cache miss, as in a real run), of one generated log (from {@code bench.sh}, under
 * {@code target/bench/logs/}), in CPU time of the thread, three passes (the first one pays the JIT
 * warm-up). Says how many cache misses and how long they took. Run with
 * {@code src/test/scripts/parse-speed.sh FORMAT FILE}, e.g.
 * {@code postfix target/bench/logs/postfix-1000000/maillog}. {@code legacy-exim}, {@code legacy-exchange} and
 * {@code legacy-esp} time the parsers as they were before their byte paths (kept in tests).
 */
public final class GeneratedLogSpeed {

    private GeneratedLogSpeed() {
    }

    public static void main(String[] args) throws IOException {
        InputFormat format = switch (args[0]) {
            // the parsers as they were before their byte paths, for before/after figures in the same run
            case "legacy-exim" -> new LegacyEximLogParser();
            case "legacy-exchange" -> new LegacyExchangeTrackingLogParser();
            case "legacy-esp" -> new LegacyEspExportParser(EspProfiles.builtIn());
            default -> Formats.builtIn().byId(args[0]).orElseThrow();
        };
        Path file = Path.of(args[1]);
        var catalogue = new CatalogueLoader().loadAll(null);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int pass = 1; pass <= 3; pass++) {
            for (boolean classify : new boolean[] {false, true}) {
                Classifier classifier = new Classifier(catalogue);
                long[] n = new long[3]; // lines, events, nanoseconds in cache misses
                long c0 = mx.getCurrentThreadCpuTime();
                try (InputStream in = Files.newInputStream(file)) {
                    format.parse(in, new ParseContext(file.toString(), 1, ZoneOffset.UTC,
                            Instant.parse("2027-06-01T00:00:00Z")), (first, count, result, text) -> {
                                n[0] += count;
                                if (result instanceof LineResult.Parsed p) {
                                    for (DeliveryEvent e : p.events()) {
                                        n[1]++;
                                        if (classify && e.outcome() != Outcome.DELIVERED) {
                                            long misses = classifier.cacheMisses();
                                            long t = System.nanoTime();
                                            classifier.classify(Diagnostic.of(e));
                                            if (classifier.cacheMisses() > misses) {
                                                n[2] += System.nanoTime() - t;
                                            }
                                        }
                                    }
                                }
                            });
                }
                double s = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                System.out.printf("pass %d %-15s %,d lines, %,d events: %.2f s CPU, %,.0f lines/s%s%n", pass,
                        classify ? "parse+classify" : "parse", n[0], n[1], s, n[0] / s, classify
                                ? String.format(", %,d cache misses taking %.2f s", classifier.cacheMisses(), n[2] / 1e9)
                                : "");
            }
        }
    }
}

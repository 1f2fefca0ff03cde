package dev.mailblocks.jmh;

import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Diagnostic;
import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.parse.Formats;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Parse-only (and parse-and-classify) speed of each format on one core, measured in CPU time of the
 * parsing thread so that other load on a shared machine counts as little as possible: each bundled
 * sample log repeated in memory to about half a million lines, best of five passes. Run with
 * {@code src/test/scripts/parse-speed.sh}.
 */
public final class FormatSpeed {

    private FormatSpeed() {
    }

    public static void main(String[] args) throws IOException {
        Classifier classifier = new Classifier(new CatalogueLoader().loadAll(null));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%-10s %-32s %9s %14s %18s%n", "format", "sample (repeated)", "lines", "parse lines/s",
                "+classify lines/s");
        for (String[] f : List.of(new String[] {"postfix", "sample-logs/postfix/maillog"},
                new String[] {"exim", "sample-logs/exim/mainlog"},
                new String[] {"exchange", "sample-logs/exchange/MSGTRK20261231-1.LOG"},
                new String[] {"sendgrid", "sample-logs/esp/sendgrid-bounces.csv"})) {
            byte[] one = Files.readAllBytes(Path.of(f[1]));
            boolean csv = f[1].endsWith(".csv");
            int header = csv ? indexOf(one, (byte) '\n') + 1 : 0;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(one, 0, header);
            long perCopy = Math.max(1, count(one) - (csv ? 1 : 0));
            for (long copies = 0; copies * perCopy < 500_000; copies++) {
                out.write(one, header, one.length - header);
            }
            byte[] log = out.toByteArray();
            long lines = count(log);
            InputFormat format = Formats.builtIn().byId(f[0]).orElseThrow();
            double parse = Double.MAX_VALUE;
            double both = Double.MAX_VALUE;
            for (int pass = 0; pass < 10; pass++) {
                boolean classify = pass % 2 == 1;
                long c0 = mx.getCurrentThreadCpuTime();
                format.parse(new ByteArrayInputStream(log), new ParseContext("speed", 1, ZoneOffset.UTC,
                        Instant.parse("2027-06-01T00:00:00Z")), (first, count, result, text) -> {
                            if (classify && result instanceof LineResult.Parsed p) {
                                for (DeliveryEvent e : p.events()) {
                                    if (e.outcome() != Outcome.DELIVERED) {
                                        classifier.classify(Diagnostic.of(e));
                                    }
                                }
                            }
                        });
                double s = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                if (classify) {
                    both = Math.min(both, s);
                } else {
                    parse = Math.min(parse, s);
                }
            }
            System.out.printf("%-10s %-32s %,9d %,14.0f %,18.0f%n", f[0], Path.of(f[1]).getFileName(), lines,
                    lines / parse, lines / both);
        }
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static long count(byte[] b) {
        long n = 0;
        for (byte c : b) {
            if (c == '\n') {
                n++;
            }
        }
        return n;
    }
}

package dev.mailblocks.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import picocli.CommandLine;

/**
 * Runs the command line in-process with a fixed clock, capturing stdout and stderr. A {@code run}
 * gets {@code --no-dns} unless it names a resolver (the fixture server): no test asks the
 * network. The build sets {@code mailblocks.dns.loopback-only}, so a resolver that is not on
 * loopback fails the test instead of sending a query.
 */
final class CliRunner {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-05T06:00:00Z"), ZoneOffset.UTC);

    /** The outcome of one run. */
    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(CLOCK);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = Main.execute(cl, offline(args));
        return new Result(exit, out.toString(), err.toString());
    }

    /** The arguments of a {@code run} with {@code --no-dns} added unless DNS is named. */
    static String[] offline(String... args) {
        if (args.length == 0 || !args[0].equals("run")) {
            return args;
        }
        for (String a : args) {
            if (a.equals("--no-dns") || a.equals("--resolver") || a.startsWith("--resolver=")) {
                return args;
            }
        }
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = "--no-dns";
        return out;
    }

    private CliRunner() {
    }
}

package dev.mailblocks.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import picocli.CommandLine;

/** Runs the command line in-process with a fixed clock, capturing stdout and stderr. */
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
        int exit = Main.execute(cl, args);
        return new Result(exit, out.toString(), err.toString());
    }

    private CliRunner() {
    }
}

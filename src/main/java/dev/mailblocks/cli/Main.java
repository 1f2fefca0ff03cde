package dev.mailblocks.cli;

import java.time.Clock;
import picocli.CommandLine;

/** The entry point: the only place that calls {@code System.exit}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(Clock.systemUTC()).execute(args));
    }

    /** The configured command line; tests run it in-process with their own clock and writers. */
    public static CommandLine commandLine(Clock clock) {
        CommandLine cl = new CommandLine(new MailblocksCommand(clock));
        cl.setExitCodeExceptionMapper(new ExitCodes());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("mailblocks: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more.");
            return ExitCodes.USAGE;
        });
        return cl;
    }
}

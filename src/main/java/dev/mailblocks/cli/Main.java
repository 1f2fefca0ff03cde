package dev.mailblocks.cli;

import dev.mailblocks.pipeline.UsageException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/** The entry point: the only place that calls {@code System.exit}. */
public final class Main {

    private static final List<String> JOBS = List.of("run", "ingest", "report", "check");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(commandLine(Clock.systemUTC()), args));
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
        versionEverywhere(cl);
        return cl;
    }

    /** {@code -V} prints the version on every command, not only the top one. */
    private static void versionEverywhere(CommandLine cl) {
        cl.getCommandSpec().versionProvider(new VersionProvider());
        for (CommandLine sub : cl.getSubcommands().values()) {
            versionEverywhere(sub);
        }
    }

    /**
     * Runs the arguments; {@code --config FILE} (of run, ingest, report or check) is read first and gives
     * the default of every option the command line leaves out.
     */
    public static int execute(CommandLine cl, String... args) {
        Path config = configFile(args);
        if (config != null && args.length > 0 && JOBS.contains(args[0])) {
            try {
                ConfigFile file = ConfigFile.load(config, JOBS.stream()
                        .map(j -> cl.getSubcommands().get(j).getCommandSpec()).toList());
                cl.getSubcommands().get(args[0]).setDefaultValueProvider(file);
            } catch (UsageException e) {
                cl.getErr().println("mailblocks: " + e.getMessage());
                cl.getErr().flush();
                return ExitCodes.USAGE;
            }
        }
        return cl.execute(args);
    }

    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                return null;
            }
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}

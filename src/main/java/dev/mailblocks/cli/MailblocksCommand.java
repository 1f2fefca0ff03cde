package dev.mailblocks.cli;

import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: only sub-commands. */
@Command(name = "mailblocks", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Who is refusing our mail, why, since when, and what to do about it.",
        subcommands = {RunCommand.class, IngestCommand.class, ReportCommand.class, ExplainCommand.class,
            PatternsCommand.class, EscalateCommand.class, SuppressionsCommand.class, CheckCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 the run failed, 2 bad usage or unreadable input, 3 invalid catalogue,",
            "4 an alert threshold was crossed."})
public final class MailblocksCommand implements Runnable {

    final Clock clock;

    @Spec
    CommandSpec spec;

    MailblocksCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed: run, ingest, report, explain, patterns");
    }
}

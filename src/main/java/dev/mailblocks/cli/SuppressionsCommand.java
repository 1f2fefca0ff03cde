package dev.mailblocks.cli;

import dev.mailblocks.pipeline.EscalationJob;
import dev.mailblocks.pipeline.SuppressionJob;
import dev.mailblocks.store.EventStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Write the suppression list. */
@Command(name = "suppressions", mixinStandardHelpOptions = true,
        description = "Write suppressions.csv: addresses whose last failure was permanent and about the recipient.")
final class SuppressionsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--since", paramLabel = "WHEN", description = "start of the window: 2026-12-30, or 30d back from the newest event")
    String since;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (EventStore store = Jobs.existingStore(common.db)) {
            int n = SuppressionJob.write(store, out, EscalationJob.bound(store, since, "--since"), null);
            spec.commandLine().getOut().printf("%d addresses written to %s%n", n, out.resolve("suppressions.csv"));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}

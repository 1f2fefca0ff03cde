package dev.mailblocks.cli;

import dev.mailblocks.pipeline.EscalationJob;
import dev.mailblocks.pipeline.SuppressionJob;
import dev.mailblocks.store.EventStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Write the suppression list. */
@Command(name = "suppressions", mixinStandardHelpOptions = true,
        description = "Write suppressions.csv: addresses whose last failure was permanent and about the recipient.")
final class SuppressionsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    WindowOutputOptions window = new WindowOutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (EventStore store = Jobs.existingStore(common.db)) {
            int n = SuppressionJob.write(store, window.out, EscalationJob.bound(store, window.since, "--since"),
                    EscalationJob.bound(store, window.until, "--until"));
            spec.commandLine().getOut().printf("%d addresses written to %s%n", n, window.out.resolve("suppressions.csv"));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}

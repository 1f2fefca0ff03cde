package dev.mailblocks.cli;

import dev.mailblocks.pipeline.EscalationJob;
import dev.mailblocks.pipeline.UsageException;
import dev.mailblocks.report.PatternSuggestions;
import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.ReportFilter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Draft catalogue entries from the stored unclassified templates. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "Write patterns-suggested.yaml: draft entries for the most frequent unclassified templates.")
final class PatternsSuggestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    WindowOutputOptions window = new WindowOutputOptions();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "how many templates (default: ${DEFAULT-VALUE})")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UsageException("--limit " + limit + ": at least 1");
        }
        try (EventStore store = Jobs.existingStore(common.db)) {
            Path file = window.out.resolve("patterns-suggested.yaml");
            int n = PatternSuggestions.write(store.queries(),
                    new ReportFilter(EscalationJob.bound(store, window.since, "--since"),
                            EscalationJob.bound(store, window.until, "--until"), null, null, null), limit, file);
            spec.commandLine().getOut().printf("%d draft entries written to %s for review%n", n, file);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}

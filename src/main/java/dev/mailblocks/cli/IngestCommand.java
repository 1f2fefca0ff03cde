package dev.mailblocks.cli;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.store.EventStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Ingest only. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Ingest the inputs into the store only.")
final class IngestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files, folders, globs, or - for stdin (.gz too)")
    List<String> paths;

    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    InputOptions input = new InputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Catalogue catalogue = Jobs.catalogue(common.patterns);
        try (EventStore store = EventStore.open(common.db)) {
            boolean ok = Jobs.ingest(Jobs.ingestConfig(paths, common, input), catalogue, store,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
            return ok ? ExitCodes.OK : ExitCodes.USAGE;
        }
    }
}

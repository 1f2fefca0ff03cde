package dev.mailblocks.cli;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.store.EventStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The nightly job: ingest the inputs, then write the reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Ingest the inputs, then write the reports (the nightly job).")
final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files, folders, globs, or - for stdin (.gz too)")
    List<String> paths;

    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    InputOptions input = new InputOptions();
    @Mixin
    ReportOptions report = new ReportOptions();

    @ParentCommand
    MailblocksCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Catalogue catalogue = Jobs.catalogue(common.patterns);
        var reportConfig = Jobs.reportConfig(report, null, null, null);
        try (EventStore store = EventStore.open(common.db)) {
            boolean ok = Jobs.ingest(Jobs.ingestConfig(paths, common, input), catalogue, store,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
            int alert = Jobs.report(reportConfig, report, catalogue, store, parent.clock.instant(),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
            return ok ? alert : ExitCodes.USAGE;
        }
    }
}

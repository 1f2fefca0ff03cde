package dev.mailblocks.cli;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.pipeline.UsageException;
import dev.mailblocks.store.EventStore;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Write reports from what is stored. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the reports from what is stored (window with --since/--until).")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    ReportOptions report = new ReportOptions();

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "only this recipient domain (and its subdomains)")
    String domain;

    @Option(names = "--provider", paramLabel = "ID", description = "only this provider (google, microsoft...)")
    String provider;

    @Option(names = "--category", paramLabel = "ID", description = "only refusals of this category")
    String category;

    @ParentCommand
    MailblocksCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(common.db)) {
            throw new UsageException(common.db + ": no store yet; run 'mailblocks ingest' or 'mailblocks run' first");
        }
        if (category != null && dev.mailblocks.model.Category.byId(category).isEmpty()) {
            throw new UsageException("--category " + category + ": not a category id (see design.md)");
        }
        Catalogue catalogue = Jobs.catalogue(common.patterns);
        try (EventStore store = EventStore.open(common.db)) {
            return Jobs.report(Jobs.reportConfig(report, domain, provider, category), report, catalogue, store,
                    parent.clock.instant(), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}

package dev.mailblocks.cli;

import dev.mailblocks.pipeline.EscalationConfig;
import dev.mailblocks.pipeline.EscalationJob;
import dev.mailblocks.report.EscalationBrief;
import dev.mailblocks.store.EventStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Write the escalation brief of one domain. */
@Command(name = "escalate", mixinStandardHelpOptions = true,
        description = "Write escalation-DOMAIN.md and .html: the evidence of a domain's refusals and a draft request.")
final class EscalateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(paramLabel = "DOMAIN", description = "the recipient domain")
    String domain;

    @Mixin
    WindowOutputOptions window = new WindowOutputOptions();

    @Option(names = "--no-redact", negatable = false, description = "show recipient addresses (they are redacted by default)")
    boolean noRedact;

    @ParentCommand
    MailblocksCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (EventStore store = Jobs.existingStore(common.db)) {
            EscalationConfig config = new EscalationConfig(window.out, domain,
                    EscalationJob.bound(store, window.since, "--since"), EscalationJob.bound(store, window.until, "--until"),
                    !noRedact);
            EscalationBrief b = EscalationJob.write(store, Jobs.catalogue(common.patterns), config,
                    parent.clock.instant());
            spec.commandLine().getOut().printf("%s: %s; brief written to %s%n", b.domain(), b.status(),
                    window.out.resolve(EscalationBrief.fileName(b.domain()) + ".md"));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}

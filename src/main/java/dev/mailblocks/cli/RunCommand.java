package dev.mailblocks.cli;

import dev.mailblocks.pipeline.AlertConfig;
import dev.mailblocks.pipeline.RunConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The nightly job: ingest the inputs, then write the reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Ingest the inputs, then write the reports (the nightly job).")
final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "files, folders, globs, or - for stdin (.gz too); default: inputs: of --config")
    List<String> paths;

    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    JobOptions job = new JobOptions();
    @Mixin
    InputOptions input = new InputOptions();
    @Mixin
    ReportOptions report = new ReportOptions();
    @Mixin
    DnsOptions dns = new DnsOptions();

    @Option(names = "--alert-new-blocks", negatable = true,
            description = "exit 4 and print each domain that blocks us now and did not at the previous run")
    boolean alertNewBlocks;

    @ParentCommand
    MailblocksCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunConfig config = new RunConfig(common.db, common.patterns, job.lockWait,
                Jobs.ingestConfig(Jobs.paths(paths, spec), common, input), Jobs.reportConfig(report, null, null, null),
                new AlertConfig(report.alertBlockRate, report.alertMinResults, alertNewBlocks), job.keep, dns.config(true));
        return Jobs.run(config, job, parent.clock, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}

package dev.mailblocks.cli;

import dev.mailblocks.pipeline.AlertConfig;
import dev.mailblocks.pipeline.RunConfig;
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
    JobOptions job = new JobOptions();
    @Mixin
    ReportOptions report = new ReportOptions();

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "only this recipient domain (and its subdomains)")
    String domain;

    @Option(names = "--provider", paramLabel = "ID", description = "only this provider (google, microsoft...)")
    String provider;

    @Option(names = "--category", paramLabel = "ID", description = "only refusals of this category")
    String category;

    @Option(names = "--parquet", paramLabel = "DIR", description = "report from the Parquet tables the Spark job"
            + " wrote (README \"Running on Apache Spark\") instead of the --db store")
    java.nio.file.Path parquet;

    @ParentCommand
    MailblocksCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (parquet != null) {
            return ParquetReport.write(parquet, common.patterns, Jobs.reportConfig(report, domain, provider, category),
                    parent.clock, spec.commandLine().getOut());
        }
        RunConfig config = new RunConfig(common.db, common.patterns, job.lockWait, null,
                Jobs.reportConfig(report, domain, provider, category),
                new AlertConfig(report.alertBlockRate, report.alertMinResults, false), job.keep);
        Jobs.requireStore(common.db);
        return Jobs.run(config, job, parent.clock, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}

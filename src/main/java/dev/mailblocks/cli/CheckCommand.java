package dev.mailblocks.cli;

import dev.mailblocks.check.SendingChecks;
import dev.mailblocks.pipeline.CheckJob;
import dev.mailblocks.pipeline.UsageException;
import dev.mailblocks.report.SendingChecksCsv;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What the DNS says about our sending IPs and domains: blocklists, SPF, DMARC, DKIM, reverse DNS. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check our sending IPs and sender domains in DNS: blocklists, SPF, DMARC, DKIM, reverse DNS.",
            "Subjects: the IPs quoted in policy refusals of the window, the sender domains of those refusals,",
            "and --sending-ips / --sender-domains. Writes sending-checks.csv into --out and prints a summary."})
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "FILE", description = "DuckDB file (default: ${DEFAULT-VALUE})",
            defaultValue = "reports/mailblocks.duckdb")
    Path db;

    @Option(names = "--config", paramLabel = "FILE.yaml",
            description = "read options from a YAML file (the nightly one: resolver, dnsbls, dkim-selectors...)")
    Path config;

    @Option(names = {"-q", "--quiet"}, description = "print only errors")
    boolean quiet;

    @Option(names = "--debug", description = "print stack traces with errors")
    boolean debug;

    @Mixin
    WindowOutputOptions window = new WindowOutputOptions();
    @Mixin
    DnsOptions dns = new DnsOptions();

    @ParentCommand
    MailblocksCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (dns.noDns) {
            throw new UsageException("check --no-dns: nothing to do (--no-dns is for run)");
        }
        var config = dns.config(false);
        Jobs.requireStore(db);
        SendingChecks.Summary s = CheckJob.check(db, config, window.out, window.since, window.until,
                parent.clock.instant());
        if (!quiet) {
            CheckSummary.print(s, spec.commandLine().getOut());
            spec.commandLine().getOut().printf("written: %s%n", window.out.resolve(SendingChecksCsv.FILE));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}

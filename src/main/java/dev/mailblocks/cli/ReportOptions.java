package dev.mailblocks.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options for writing reports. */
final class ReportOptions {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
            description = "report folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--format", paramLabel = "FMT", split = ",", defaultValue = "html,csv",
            description = "report formats: html, csv, json (default: ${DEFAULT-VALUE})")
    List<String> formats;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "start of the window: 2026-12-30, 2026-12-30T10:00:00Z, or 7d / 12h back from the newest event")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "end of the window (exclusive), same forms as --since")
    String until;

    @Option(names = "--redact", negatable = true,
            description = "replace the local part of e-mail addresses in reports by a keyed hash (anon-5c1f0e9a2b7d@example.org)")
    boolean redact;

    @Option(names = "--alert-block-rate", paramLabel = "RATE",
            description = "exit 4 when a domain's block rate reaches RATE (0..1), for cron mail or monitoring")
    Double alertBlockRate;

    @Option(names = "--alert-min-results", paramLabel = "N", defaultValue = "20",
            description = "only domains with at least N outbound results can alert (default: ${DEFAULT-VALUE})")
    long alertMinResults;
}

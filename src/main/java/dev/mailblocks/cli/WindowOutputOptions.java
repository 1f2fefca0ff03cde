package dev.mailblocks.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command that reads the store writes, and the window it reads: {@code --out}, {@code --since}, {@code --until}. */
final class WindowOutputOptions {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--since", paramLabel = "WHEN", description = "start of the window: 2026-12-30, or 30d back from the newest event")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "end of the window (exclusive), same forms as --since")
    String until;
}

package dev.mailblocks.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: the store, a site catalogue, debugging. */
final class CommonOptions {

    @Option(names = "--db", paramLabel = "FILE", description = "DuckDB file (default: ${DEFAULT-VALUE})",
            defaultValue = "reports/mailblocks.duckdb")
    Path db;

    @Option(names = "--patterns", paramLabel = "DIR",
            description = "a site's own catalogue folder, on top of the bundled one (same id replaces)")
    Path patterns;

    @Option(names = "--debug", description = "print stack traces with errors")
    boolean debug;
}

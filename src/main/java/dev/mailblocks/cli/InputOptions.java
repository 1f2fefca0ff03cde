package dev.mailblocks.cli;

import java.time.ZoneId;
import picocli.CommandLine.Option;

/** Options for reading inputs. */
final class InputOptions {

    @Option(names = "--input-format", paramLabel = "ID", defaultValue = "auto",
            description = "input format: auto (detect per file) or a format id (default: ${DEFAULT-VALUE})")
    String inputFormat;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "zone of syslog timestamps without offset (default: the system zone)")
    ZoneId zone;

    @Option(names = "--year", paramLabel = "YEAR",
            description = "year of the first line of syslog files without years (default: from the file's modification time)")
    Integer year;
}

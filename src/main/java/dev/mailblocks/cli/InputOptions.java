package dev.mailblocks.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options for reading inputs. */
final class InputOptions {

    @Option(names = "--input-format", paramLabel = "ID", defaultValue = "auto",
            description = "input format: auto (detect per file), a format id, or an ESP profile id such as sendgrid"
                    + " (default: ${DEFAULT-VALUE})")
    String inputFormat;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "zone of syslog timestamps without offset (default: the system zone)")
    ZoneId zone;

    @Option(names = "--year", paramLabel = "YEAR",
            description = "year of the first line of syslog files without years (default: from the file's modification time)")
    Integer year;

    @Option(names = "--esp-profile", paramLabel = "FILE", split = ",",
            description = "an ESP export profile (YAML) on top of the built-in ones; repeatable")
    List<Path> espProfiles = new ArrayList<>();

    @Option(names = "--stdin-name", paramLabel = "NAME",
            description = "read standard input (-) as a file called NAME, remembered by content like a file,"
                    + " so that the same piped data is not stored twice")
    String stdinName;
}

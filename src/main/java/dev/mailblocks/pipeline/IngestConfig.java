package dev.mailblocks.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything an ingest run needs, built once by the command line.
 *
 * @param inputFormat a format id, or {@code auto}
 * @param year the year of the first syslog line when timestamps carry none; null to take it from
 *     the file's modification time
 * @param patterns a site catalogue folder on top of the bundled one, or null
 * @param espProfiles the user's ESP export profile files ({@code --esp-profile}), on top of the
 *     built-in ones
 * @param stdinName the name under which standard input is read and remembered by content
 *     ({@code --stdin-name}), or null to read it unremembered as {@code -}
 */
public record IngestConfig(List<String> paths, Path db, Path patterns, String inputFormat, ZoneId zone,
        Integer year, List<Path> espProfiles, String stdinName) {

    /** Without a name for standard input. */
    public IngestConfig(List<String> paths, Path db, Path patterns, String inputFormat, ZoneId zone,
            Integer year, List<Path> espProfiles) {
        this(paths, db, patterns, inputFormat, zone, year, espProfiles, null);
    }

    public IngestConfig {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new UsageException("no input: name files, folders or globs (or inputs: in --config)");
        }
        if (year != null && (year < 1970 || year > 9999)) {
            throw new UsageException("--year " + year + ": a year such as 2026");
        }
        if (stdinName != null && (stdinName.isBlank() || stdinName.equals("-"))) {
            throw new UsageException("--stdin-name: a name such as mail.log");
        }
        if (stdinName != null && !paths.contains("-")) {
            throw new UsageException("--stdin-name " + stdinName + ": standard input (-) is not among the inputs");
        }

        espProfiles = espProfiles == null ? List.of() : List.copyOf(espProfiles);
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(inputFormat, "inputFormat");
        Objects.requireNonNull(zone, "zone");
    }

    /** The instant before which a file's first syslog line must lie, for year inference. */
    public Instant yearReference(Instant modified) {
        if (year == null) {
            return modified;
        }
        return java.time.LocalDateTime.of(year, 12, 31, 23, 59, 59).atZone(zone).toInstant();
    }
}

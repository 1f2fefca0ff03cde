package dev.mailblocks.parse;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a parser needs to know about the input it reads.
 *
 * @param fileName the name shown in errors and reports
 * @param fileId the store's id of the input, copied into every event
 * @param zone the zone of timestamps that carry none (syslog local time)
 * @param yearReference syslog timestamps without a year take the latest year that puts the
 *     first line no later than this instant (the file's modification time, or the end of
 *     {@code --year}); later lines follow forward through a December-January rollover
 * @param modified the file's modification time: the time of an ESP row that carries none,
 *     whatever {@code --year} says (a year is no instant)
 */
public record ParseContext(String fileName, long fileId, ZoneId zone, Instant yearReference, Instant modified) {
    public ParseContext {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(yearReference, "yearReference");
        Objects.requireNonNull(modified, "modified");
    }

    /** A context whose year reference is also the modification time (tests, standard input). */
    public ParseContext(String fileName, long fileId, ZoneId zone, Instant yearReference) {
        this(fileName, fileId, zone, yearReference, yearReference);
    }
}

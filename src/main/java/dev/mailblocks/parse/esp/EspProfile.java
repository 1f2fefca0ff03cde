package dev.mailblocks.parse.esp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One ESP export layout, read from a YAML profile ({@code src/main/resources/esp-profiles/},
 * or a user's file given with {@code --esp-profile}): how to recognise it, where each event
 * field is, how to read its times and what its status values mean.
 *
 * <p>A field is a list of paths tried in order; the first with a non-empty value wins. For a
 * CSV export a path is a column name; for JSON lines it is a dotted path into the object,
 * where {@code []} stands for each element of an array: a recipient path with {@code []} makes
 * one event per element, and the other fields' {@code []} take the same element.
 *
 * @param id the format id recorded in the store and in the events ({@code sendgrid})
 * @param name unique among profiles ({@code mandrill-rejects}); a user profile with the name of
 *     a built-in one replaces it
 * @param source where the profile was read from, for messages
 * @param kind CSV with a header row, or one JSON object per line
 * @param columns CSV: the header's columns (lower case); a header is this profile's when it has
 *     all of them and nothing outside {@code columns} and {@code optionalColumns}
 * @param recognise JSON lines: an object is this profile's when it has every path of one of
 *     these sets
 * @param unwrap JSON lines: a path whose string value holds the record as JSON (an SNS envelope's
 *     {@code Message}), or null
 * @param timeFrom paths of the event time; rows without one take the file's modification time
 * @param outcomeFrom paths of the status value that {@code outcomes} maps
 * @param outcomes lower-cased status value to an outcome id or {@code ignore}
 * @param otherwise the outcome id or {@code ignore} of any other value (and of no value), or
 *     null to count such a row malformed
 * @param diagnosticFallback the diagnostic when the row has none: a template of {@code {path}}
 *     references, or null
 */
record EspProfile(
        String id,
        String name,
        String description,
        String source,
        Kind kind,
        Set<String> columns,
        Set<String> optionalColumns,
        List<List<String>> recognise,
        String unwrap,
        List<String> timeFrom,
        EspTime timeFormat,
        Map<Field, List<String>> fields,
        List<String> outcomeFrom,
        Map<String, String> outcomes,
        String otherwise,
        String diagnosticFallback) {

    /** The two shapes of export. */
    enum Kind {
        CSV, JSON_LINES
    }

    /** The event fields a profile can map. */
    enum Field {
        RECIPIENT("recipient"),
        SENDER("sender"),
        DIAGNOSTIC("diagnostic"),
        REPLY_CODE("replyCode"),
        ENHANCED_STATUS("enhancedStatus"),
        REMOTE_HOST("remoteHost"),
        REMOTE_IP("remoteIp"),
        MESSAGE_ID("messageId"),
        REPORTING_HOST("reportingHost");

        final String key;

        Field(String key) {
            this.key = key;
        }
    }

    /** The outcome value that drops a row as not a delivery result. */
    static final String IGNORE = "ignore";

    EspProfile {
        columns = Set.copyOf(columns);
        optionalColumns = Set.copyOf(optionalColumns);
        recognise = List.copyOf(recognise);
        timeFrom = List.copyOf(timeFrom);
        Map<Field, List<String>> byField = new EnumMap<>(Field.class); // read per row and field: an array lookup
        byField.putAll(Map.copyOf(fields)); // no null key or value, as before
        fields = Collections.unmodifiableMap(byField);
        outcomeFrom = List.copyOf(outcomeFrom);
        outcomes = Map.copyOf(outcomes);
    }

    /** The paths of one field, possibly none. */
    List<String> paths(Field field) {
        return fields.getOrDefault(field, List.of());
    }

    /** Whether a CSV header (its column names lower-cased, empty ones left out) is this profile's. */
    boolean matchesHeader(Set<String> header) {
        if (kind != Kind.CSV || !header.containsAll(columns)) {
            return false;
        }
        for (String h : header) {
            if (!columns.contains(h) && !optionalColumns.contains(h)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a JSON object is one of this profile's records (before any unwrapping). */
    boolean recognises(JsonNode object) {
        if (kind != Kind.JSON_LINES || object == null || !object.isObject()) {
            return false;
        }
        for (List<String> set : recognise) {
            if (set.stream().allMatch(path -> EspJsonRecord.has(object, path))) {
                return true;
            }
        }
        return false;
    }

    /** The verdict for a status value: an outcome id, {@link #IGNORE}, or null when unknown. */
    String verdict(String status) {
        if (status == null) {
            return otherwise;
        }
        return outcomes.getOrDefault(status.strip().toLowerCase(Locale.ROOT), otherwise);
    }
}

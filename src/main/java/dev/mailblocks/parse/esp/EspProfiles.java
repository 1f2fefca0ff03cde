package dev.mailblocks.parse.esp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.parse.InputFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ESP export profiles of a run: the built-in ones ({@code src/main/resources/esp-profiles/})
 * and a user's files ({@code --esp-profile}), which are tried first and replace a built-in
 * profile of the same name. A profile file that cannot be used stops the run with a message
 * naming the file and the key.
 */
public final class EspProfiles {

    /** The built-in profiles, in the order they are tried. Adding one: a YAML file and a line here. */
    static final List<String> BUILT_IN = List.of("sendgrid.yaml", "mandrill-rejects.yaml",
            "mandrill-activity.yaml", "mailgun.yaml", "sparkpost.yaml", "ses.yaml", "postmark.yaml");

    private static final Set<String> KEYS = Set.of("id", "name", "description", "format", "columns",
            "optionalColumns", "recognise", "unwrap", "time", "fields", "outcome", "diagnosticFallback");
    private static final Set<String> TIME_KEYS = Set.of("from", "format");
    private static final Set<String> OUTCOME_KEYS = Set.of("from", "map", "default");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<EspProfile> all;

    private EspProfiles(List<EspProfile> all) {
        this.all = List.copyOf(all);
    }

    /** The built-in profiles only. */
    public static EspProfiles builtIn() {
        return of(List.of());
    }

    /**
     * One user profile: its YAML text and the name that messages give it (the file's path).
     */
    public record Source(String name, String yaml) {
        public Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(yaml, "yaml");
        }
    }

    /**
     * The user's profiles, then the built-in profiles they do not replace; a profile that cannot be
     * used throws {@link InputFormatException} naming its source and key.
     */
    public static EspProfiles of(List<Source> user) {
        Map<String, EspProfile> byName = new LinkedHashMap<>();
        for (Source source : user) {
            EspProfile p = read(source.yaml(), source.name());
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new InputFormatException(source.name() + ": another --esp-profile has the name " + p.name());
            }
        }
        for (String resource : BUILT_IN) {
            EspProfile p = read(resource(resource), "esp-profiles/" + resource);
            byName.putIfAbsent(p.name(), p);
        }
        return new EspProfiles(new ArrayList<>(byName.values()));
    }

    /** Every profile, in the order they are tried. */
    List<EspProfile> all() {
        return all;
    }

    /** The profiles with this format id ({@code mandrill} has two). */
    List<EspProfile> withId(String id) {
        return all.stream().filter(p -> p.id().equals(id)).toList();
    }

    /** The distinct format ids, in order. */
    public List<String> ids() {
        return all.stream().map(EspProfile::id).distinct().toList();
    }

    private static String resource(String name) {
        try (InputStream in = EspProfiles.class.getClassLoader().getResourceAsStream("esp-profiles/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in ESP profile esp-profiles/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in ESP profile " + name, e);
        }
    }

    /** Reads and validates one profile; {@code source} names it in messages. */
    static EspProfile read(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw problem(source, "not valid YAML: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (root == null || !root.isObject()) {
            throw problem(source, "a profile is a YAML mapping (id, format, columns or recognise, fields...)");
        }
        unknownKeys(root, KEYS, source, "");
        String id = text(root, "id", source, true);
        if (!ID.matcher(id).matches()) {
            throw problem(source, "id: " + id + " is not a lower-case kebab-case id");
        }
        String name = root.has("name") ? text(root, "name", source, true) : id;
        String format = text(root, "format", source, true);
        EspProfile.Kind kind = switch (format) {
            case "csv" -> EspProfile.Kind.CSV;
            case "json-lines" -> EspProfile.Kind.JSON_LINES;
            default -> throw problem(source, "format: " + format + " (known: csv, json-lines)");
        };
        Set<String> columns = lowerSet(strings(root.get("columns"), source, "columns"));
        Set<String> optional = lowerSet(strings(root.get("optionalColumns"), source, "optionalColumns"));
        List<List<String>> recognise = new ArrayList<>();
        JsonNode rec = root.get("recognise");
        if (rec != null) {
            if (!rec.isArray()) {
                throw problem(source, "recognise: a list of path lists");
            }
            for (JsonNode set : rec) {
                recognise.add(strings(set, source, "recognise"));
            }
        }
        if (kind == EspProfile.Kind.CSV && columns.isEmpty()) {
            throw problem(source, "columns: a CSV profile lists its header's columns");
        }
        if (kind == EspProfile.Kind.JSON_LINES && (recognise.isEmpty() || recognise.stream().anyMatch(List::isEmpty))) {
            throw problem(source, "recognise: a json-lines profile lists the paths that identify its records");
        }
        JsonNode time = root.get("time");
        List<String> timeFrom = List.of();
        EspTime timeFormat = null;
        if (time != null) {
            unknownKeys(time, TIME_KEYS, source, "time.");
            timeFrom = strings(time.get("from"), source, "time.from");
            String tf = text(time, "format", source, true, "time.format");
            timeFormat = EspTime.byId(tf);
            if (timeFormat == null) {
                throw problem(source, "time.format: " + tf
                        + " (known: unix-seconds, unix-millis, rfc2822, iso8601, datetime-utc)");
            }
        }
        Map<EspProfile.Field, List<String>> fields = new EnumMap<>(EspProfile.Field.class);
        JsonNode f = root.get("fields");
        if (f != null) {
            if (!f.isObject()) {
                throw problem(source, "fields: a mapping of event fields to paths");
            }
            for (Iterator<String> it = f.fieldNames(); it.hasNext();) {
                String key = it.next();
                EspProfile.Field field = null;
                for (EspProfile.Field candidate : EspProfile.Field.values()) {
                    if (candidate.key.equals(key)) {
                        field = candidate;
                    }
                }
                if (field == null) {
                    throw problem(source, "fields." + key + ": unknown field (known: recipient, sender, diagnostic,"
                            + " replyCode, enhancedStatus, remoteHost, remoteIp, messageId, reportingHost)");
                }
                fields.put(field, strings(f.get(key), source, "fields." + key));
            }
        }
        if (!fields.containsKey(EspProfile.Field.RECIPIENT)) {
            throw problem(source, "fields.recipient: every profile says where the recipient is");
        }
        JsonNode outcome = root.get("outcome");
        if (outcome == null || !outcome.isObject()) {
            throw problem(source, "outcome: say which status values mean what (at least outcome.default)");
        }
        unknownKeys(outcome, OUTCOME_KEYS, source, "outcome.");
        List<String> outcomeFrom = strings(outcome.get("from"), source, "outcome.from");
        Map<String, String> outcomes = new LinkedHashMap<>();
        JsonNode map = outcome.get("map");
        if (map != null) {
            if (!map.isObject()) {
                throw problem(source, "outcome.map: a mapping of status values to outcomes");
            }
            for (Map.Entry<String, JsonNode> e : map.properties()) {
                outcomes.put(e.getKey().strip().toLowerCase(Locale.ROOT),
                        verdict(e.getValue().asText(), source, "outcome.map." + e.getKey()));
            }
        }
        String otherwise = outcome.has("default") ? verdict(outcome.get("default").asText(), source, "outcome.default")
                : null;
        if (outcomes.isEmpty() && otherwise == null) {
            throw problem(source, "outcome: give a map of status values, a default, or both");
        }
        if (!outcomes.isEmpty() && outcomeFrom.isEmpty()) {
            throw problem(source, "outcome.from: the map needs the paths of the status value");
        }
        return new EspProfile(id, name, root.has("description") ? root.get("description").asText() : "", source,
                kind, columns, optional, recognise, root.has("unwrap") ? text(root, "unwrap", source, true) : null,
                timeFrom, timeFormat, fields, outcomeFrom, outcomes, otherwise,
                root.has("diagnosticFallback") ? text(root, "diagnosticFallback", source, true) : null);
    }

    private static String verdict(String value, String source, String key) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals(EspProfile.IGNORE)) {
            return v;
        }
        try {
            return Outcome.fromId(v).id();
        } catch (IllegalArgumentException e) {
            throw problem(source, key + ": " + value
                    + " (known: delivered, deferred, bounced, rejected, expired, ignore)");
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String source, String prefix) {
        if (!node.isObject()) {
            throw problem(source, prefix.isEmpty() ? "not a mapping" : prefix + " is not a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!known.contains(key)) {
                throw problem(source, prefix + key + ": unknown key (known: " + String.join(", ", known.stream()
                        .sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String key, String source, boolean required) {
        return text(node, key, source, required, key);
    }

    private static String text(JsonNode node, String key, String source, boolean required, String label) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            if (required) {
                throw problem(source, label + ": missing or empty");
            }
            return null;
        }
        return v.asText().strip();
    }

    /** A string or a list of strings; none for an absent key. */
    private static List<String> strings(JsonNode node, String source, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (node.isValueNode()) {
            out.add(node.asText().strip());
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (!n.isValueNode()) {
                    throw problem(source, key + ": a string or a list of strings");
                }
                out.add(n.asText().strip());
            }
        } else {
            throw problem(source, key + ": a string or a list of strings");
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw problem(source, key + ": an empty name");
        }
        return out;
    }

    private static Set<String> lowerSet(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            out.add(n.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static InputFormatException problem(String source, String what) {
        return new InputFormatException(source + ": invalid ESP profile: " + what);
    }
}

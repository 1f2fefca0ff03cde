package dev.mailblocks.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mailblocks.pipeline.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE.yaml}: the options of a job in a file, for cron. Its keys are the long
 * option names without dashes ({@code db}, {@code out}, {@code alert-block-rate}...) plus
 * {@code inputs}, so that the file and the command line are one description ({@code _} may stand
 * for {@code -}: {@code sending_ips}). Options given on
 * the command line win. An unknown key is an error naming it. Relative paths are relative to
 * the file's folder.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

    /** Options that make no sense in a file. */
    private static final Set<String> NOT_IN_FILE = Set.of("config", "help", "version", "debug");

    private final Path file;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> inputs = new ArrayList<>();

    private ConfigFile(Path file) {
        this.file = file;
    }

    /** Reads the file and checks every key against the options of the job commands. */
    static ConfigFile load(Path file, List<CommandSpec> jobs) {
        ConfigFile c = new ConfigFile(file);
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("--config " + file + ": no such file");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new UsageException(file + ":" + where + ": not YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("--config " + file + ": cannot read: " + e.getMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return c;
        }
        if (!root.isObject()) {
            throw new UsageException(file + ": a mapping of option names to values is expected");
        }
        Map<String, OptionSpec> known = new LinkedHashMap<>();
        for (CommandSpec spec : jobs) {
            for (OptionSpec o : spec.options()) {
                String key = o.longestName().replaceFirst("^-+", "");
                if (!NOT_IN_FILE.contains(key)) {
                    known.putIfAbsent(key, o);
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().replace('_', '-'); // sending_ips: is sending-ips:
            JsonNode v = e.getValue();
            if (key.equals("inputs")) {
                for (String s : strings(file, key, v)) {
                    c.inputs.add(s.equals("-") ? s : c.relative(s));
                }
                continue;
            }
            OptionSpec o = known.get(key);
            if (o == null) {
                TreeSet<String> names = new TreeSet<>(known.keySet());
                names.add("inputs");
                throw new UsageException(file + ": unknown key '" + key + "' (known: " + String.join(", ", names) + ")");
            }
            List<String> parts = strings(file, key, v);
            boolean isPath = o.type() == Path.class || o.auxiliaryTypes().length > 0 && o.auxiliaryTypes()[0] == Path.class;
            if (isPath) {
                parts = parts.stream().map(c::relative).toList();
            }
            c.values.put(key, String.join(",", parts));
        }
        return c;
    }

    private static List<String> strings(Path file, String key, JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode x : v) {
                if (!x.isValueNode() || x.isNull()) {
                    throw new UsageException(file + ": " + key + ": a list of plain values is expected");
                }
                out.add(x.asText());
            }
        } else if (v.isValueNode() && !v.isNull()) {
            out.add(v.asText());
        } else {
            throw new UsageException(file + ": " + key + ": a value or a list of values is expected");
        }
        return out;
    }

    /** A path of the file made relative to the file's folder (and shown relative to the working folder when inside it). */
    private String relative(String p) {
        Path given = Path.of(p);
        if (given.isAbsolute()) {
            return p;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path abs = dir.resolve(p).normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? (cwd.equals(abs) ? "." : cwd.relativize(abs).toString()) : abs.toString();
    }

    /** The inputs of the file ({@code inputs:}), used when the command line names none. */
    List<String> inputs() {
        return List.copyOf(inputs);
    }

    @Override
    public String defaultValue(ArgSpec spec) {
        if (spec instanceof OptionSpec o) {
            return values.get(o.longestName().replaceFirst("^-+", ""));
        }
        return null;
    }
}

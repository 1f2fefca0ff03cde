package dev.mailblocks.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the command line's PATH arguments into inputs: files, folders (recursively, in name
 * order, hidden files skipped), globs ({@code logs/mail.log*}) and {@code -} for standard input.
 */
public final class InputResolver {

    private InputResolver() {
    }

    /** The inputs named by the arguments, each once, in argument order. */
    public static List<Input> resolve(List<String> args) {
        Set<Input> out = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg.equals("-")) {
                out.add(Input.stdin());
                continue;
            }
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                out.addAll(walk(p));
            } else if (Files.isRegularFile(p)) {
                if (!Files.isReadable(p)) {
                    throw new InputException(arg + ": cannot read (permission denied)");
                }
                out.add(new Input(p.toString(), p));
            } else if (isGlob(arg)) {
                List<Input> matched = glob(arg);
                if (matched.isEmpty()) {
                    throw new InputException(arg + ": no file matches this pattern");
                }
                out.addAll(matched);
            } else {
                throw new InputException(arg + ": no such file or folder");
            }
        }
        return List.copyOf(out);
    }

    private static boolean isGlob(String arg) {
        return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Input> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !hidden(dir.relativize(f)))
                    .sorted()
                    .map(f -> new Input(f.toString(), f))
                    .toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list folder: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new InputException(dir + ": cannot list folder: " + e.getCause().getMessage());
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<Input> glob(String pattern) {
        // the folder to walk is the longest leading part without glob characters
        Path pat = Path.of(pattern);
        Path leading = pat.isAbsolute() ? pat.getRoot() : Path.of("");
        for (Path part : pat) {
            if (isGlob(part.toString())) {
                break;
            }
            leading = leading.resolve(part);
        }
        Path base = leading;
        Path root = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Input> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                Path candidate = base.toString().isEmpty() ? root.relativize(f) : f;
                if (matcher.matches(candidate)) {
                    out.add(new Input(candidate.toString(), f));
                }
            });
        } catch (IOException e) {
            throw new InputException(pattern + ": cannot list: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new InputException(pattern + ": cannot list: " + e.getCause().getMessage());
        }
        return out;
    }
}

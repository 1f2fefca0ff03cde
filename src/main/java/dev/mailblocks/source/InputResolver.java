package dev.mailblocks.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands the command line's PATH arguments into inputs: files, folders (recursively, in name
 * order, hidden files skipped), globs ({@code logs/mail.log*}) and {@code -} for standard input.
 * An argument that names nothing readable is skipped with its reason; the others are still read.
 */
public final class InputResolver {

    private InputResolver() {
    }

    /** A PATH argument (or a part of a folder) that gives no input, and why, in one line naming it. */
    public record Skipped(String path, String why) {
        /** The one-line message. */
        public String message() {
            return path + ": " + why;
        }
    }

    /** The inputs the arguments name, each once in argument order, and the arguments skipped. */
    public record Resolution(List<Input> inputs, List<Skipped> skipped) {
        public Resolution {
            inputs = List.copyOf(inputs);
            skipped = List.copyOf(skipped);
        }
    }

    /** The inputs named by the arguments; throws for the first argument that names none. */
    public static List<Input> resolve(List<String> args) {
        Resolution r = resolveEach(args);
        if (!r.skipped().isEmpty()) {
            throw new InputException(r.skipped().get(0).message());
        }
        return r.inputs();
    }

    /** The inputs named by the arguments; each argument that names none is skipped with its reason. */
    public static Resolution resolveEach(List<String> args) {
        Set<Input> out = new LinkedHashSet<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-")) {
                out.add(Input.stdin());
                continue;
            }
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                if (!Files.isReadable(p)) {
                    skipped.add(new Skipped(arg, "cannot read folder (permission denied)"));
                } else {
                    out.addAll(walk(p, skipped));
                }
            } else if (Files.isRegularFile(p)) {
                if (!Files.isReadable(p)) {
                    skipped.add(new Skipped(arg, "cannot read (permission denied)"));
                } else {
                    out.add(new Input(p.toString(), p));
                }
            } else if (Files.exists(p)) {
                skipped.add(new Skipped(arg, kind(p) + ", not a regular file; pipe it to standard input with -"));
            } else if (isGlob(arg)) {
                int before = out.size();
                int skippedBefore = skipped.size();
                out.addAll(glob(arg, skipped));
                if (out.size() == before && skipped.size() == skippedBefore) {
                    skipped.add(new Skipped(arg, "no file matches this pattern"));
                }
            } else {
                skipped.add(new Skipped(arg, Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                        ? "a symbolic link to nothing" : "no such file or folder"));
            }
        }
        return new Resolution(List.copyOf(out), skipped);
    }

    /** What a path that is neither a file nor a folder is, from its Unix file type bits. */
    static String kind(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a file or folder";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "not a file or folder";
        }
    }

    private static boolean isGlob(String arg) {
        return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The regular files under a folder in name order, hidden ones left out; unreadable sub-folders are skipped. */
    private static List<Input> walk(Path dir, List<Skipped> skipped) {
        List<Path> files = new ArrayList<>();
        visit(dir, skipped, files);
        return files.stream().filter(f -> !hidden(dir.relativize(f))).sorted().map(f -> new Input(f.toString(), f))
                .toList();
    }

    private static void visit(Path root, List<Skipped> skipped, List<Path> files) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(root) && hidden(root.relativize(d)) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    skipped.add(new Skipped(f.toString(), "cannot read: " + OpenedInput.describe(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            skipped.add(new Skipped(root.toString(), "cannot list folder: " + OpenedInput.describe(e)));
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

    private static List<Input> glob(String pattern, List<Skipped> skipped) {
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
        List<Path> files = new ArrayList<>();
        visitAll(root, skipped, files);
        List<Input> out = new ArrayList<>();
        files.stream().sorted().forEach(f -> {
            Path candidate = base.toString().isEmpty() ? root.relativize(f) : f;
            if (matcher.matches(candidate)) {
                out.add(new Input(candidate.toString(), f));
            }
        });
        return out;
    }

    /** Every regular file under a folder, hidden ones included (a glob names what it wants). */
    private static void visitAll(Path root, List<Skipped> skipped, List<Path> files) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // a glob lists what it can; a file it needs fails when opened
                }
            });
        } catch (IOException e) {
            skipped.add(new Skipped(root.toString(), "cannot list folder: " + OpenedInput.describe(e)));
        }
    }
}

package dev.mailblocks.pipeline;

import dev.mailblocks.store.EventStore;
import dev.mailblocks.store.Timings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a {@code run} needs to know to leave reports alone that nothing would change: the reports
 * of a folder are a function of the program, the catalogue, the report options and the store's
 * content, so a run that read nothing new writes exactly the files already there. The stamp,
 * kept in the store's settings under the folder's absolute path, holds a hash of those four, the
 * period and alerts the reports gave, and the name, size and modification time of every file the
 * folder held after writing. Any difference (a file edited, removed or added, an input read, a
 * retention prune, a DNS check stored, another catalogue or build) and the reports are written
 * again. {@code report} always writes.
 */
final class ReportStamp {

    private static final String VERSION = "mailblocks report stamp 1";

    private final String key;
    private final String inputs;

    /** The stamp of this program, catalogue and configuration over the store as it is now. */
    ReportStamp(EventStore store, String catalogueFingerprint, ReportConfig report, AlertConfig alerts) {
        Path out = report.out().toAbsolutePath().normalize();
        this.key = "reports:" + out;
        String digest = store.queries().contentDigest();
        this.inputs = sha256(String.join("\n", VERSION, Build.ID, catalogueFingerprint, report.toString(),
                String.valueOf(alerts), digest));
        if (Timings.on()) {
            Timings.mark("report stamp " + inputs + " of " + Build.ID + " " + catalogueFingerprint + " " + report + " "
                    + alerts + " " + digest);
        }
    }

    /** What the reports said last time, when they are still exactly what this run would write. */
    Optional<Written> upToDate(EventStore store, Path out) {
        String stored = store.meta(key);
        if (stored == null) {
            return Optional.empty();
        }
        List<String> lines = stored.lines().toList();
        if (lines.size() < 2 || !lines.get(0).equals(inputs)) {
            return Optional.empty();
        }
        List<String> files = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        Instant prunedBefore = null;
        List<String> alerts = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            int tab = l.indexOf('\t');
            String what = tab < 0 ? l : l.substring(0, tab);
            String value = tab < 0 ? "" : l.substring(tab + 1);
            switch (what) {
                case "first" -> first = Instant.parse(value);
                case "last" -> last = Instant.parse(value);
                case "pruned" -> prunedBefore = Instant.parse(value);
                case "alert" -> alerts.add(value);
                case "file" -> files.add(value);
                default -> {
                    return Optional.empty(); // another version wrote it: write the reports again
                }
            }
        }
        Optional<List<String>> now = files(out);
        if (now.isEmpty() || !now.get().equals(files)) {
            return Optional.empty();
        }
        return Optional.of(new Written(first, last, prunedBefore, alerts));
    }

    /** Records what was written, after the reports are in the folder. */
    void record(EventStore store, Path out, Written written) {
        Optional<List<String>> files = files(out);
        if (files.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder(inputs).append('\n');
        if (written.first() != null) {
            b.append("first\t").append(written.first()).append('\n');
            b.append("last\t").append(written.last()).append('\n');
        }
        if (written.prunedBefore() != null) {
            b.append("pruned\t").append(written.prunedBefore()).append('\n');
        }
        for (String a : written.alerts()) {
            b.append("alert\t").append(a.replace('\n', ' ').replace('\t', ' ')).append('\n');
        }
        for (String f : files.get()) {
            b.append("file\t").append(f).append('\n');
        }
        store.setMeta(key, b.toString());
    }

    /** The period and block-rate alerts of the reports as written. */
    record Written(Instant first, Instant last, Instant prunedBefore, List<String> alerts) {
        Written {
            alerts = List.copyOf(alerts);
        }
    }

    /** Name, size and modification time of each file of the folder, in name order; empty if unreadable. */
    private static Optional<List<String>> files(Path out) {
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(out)) {
            List<String> files = new ArrayList<>();
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                files.add(p.getFileName() + "\t" + Files.size(p) + "\t" + Files.getLastModifiedTime(p).toMillis());
            }
            return Optional.of(files);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** This build, worked out once: the code a JVM runs does not change under it. */
    private static final class Build {
        static final String ID = program();
    }

    /**
     * This build: the jar's path, size and time; run from a classes folder (a development build), the
     * number of its files and the newest time among them, so that a recompiled class counts as another build.
     */
    private static String program() {
        try {
            Path code = Path.of(ReportStamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                return code + "\t" + Files.size(code) + "\t" + Files.getLastModifiedTime(code).toMillis();
            }
            long files = 0;
            long newest = 0;
            try (Stream<Path> s = Files.walk(code)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    files++;
                    newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
                }
            }
            return code + "\t" + files + "\t" + newest;
        } catch (IOException | URISyntaxException | SecurityException | NullPointerException e) {
            return "unknown build " + Instant.now(); // no other run has the same: always write
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

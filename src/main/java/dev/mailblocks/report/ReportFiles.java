package dev.mailblocks.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a report file all at once or not at all: into a hidden temporary file in the same
 * folder, flushed to disk, then renamed over the old one. A run killed while writing leaves the
 * previous report whole (and a temporary file that the next run removes).
 */
public final class ReportFiles {

    /** Writes the body of a file. */
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    private ReportFiles() {
    }

    /** Writes {@code file} (UTF-8) through a temporary file and an atomic rename. */
    public static void write(Path file, Body body) {
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createDirectories(dir);
            removeLeftovers(dir, name);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream os = java.nio.channels.Channels.newOutputStream(ch);
                    Writer w = new java.io.BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8),
                            64 * 1024)) {
                body.write(w);
                w.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(file + ": cannot write: " + e.getCause().getMessage(), e.getCause());
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Writes a whole text {@code file} (UTF-8) the same way. */
    public static void write(Path file, String text) {
        write(file, w -> w.write(text));
    }

    /** Temporary files of this report left by a killed run. */
    private static void removeLeftovers(Path dir, String name) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "." + name + ".*.tmp")) {
            for (Path p : old) {
                deleteQuietly(p);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover is removed by the next run
        }
    }
}

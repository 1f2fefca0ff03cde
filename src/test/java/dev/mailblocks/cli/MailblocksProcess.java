package dev.mailblocks.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs mailblocks as a real process (its own JVM, the test class path), in a working folder,
 * as cron would: real files, real exit codes, real locks. {@code -Dmailblocks.test.jar=JAR} runs
 * another build instead (the previous release, to see a regression test fail before its fix).
 */
final class MailblocksProcess {

    /** The outcome of one run. */
    record Result(int exit, String out, String err) {
    }

    private MailblocksProcess() {
    }

    /** Starts mailblocks with the arguments in the folder; standard input is a pipe the caller may write. */
    static Process start(Path dir, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx256m");
        cmd.add("-Dmailblocks.dns.loopback-only=true"); // no test may send a DNS query beyond loopback
        String jar = System.getProperty("mailblocks.test.jar");
        if (jar != null && !jar.isBlank()) {
            cmd.add("-jar"); // another build, such as the previous release, to show a test failing before a fix
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Main.class.getName());
        }
        cmd.addAll(List.of(CliRunner.offline(args.toArray(String[]::new))));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("TZ", "UTC");
        return pb.start();
    }

    /** Runs to the end with standard input closed (or fed with {@code stdin}). */
    static Result run(Path dir, byte[] stdin, String... args) {
        try {
            Process p = start(dir, List.of(args));
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("mailblocks did not finish in 120 s: " + List.of(args));
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(Path dir, String... args) {
        return run(dir, null, args);
    }

    /** Reads a stream to its end in the background. */
    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}

package dev.mailblocks.cli;

import dev.mailblocks.classify.CatalogueException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Prints an exception as one clear line on stderr ({@code mailblocks: ...}); the stack trace
 * only with {@code --debug}. An invalid catalogue lists all its problems.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof CatalogueException ce) {
            err.println("mailblocks: invalid catalogue: " + ce.problems().get(0));
            for (String p : ce.problems().subList(1, Math.min(ce.problems().size(), 50))) {
                err.println("mailblocks: invalid catalogue: " + p);
            }
        } else {
            String msg = ex.getMessage();
            if (msg == null || msg.isBlank()) {
                msg = ex.getClass().getSimpleName();
            }
            err.println("mailblocks: " + msg.lines().findFirst().orElse(msg));
        }
        for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                ex.printStackTrace(err);
                break;
            }
        }
        err.flush();
        return new ExitCodes().getExitCode(ex);
    }
}

package dev.mailblocks.cli;

import dev.mailblocks.classify.CatalogueException;
import dev.mailblocks.pipeline.UsageException;
import dev.mailblocks.source.InputException;
import picocli.CommandLine;

/** The exit codes of design.md, and the one place exceptions become them. */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CATALOGUE = 3;
    public static final int ALERT = 4;

    @Override
    public int getExitCode(Throwable t) {
        if (t instanceof CatalogueException) {
            return CATALOGUE;
        }
        if (t instanceof InputException || t instanceof UsageException
                || t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return FAILED;
    }
}

package dev.mailblocks.classify;

import dev.mailblocks.parse.Formats;
import java.util.List;

/** The catalogue is invalid: each problem names the file, the entry id (if any) and what is wrong. */
public final class CatalogueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public CatalogueException(List<String> problems) {
        super(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
        this.problems = List.copyOf(problems);
    }

    /** Formats one problem. */
    public static String problem(String file, String id, String what) {
        return file + (id == null ? "" : ": entry '" + id + "'") + ": " + what;
    }

    /** Every problem found. */
    public List<String> problems() {
        return problems;
    }
}

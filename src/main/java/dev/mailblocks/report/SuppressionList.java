package dev.mailblocks.report;

import dev.mailblocks.model.Category;
import dev.mailblocks.store.ReportFilter;
import dev.mailblocks.store.ReportQueries;
import dev.mailblocks.store.ReportRows.Suppression;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code suppressions.csv}: recipient addresses whose last failure was permanent and about the
 * recipient, with the evidence. Never an address refused for a policy reason: that is ours to fix.
 */
public final class SuppressionList {

    /** The recipient-side categories that make an address not worth sending to again. */
    public static final List<Category> CATEGORIES = List.of(Category.USER_UNKNOWN, Category.HOST_UNKNOWN,
            Category.MAILBOX_DISABLED, Category.HAS_MOVED, Category.NOT_ACCEPTING);

    private SuppressionList() {
    }

    /** Writes the list; returns how many addresses it holds. Addresses are never redacted here: it is for our own use. */
    public static int write(ReportQueries q, ReportFilter f, Path file) {
        List<Suppression> rows = q.suppressions(f, CATEGORIES.stream().map(Category::id).toList());
        CsvTables.write(file, Tables.SUPPRESSIONS, rows, new Redactor(false));
        return rows.size();
    }
}

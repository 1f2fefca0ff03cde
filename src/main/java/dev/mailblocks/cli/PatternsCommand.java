package dev.mailblocks.cli;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.CatalogueEntry;
import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Coverage;
import dev.mailblocks.pipeline.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The catalogue: check it, list it. */
@Command(name = "patterns", mixinStandardHelpOptions = true, description = "Check or list the pattern catalogue.",
        subcommands = {PatternsCommand.Check.class, PatternsCommand.ListEntries.class, PatternsSuggestCommand.class})
final class PatternsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a sub-command is needed: check, list");
    }

    /** Validates the catalogue and runs every example; optionally measures agreement with a labelled TSV. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the catalogue and run every example through the classifier.")
    static final class Check implements Callable<Integer> {

        @Mixin
        CommonOptions common = new CommonOptions();

        @Option(names = "--coverage", paramLabel = "TSV",
                description = "also classify a TSV of (text, expected category) and print agreement and confusions")
        Path coverage;

        @Option(names = "--warnings", description = "print the overlap warnings in full")
        boolean showWarnings;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            CatalogueLoader loader = new CatalogueLoader();
            Catalogue catalogue = loader.loadAll(common.patterns);
            long examples = catalogue.entries().stream()
                    .mapToLong(e -> e.matchExamples().size() + e.missExamples().size()).sum();
            out.printf("catalogue ok: %d entries, %d examples and near misses classified as expected%n",
                    catalogue.entries().size(), examples);
            if (!loader.warnings().isEmpty()) {
                out.printf("%d warnings (examples that also match another entry of the same priority)%s%n",
                        loader.warnings().size(), showWarnings ? ":" : "; --warnings shows them");
                if (showWarnings) {
                    loader.warnings().forEach(w -> out.println("  warning: " + w));
                }
            }
            if (coverage != null) {
                if (!Files.isReadable(coverage)) {
                    throw new UsageException(coverage + ": cannot read");
                }
                Coverage cov;
                try (Reader r = Files.newBufferedReader(coverage, StandardCharsets.UTF_8)) {
                    cov = Coverage.measure(r, new Classifier(catalogue));
                }
                int total = cov.cases().size();
                out.printf("%ncoverage of %s: %d of %d agree (%.1f%%)%n", coverage, cov.agreed(), total,
                        total == 0 ? 0.0 : 100.0 * cov.agreed() / total);
                out.printf("%-20s %6s %6s %7s%n", "expected", "cases", "agree", "rate");
                for (Coverage.Row row : cov.perCategory()) {
                    out.printf(Locale.ROOT, "%-20s %6d %6d %6.1f%%%n", row.category(), row.total(), row.agreed(),
                            100.0 * row.agreed() / row.total());
                }
                if (!cov.confusions().isEmpty()) {
                    out.println("\nconfusions (expected -> got, entry: text):");
                    for (Coverage.Case c : cov.confusions()) {
                        String t = c.text().length() > 160 ? c.text().substring(0, 157) + "..." : c.text();
                        out.printf("  %s -> %s (%s): %s%n", c.expected(), c.got(), c.patternId(), t);
                    }
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Prints the catalogue as a table. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the catalogue as a table.")
    static final class ListEntries implements Callable<Integer> {

        @Mixin
        CommonOptions common = new CommonOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Catalogue catalogue = Jobs.catalogue(common.patterns);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-44s %-18s %-14s %4s  %-22s %s%n", "id", "category", "provider", "prio", "file", "reviewed");
            for (CatalogueEntry e : catalogue.entries()) {
                out.printf("%-44s %-18s %-14s %4d  %-22s %s%n", e.id(), e.category().id(),
                        e.provider() == null ? "-" : e.provider(), e.priority(),
                        Path.of(e.file()).getFileName(), e.reviewed() == null ? "-" : e.reviewed());
            }
            out.printf("%d entries%n", catalogue.entries().size());
            out.flush();
            return ExitCodes.OK;
        }
    }
}

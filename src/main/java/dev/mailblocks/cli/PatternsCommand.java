package dev.mailblocks.cli;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.CatalogueEntry;
import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Coverage;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.pipeline.RunConfig;
import dev.mailblocks.pipeline.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
                description = "also classify a TSV of texts (with expected categories, '|' between acceptable ones) "
                        + "and print agreement, disagreements and the texts no entry decided, as templates with counts")
        Path coverage;

        @Option(names = "--holdout", paramLabel = "FILE",
                description = "source families (one a line, # comments) of the coverage file to measure apart: "
                        + "their agreement is printed, their texts never are")
        Path holdout;

        @Option(names = "--bounces",
                description = "the coverage rows come from bounce messages, so each is a final failure (outcome "
                        + "bounced) unless an 'outcome' column says otherwise")
        boolean bounces;

        @Option(names = "--warnings", description = "print the overlap warnings in full")
        boolean showWarnings;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (holdout != null && coverage == null) {
                throw new UsageException("--holdout needs --coverage");
            }
            Set<String> heldOut = holdout == null ? Set.of() : readFamilies(holdout);
            if (coverage != null && !Files.isReadable(coverage)) {
                throw new UsageException(coverage + ": cannot read");
            }
            PrintWriter out = spec.commandLine().getOut();
            RunConfig.requirePatternsFolder(common.patterns);
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
                Coverage cov;
                try (Reader r = Files.newBufferedReader(coverage, StandardCharsets.UTF_8)) {
                    cov = Coverage.measure(r, new Classifier(catalogue), heldOut, bounces ? Outcome.BOUNCED : null);
                } catch (Coverage.FileException e) {
                    throw new UsageException(coverage + " " + e.getMessage());
                } catch (UncheckedIOException e) {
                    throw unreadable(coverage, e.getCause());
                } catch (IOException e) {
                    throw unreadable(coverage, e);
                }
                if (holdout != null && !cov.hasSource()) {
                    throw new UsageException(coverage + ": --holdout needs a 'source' column");
                }
                printCoverage(out, cov, holdout != null);
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static UsageException unreadable(Path file, IOException e) {
            return new UsageException(file + (e instanceof java.nio.charset.CharacterCodingException
                    ? ": not UTF-8 text" : ": cannot read: " + e.getMessage()));
        }

        private void printCoverage(PrintWriter out, Coverage cov, boolean split) {
            List<Coverage.Case> all = cov.labelled(c -> true);
            if (!all.isEmpty()) {
                out.printf(Locale.ROOT, "%ncoverage of %s: %d of %d agree (%.1f%%)%n", coverage, cov.agreed(), all.size(),
                        100.0 * cov.agreed() / all.size());
                List<Column> columns = new ArrayList<>();
                if (split) {
                    columns.add(new Column("held out", cov.perCategory(Coverage.Case::heldOut)));
                    columns.add(new Column("rest", cov.perCategory(c -> !c.heldOut())));
                }
                columns.add(new Column("whole file", cov.perCategory()));
                printTable(out, columns, cov.perCategory().stream().map(Coverage.Row::category).toList());
            }
            List<Coverage.Case> confusions = cov.confusions();
            if (!confusions.isEmpty()) {
                out.printf("%ndisagreements%s (line: expected -> got, entry: text):%n",
                        split ? " outside the held-out families" : "");
                for (Coverage.Case c : confusions) {
                    String t = c.text().length() > 200 ? c.text().substring(0, 197) + "..." : c.text();
                    out.printf("  %d: %s -> %s (%s): %s%n", c.line(), c.expectedLabel(), c.got(), c.patternId(), t);
                }
            }
            if (split) {
                long hidden = cov.labelled(Coverage.Case::heldOut).stream().filter(c -> !c.agrees()).count();
                out.printf("%d disagreements in the held-out families are not shown%n", hidden);
            }
            List<Coverage.Undecided> undecided = cov.undecided();
            if (!undecided.isEmpty()) {
                out.printf("%ntexts no entry decided%s, as templates (count, fallback: template):%n",
                        split ? " outside the held-out families" : "");
                for (Coverage.Undecided u : undecided) {
                    out.printf("  %4d  %-16s %s%n", u.count(), u.fallback(), u.template());
                }
            }
        }

        private record Column(String title, List<Coverage.Row> rows) {
            Coverage.Row row(String category) {
                return rows.stream().filter(r -> r.category().equals(category)).findFirst()
                        .orElse(new Coverage.Row(category, 0, 0));
            }

            Coverage.Row total() {
                return new Coverage.Row("all", rows.stream().mapToInt(Coverage.Row::total).sum(),
                        rows.stream().mapToInt(Coverage.Row::agreed).sum());
            }
        }

        private static void printTable(PrintWriter out, List<Column> columns, List<String> categories) {
            int width = Math.max(20, categories.stream().mapToInt(String::length).max().orElse(0) + 1);
            StringBuilder head = new StringBuilder(String.format("%-" + width + "s", "expected"));
            for (Column c : columns) {
                head.append(String.format(" | %-20s", c.title() + " (" + c.total().total() + ")"));
            }
            out.println(head);
            for (String category : categories) {
                StringBuilder line = new StringBuilder(String.format("%-" + width + "s", category));
                for (Column c : columns) {
                    line.append(" | ").append(cell(c.row(category)));
                }
                out.println(line);
            }
            StringBuilder total = new StringBuilder(String.format("%-" + width + "s", "all"));
            for (Column c : columns) {
                total.append(" | ").append(cell(c.total()));
            }
            out.println(total);
        }

        private static String cell(Coverage.Row r) {
            return r.total() == 0 ? String.format("%-20s", "-")
                    : String.format("%-20s", String.format(Locale.ROOT, "%3d/%-3d %6.1f%%", r.agreed(), r.total(), r.rate()));
        }

        private static Set<String> readFamilies(Path file) {
            Set<String> families = new LinkedHashSet<>();
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.map(String::strip).filter(f -> !f.isEmpty() && !f.startsWith("#")).forEach(families::add);
            } catch (IOException | UncheckedIOException e) {
                throw new UsageException(file + ": cannot read: " + e.getMessage());
            }
            if (families.isEmpty()) {
                throw new UsageException(file + ": names no source family");
            }
            return families;
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

package dev.mailblocks.classify;

import dev.mailblocks.model.Category;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import dev.mailblocks.model.SmtpReplyText;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Measures the classifier against a TSV of texts, labelled or not: agreement overall and per
 * expected category, the disagreements, and the texts no entry decided, as templates with counts.
 *
 * <p>A header names the columns: {@code diagnostic_text}, and optionally the expected category as
 * {@code expected_category} or {@code expected} (alternatives separated by {@code |}, any of which
 * agrees), {@code reply_code}, {@code enhanced_status}, {@code smtp_command}, {@code remote_host},
 * {@code outcome} ({@code bounced}, {@code deferred}...) and {@code source}. Without a header, column 1 is the text and column 2 (if any) the expected
 * category.
 *
 * <p>Rows whose source family (see {@link #family}) is in the held-out set are measured apart:
 * their agreement is counted, but their texts are never part of what this class hands out for a
 * person to read ({@link #confusions()} and {@link #undecided()} leave them out).
 */
public final class Coverage {

    /** Where a template came from and how often: the texts no entry decided, grouped. */
    public record Undecided(String template, String fallback, int count) {
    }

    /**
     * One row and what the classifier said.
     *
     * @param expected the acceptable categories; empty when the row carries no label
     * @param heldOut whether the row belongs to a held-out source family
     */
    public record Case(int line, String text, Set<String> expected, String got, String patternId, String template,
            String source, boolean heldOut) {

        /** Whether the row has a label. */
        public boolean labelled() {
            return !expected.isEmpty();
        }

        /** Whether the classifier gave one of the acceptable categories. */
        public boolean agrees() {
            return expected.contains(got);
        }

        /** The label as written: alternatives joined by {@code |}. */
        public String expectedLabel() {
            return String.join("|", expected);
        }

        /** Whether an entry decided (not a code fallback, not unclassified). */
        public boolean decidedByEntry() {
            return patternId.endsWith(Classifier.FINAL_SUFFIX)
                    || !patternId.contains(":") && !patternId.equals(Category.UNCLASSIFIED.id());
        }
    }

    /** The agreement of one expected label. */
    public record Row(String category, int total, int agreed) {

        /** Agreement in percent (0 for an empty row). */
        public double rate() {
            return total == 0 ? 0.0 : 100.0 * agreed / total;
        }
    }

    /** A problem in the coverage file, naming the line. */
    public static final class FileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FileException(String message) {
            super(message);
        }
    }

    private static final Pattern MESSAGE_NUMBER = Pattern.compile("(?:#\\d+)?$");

    private final List<Case> cases = new ArrayList<>();
    private boolean hasSource;

    /** Classifies every row of the TSV; nothing is held out. */
    public static Coverage measure(Reader tsv, Classifier classifier) throws IOException {
        return measure(tsv, classifier, Set.of(), null);
    }

    /**
     * Classifies every row of the TSV.
     *
     * @param heldOutFamilies source families (see {@link #family}) measured apart and never shown
     * @param outcome the outcome of rows without an {@code outcome} column ({@code bounced} for a
     *     corpus of bounce messages, which are final failures), or {@code null}
     * @throws FileException when a row names an unknown category or outcome, naming the line
     */
    public static Coverage measure(Reader tsv, Classifier classifier, Set<String> heldOutFamilies, Outcome outcome)
            throws IOException {
        Coverage cov = new Coverage();
        CSVFormat format = CSVFormat.TDF.builder().setQuote(null).setIgnoreSurroundingSpaces(false).get();
        try (CSVParser parser = format.parse(tsv)) {
            Map<String, Integer> header = null;
            boolean first = true;
            for (CSVRecord r : parser) {
                if (first && findColumn(r, "diagnostic_text") >= 0) {
                    header = new HashMap<>();
                    for (int i = 0; i < r.size(); i++) {
                        header.put(r.get(i).trim().toLowerCase(Locale.ROOT), i);
                    }
                    cov.hasSource = header.containsKey("source");
                    first = false;
                    continue;
                }
                first = false;
                cov.add(r, header, classifier, heldOutFamilies, outcome);
            }
        }
        return cov;
    }

    /**
     * The family of a {@code source} value: its last path segment without the message number, so
     * that the messages of one bounce generator go together ({@code maildir/bsd/lhost-sendmail-05.eml#1}
     * is {@code lhost-sendmail}).
     */
    public static String family(String source) {
        if (source == null) {
            return "";
        }
        String s = source.strip();
        s = s.substring(s.lastIndexOf('/') + 1);
        s = MESSAGE_NUMBER.matcher(s).replaceFirst("");
        if (s.endsWith(".eml")) {
            s = s.substring(0, s.length() - 4);
        }
        return s.replaceFirst("-\\d+$", "");
    }

    /** Whether the file had a {@code source} column (a hold-out needs one). */
    public boolean hasSource() {
        return hasSource;
    }

    private static int findColumn(CSVRecord r, String name) {
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private void add(CSVRecord r, Map<String, Integer> header, Classifier classifier, Set<String> heldOut,
            Outcome defaultOutcome) {
        int line = (int) r.getRecordNumber();
        String text;
        String expected;
        Integer reply = null;
        String enhanced = null;
        SmtpPhase phase = null;
        String host = null;
        String source = null;
        Outcome outcome = defaultOutcome;
        if (header == null) {
            text = r.get(0);
            expected = r.size() > 1 ? r.get(1) : null;
        } else {
            text = col(r, header, "diagnostic_text");
            expected = col(r, header, "expected_category");
            if (expected == null) {
                expected = col(r, header, "expected");
            }
            String rc = col(r, header, "reply_code");
            if (rc != null && rc.matches("[245]\\d\\d")) {
                reply = Integer.valueOf(rc);
            }
            String es = col(r, header, "enhanced_status");
            if (es != null && es.matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
                enhanced = es;
            }
            phase = phaseOfCommand(col(r, header, "smtp_command"), text);
            host = col(r, header, "remote_host");
            source = col(r, header, "source");
            String o = col(r, header, "outcome");
            if (o != null && !o.isBlank()) {
                try {
                    outcome = Outcome.fromId(o);
                } catch (IllegalArgumentException e) {
                    throw new FileException("line " + line + ": unknown outcome \"" + o.strip() + "\"");
                }
            }
        }
        if (text == null || text.isBlank()) {
            return;
        }
        Set<String> alternatives = new LinkedHashSet<>();
        if (expected != null && !expected.isBlank()) {
            for (String alt : expected.split("\\|")) {
                String a = alt.strip();
                if (Category.byId(a).isEmpty()) {
                    throw new FileException("line " + line + ": unknown category \"" + a + "\"");
                }
                alternatives.add(a);
            }
        }
        Diagnostic d = Diagnostic.fromText(text, reply, enhanced, phase, host == null || host.isBlank() ? null : host,
                outcome);
        var c = classifier.classify(d);
        cases.add(new Case(line, text, Collections.unmodifiableSet(alternatives), c.category().id(),
                c.patternId(), c.template(), source, heldOut.contains(family(source))));
    }

    /**
     * The phase of an {@code smtp_command} value. A HELO/EHLO value does not tell the greeting
     * from the reply to HELO (bounce parsers record a refused greeting under HELO), so when the
     * text itself says the refusal came at the greeting ("refused to talk to me", "after initial
     * connection"), the greeting wins.
     */
    static SmtpPhase phaseOfCommand(String command, String text) {
        if (command == null) {
            return null;
        }
        SmtpPhase phase = SmtpPhase.ofCommand(command);
        if (phase == SmtpPhase.EHLO && text != null && SmtpReplyText.phaseOf(text) == SmtpPhase.CONNECT) {
            return SmtpPhase.CONNECT;
        }
        return phase;
    }

    private static String col(CSVRecord r, Map<String, Integer> header, String name) {
        Integer i = header.get(name);
        return i == null || i >= r.size() ? null : r.get(i);
    }

    /** Every case, held out or not. */
    public List<Case> cases() {
        return List.copyOf(cases);
    }

    /** The labelled cases that pass a filter. */
    public List<Case> labelled(Predicate<Case> filter) {
        return cases.stream().filter(Case::labelled).filter(filter).toList();
    }

    /** How many labelled cases agreed. */
    public int agreed() {
        return (int) labelled(c -> true).stream().filter(Case::agrees).count();
    }

    /** Agreement per expected label over all labelled cases, by label. */
    public List<Row> perCategory() {
        return perCategory(c -> true);
    }

    /** Agreement per expected label over the labelled cases that pass a filter, by label. */
    public List<Row> perCategory(Predicate<Case> filter) {
        Map<String, int[]> m = new TreeMap<>();
        for (Case c : labelled(filter)) {
            int[] v = m.computeIfAbsent(c.expectedLabel(), k -> new int[2]);
            v[0]++;
            if (c.agrees()) {
                v[1]++;
            }
        }
        return m.entrySet().stream().map(e -> new Row(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** The disagreements outside the held-out families, in file order. */
    public List<Case> confusions() {
        return labelled(c -> !c.heldOut()).stream().filter(c -> !c.agrees()).toList();
    }

    /**
     * The texts outside the held-out families that no entry decided (a code fallback or
     * unclassified), grouped by template and fallback, most frequent first.
     */
    public List<Undecided> undecided() {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (Case c : cases) {
            if (!c.heldOut() && !c.decidedByEntry()) {
                counts.merge(Arrays.asList(c.template(), c.patternId()), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .map(e -> new Undecided(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .sorted(Comparator.comparingInt((Undecided u) -> -u.count()).thenComparing(Undecided::template)
                        .thenComparing(Undecided::fallback))
                .toList();
    }
}

package dev.mailblocks.classify;

import dev.mailblocks.model.SmtpPhase;
import dev.mailblocks.model.SmtpReplyText;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Measures the classifier against a TSV of labelled texts: agreement overall and per expected
 * category, and the confusions. A header names the columns ({@code diagnostic_text},
 * {@code expected_category}, optionally {@code reply_code}, {@code enhanced_status},
 * {@code smtp_command}, {@code remote_host}); without one, column 1 is the text and 2 the category.
 */
public final class Coverage {

    /** One labelled case and what the classifier said. */
    public record Case(String text, String expected, String got, String patternId) {
    }

    /** The agreement of one expected category. */
    public record Row(String category, int total, int agreed) {
    }

    private final List<Case> cases = new ArrayList<>();

    /** Classifies every row of the TSV. */
    public static Coverage measure(Reader tsv, Classifier classifier) throws IOException {
        Coverage cov = new Coverage();
        CSVFormat format = CSVFormat.TDF.builder().setQuote(null).setIgnoreSurroundingSpaces(false).get();
        try (CSVParser parser = format.parse(tsv)) {
            Map<String, Integer> header = null;
            boolean first = true;
            for (CSVRecord r : parser) {
                if (first && r.size() > 1 && findColumn(r, "diagnostic_text") >= 0) {
                    header = new java.util.HashMap<>();
                    for (int i = 0; i < r.size(); i++) {
                        header.put(r.get(i).trim().toLowerCase(Locale.ROOT), i);
                    }
                    first = false;
                    continue;
                }
                first = false;
                cov.add(r, header, classifier);
            }
        }
        return cov;
    }

    private static int findColumn(CSVRecord r, String name) {
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private void add(CSVRecord r, Map<String, Integer> header, Classifier classifier) {
        String text;
        String expected;
        Integer reply = null;
        String enhanced = null;
        SmtpPhase phase = null;
        String host = null;
        if (header == null) {
            if (r.size() < 2) {
                return;
            }
            text = r.get(0);
            expected = r.get(1).trim();
        } else {
            text = col(r, header, "diagnostic_text");
            expected = col(r, header, "expected_category");
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
        }
        if (text == null || expected == null || expected.isEmpty()) {
            return;
        }
        Diagnostic d = Diagnostic.fromText(text, reply, enhanced, phase, host == null || host.isBlank() ? null : host,
                null);
        var c = classifier.classify(d);
        cases.add(new Case(text, expected, c.category().id(), c.patternId()));
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
        return phase;    }

    private static String col(CSVRecord r, Map<String, Integer> header, String name) {
        Integer i = header.get(name);
        return i == null || i >= r.size() ? null : r.get(i);
    }

    /** Every case. */
    public List<Case> cases() {
        return List.copyOf(cases);
    }

    /** How many agreed. */
    public int agreed() {
        return (int) cases.stream().filter(c -> c.expected().equals(c.got())).count();
    }

    /** Agreement per expected category, by category id. */
    public List<Row> perCategory() {
        Map<String, int[]> m = new TreeMap<>();
        for (Case c : cases) {
            int[] v = m.computeIfAbsent(c.expected(), k -> new int[2]);
            v[0]++;
            if (c.expected().equals(c.got())) {
                v[1]++;
            }
        }
        return m.entrySet().stream().map(e -> new Row(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** The disagreements. */
    public List<Case> confusions() {
        return cases.stream().filter(c -> !c.expected().equals(c.got())).toList();
    }
}

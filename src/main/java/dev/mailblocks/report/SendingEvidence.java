package dev.mailblocks.report;

import dev.mailblocks.store.CheckStore;
import dev.mailblocks.store.CheckStore.Row;
import dev.mailblocks.store.CheckStore.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the DNS says about us, beside what a receiver says: the stored sending-side checks that
 * bear on a blocking domain's top category (blocklists for a blocklist refusal, SPF, DMARC and
 * DKIM for an authentication one, reverse DNS for a PTR one), and a sentence where a check
 * disagrees with the receiver.
 *
 * @param applies whether the category has checks that bear on it (else nothing is shown)
 * @param lines the checks, by subject and check
 * @param disagreement where the DNS contradicts the receiver, or empty
 * @param note what the reader should know about the evidence: not checked, when checked
 */
public record SendingEvidence(boolean applies, String title, List<Line> lines, String disagreement, String note) {

    /** One check as shown: {@code verdict} is good, bad, neutral or unknown (for the style). */
    public record Line(String subject, String check, String result, String verdict, String detail, String checkedAt) {
    }

    /** No evidence for this category. */
    static final SendingEvidence NONE = new SendingEvidence(false, "", List.of(), "", "");

    /**
     * The evidence for a domain whose refusals are mostly {@code category}, naming our IPs
     * {@code ips} and sender domains {@code domains}; when the refusals name no IP, every IP
     * checked stands in (the configured sending IPs among them).
     */
    static SendingEvidence of(List<Row> stored, String category, String receiver, String example, List<String> ips,
            List<String> domains) {
        String kind = switch (category == null ? "" : category) {
            case "blocklisted", "bad-reputation" -> "blocklists";
            case "auth-failure" -> "auth";
            case "ptr-required" -> "ptr";
            default -> "";
        };
        if (kind.isEmpty()) {
            return NONE;
        }
        Set<String> subjects = new LinkedHashSet<>(ips);
        subjects.addAll(domains);
        boolean namedIps = !ips.isEmpty();
        Predicate<Row> wanted = switch (kind) {
            case "blocklists" -> r -> r.check().startsWith("dnsbl:");
            case "auth" -> r -> r.check().startsWith("spf:") && (domains.isEmpty() || domains.contains(r.check().substring(4)))
                    || r.check().equals("spf-record") || r.check().equals("dmarc") || r.check().startsWith("dkim");
            default -> r -> r.check().equals("ptr") || r.check().equals("ptr-forward");
        };
        List<Row> rows = new ArrayList<>();
        for (Row r : stored) {
            boolean isIp = r.subject().indexOf(':') >= 0 || r.subject().matches("[0-9.]+");
            boolean ours = subjects.contains(r.subject()) || isIp && !namedIps;
            if (ours && wanted.test(r)) {
                rows.add(r);
            }
        }
        String title = switch (kind) {
            case "blocklists" -> "Blocklists now";
            case "auth" -> "SPF, DMARC and DKIM now";
            default -> "Reverse DNS now";
        };
        if (rows.isEmpty()) {
            return new SendingEvidence(true, title, List.of(), "", "Not checked: no DNS checks are stored for "
                    + (subjects.isEmpty() ? "our IPs and domains" : String.join(", ", subjects))
                    + ". Run 'mailblocks check', or a nightly run without --no-dns.");
        }
        List<Line> lines = kind.equals("blocklists") ? blocklistLines(rows) : rows.stream().map(SendingEvidence::line)
                .toList();
        String who = receiver == null || receiver.isEmpty() ? "The receiver" : receiver;
        String disagreement = switch (kind) {
            case "blocklists" -> blocklists(rows, who, "bad-reputation".equals(category));
            case "auth" -> auth(rows, who, example == null ? "" : example.toLowerCase(Locale.ROOT));
            default -> ptr(rows, who);
        };
        long unknown = rows.stream().filter(r -> CheckStore.NOT_CHECKED.equals(r.result())).count();
        String newest = rows.stream().map(Row::checkedAt).max(java.util.Comparator.naturalOrder()).map(CsvCells::time)
                .orElse("");
        String note = "Checked " + newest + (unknown > 0 ? "; " + unknown + " of " + rows.size()
                + " checks could not be made (no DNS answer): they say nothing either way" : "") + ".";
        return new SendingEvidence(true, title, lines, disagreement, note);
    }

    private static Line line(Row r) {
        return new Line(r.subject(), r.check(), r.result(), Verdict.of(r).name().toLowerCase(Locale.ROOT), r.detail(),
                CsvCells.time(r.checkedAt()));
    }

    /** Listings and lists that did not answer one a line; the lists a subject is not on together in one line. */
    private static List<Line> blocklistLines(List<Row> rows) {
        List<Line> out = new ArrayList<>();
        java.util.Map<String, List<Row>> bySubject = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            bySubject.computeIfAbsent(r.subject(), k -> new ArrayList<>()).add(r);
        }
        for (var e : bySubject.entrySet()) {
            List<String> clean = new ArrayList<>();
            java.time.Instant newest = null;
            for (Row r : e.getValue()) {
                if (r.result().equals("not listed")) {
                    clean.add(r.detail().isEmpty() ? r.check().substring(6) : r.detail());
                    newest = newest == null || r.checkedAt().isAfter(newest) ? r.checkedAt() : newest;
                } else {
                    out.add(line(r));
                }
            }
            if (!clean.isEmpty()) {
                out.add(new Line(e.getKey(), "dnsbl (" + clean.size() + (clean.size() == 1 ? " list)" : " lists)"),
                        "not listed", "good", String.join(", ", clean), CsvCells.time(newest)));
            }
        }
        return out;
    }

    private static String blocklists(List<Row> rows, String who, boolean reputation) {
        List<String> listed = new ArrayList<>();
        int checked = 0;
        Set<String> ips = new LinkedHashSet<>();
        for (Row r : rows) {
            if (CheckStore.NOT_CHECKED.equals(r.result())) {
                continue;
            }
            checked++;
            ips.add(r.subject());
            if (r.result().equals("listed")) {
                listed.add(r.subject() + " on " + r.check().substring(6));
            }
        }
        if (checked == 0) {
            return "";
        }
        if (listed.isEmpty() && reputation) {
            return who + " distrusts our reputation, but " + String.join(", ", ips) + (ips.size() > 1 ? " are" : " is")
                    + " on none of the public lists checked: the reputation is the receiver's own (complaints, spam"
                    + " traps, volume). Its postmaster tools say more than a blocklist will.";
        }
        if (listed.isEmpty()) {
            return who + " refuses our mail as blocklisted, but " + String.join(", ", ips) + (ips.size() > 1 ? " are" : " is")
                    + " on none of the lists checked: the block may be the receiver's own list, or a listing that has"
                    + " expired. Ask the receiver which list it uses.";
        }
        return "Listed now: " + String.join("; ", listed)
                + ". Fix the cause, then ask for delisting on each list's page (in the detail).";
    }

    private static String auth(List<Row> rows, String who, String example) {
        List<String> spfPass = new ArrayList<>();
        List<String> spfBad = new ArrayList<>();
        List<String> dkim = new ArrayList<>();
        List<String> dmarcs = new ArrayList<>();
        for (Row r : rows) {
            if (r.check().startsWith("spf:")) {
                if (r.result().equals("pass")) {
                    spfPass.add(r.subject() + " (" + r.check().substring(4) + ")");
                } else if (!CheckStore.NOT_CHECKED.equals(r.result()) && !r.result().equals("temperror")) {
                    // none, neutral, softfail, fail, permerror: none of them passes
                    spfBad.add(r.subject() + " " + r.result() + " (" + r.check().substring(4) + ")");
                }
            } else if (r.check().startsWith("dkim:") && r.result().equals("present")) {
                dkim.add(r.check().substring(5) + " (" + r.subject() + ")");
            } else if (r.check().equals("dmarc") && !CheckStore.NOT_CHECKED.equals(r.result())) {
                dmarcs.add(r.subject() + " has DMARC " + (r.result().equals("missing") ? "missing" : "p=" + r.result()));
            }
        }
        String dmarc = String.join("; ", dmarcs);
        String says = example.contains("dmarc") ? "DMARC failed" : example.contains("spf") ? "SPF failed"
                : example.contains("dkim") ? "DKIM failed" : "our mail is not authenticated";
        if (!spfPass.isEmpty() && spfBad.isEmpty()) {
            return who + " says " + says + ", but SPF passes for " + String.join(", ", spfPass)
                    + (dkim.isEmpty() ? "" : " and DKIM keys exist for selector " + String.join(", ", dkim))
                    + (dmarc.isEmpty() ? "" : "; " + dmarc)
                    + ". Check alignment: the From header's domain must match the envelope (SPF) or signing (DKIM) domain,"
                    + " and that messages are signed at all.";
        }
        if (!spfBad.isEmpty()) {
            return "The DNS agrees: SPF does not pass for " + String.join(", ", spfBad)
                    + (dmarc.isEmpty() ? "" : "; " + dmarc) + ".";
        }
        return "";
    }

    private static String ptr(List<Row> rows, String who) {
        List<String> ok = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (Row r : rows) {
            Verdict v = Verdict.of(r);
            if (r.check().equals("ptr-forward") && v == Verdict.GOOD) {
                ok.add(r.subject() + " (" + r.detail() + ")");
            } else if (v == Verdict.BAD) {
                bad.add(r.subject() + ": " + r.check() + " " + r.result());
            }
        }
        if (!ok.isEmpty() && bad.isEmpty()) {
            return who + " says reverse DNS is missing or does not match, but " + String.join(", ", ok)
                    + ". Check that the refusal names the IP we send from, and the HELO name.";
        }
        return bad.isEmpty() ? "" : "The DNS agrees: " + String.join("; ", bad) + ".";
    }

    /** Whether there is anything to show. */
    public boolean shown() {
        return applies;
    }
}

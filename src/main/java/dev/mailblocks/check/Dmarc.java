package dev.mailblocks.check;

import dev.mailblocks.store.CheckStore;
import dev.mailblocks.store.CheckStore.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * DMARC (RFC 7489 6.6.3): the record at {@code _dmarc.DOMAIN}, else at the organisational
 * domain's, whose {@code sp} (or {@code p}) then applies. The result is the policy that applies
 * to mail from the domain ({@code reject}, {@code quarantine}, {@code none}), {@code missing} or
 * {@code invalid}; the detail gives {@code pct} and where the record was found.
 */
final class Dmarc {

    private Dmarc() {
    }

    static Row check(Dns dns, String domain, Instant now) {
        String org = Subjects.organisational(domain);
        Found at = find(dns, domain);
        boolean inherited = false;
        if (at.failure == null && at.records.isEmpty() && !org.equals(domain)) {
            at = find(dns, org);
            inherited = true;
        }
        if (at.failure != null) {
            return SendingChecks.row(domain, "dmarc", CheckStore.NOT_CHECKED, at.failure, now);
        }
        String where = "_dmarc." + (inherited ? org : domain);
        if (at.records.isEmpty()) {
            return SendingChecks.row(domain, "dmarc", "missing", "no DMARC record at _dmarc." + domain
                    + (org.equals(domain) ? "" : " or _dmarc." + org), now);
        }
        if (at.records.size() > 1) {
            return SendingChecks.row(domain, "dmarc", "invalid", at.records.size() + " DMARC records at " + where
                    + ": receivers apply none", now);
        }
        String text = at.records.get(0);
        Map<String, String> tags = tags(text);
        String p = tags.getOrDefault("p", "").toLowerCase(Locale.ROOT);
        String policy = inherited && tags.containsKey("sp") ? tags.get("sp").toLowerCase(Locale.ROOT) : p;
        if (!List.of("none", "quarantine", "reject").contains(policy)) {
            return SendingChecks.row(domain, "dmarc", "invalid", where + ": no valid p= tag: " + text, now);
        }
        String pct = tags.getOrDefault("pct", "100");
        return SendingChecks.row(domain, "dmarc", policy, "p=" + policy + " pct=" + pct
                + (inherited ? " (from the organisational domain's record " + where + ")" : " at " + where)
                + ": " + text, now);
    }

    private record Found(List<String> records, String failure) {
    }

    private static Found find(Dns dns, String domain) {
        Answer a = dns.query("_dmarc." + domain, Type.TXT);
        if (a instanceof Answer.Failure f) {
            return new Found(List.of(), f.reason());
        }
        List<String> out = new ArrayList<>();
        if (a instanceof Answer.Records r) {
            for (Record x : r.records()) {
                String text = String.join("", ((TXTRecord) x).getStrings()).trim();
                if (text.regionMatches(true, 0, "v=DMARC1", 0, 8)
                        && (text.length() == 8 || text.charAt(8) == ';' || Character.isWhitespace(text.charAt(8)))) {
                    out.add(text);
                }
            }
        }
        return new Found(out, null);
    }

    /** {@code tag=value; ...} of a DMARC or DKIM record, tags lower-cased. */
    static Map<String, String> tags(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(part.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                        part.substring(eq + 1).replaceAll("\\s+", ""));
            }
        }
        return out;
    }
}

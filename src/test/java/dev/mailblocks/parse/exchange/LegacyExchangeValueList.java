package dev.mailblocks.parse.exchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ExchangeValueList as it was before the byte path (commit 269b1e6), for {@link LegacyExchangeTrackingLogParser}.
 *
 * <p>The multi-valued cells of Exchange message tracking logs: {@code recipient-address} and the
 * parallel {@code recipient-status}.
 *
 * <p>Exchange writes a collection by joining its members with {@code ;}; a member that itself
 * holds a {@code ;} or an apostrophe is wrapped in apostrophes, an apostrophe inside doubled
 * ({@code 'o''brien@example.com'}). So two refusals read
 * {@code '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found';'550 5.1.1 ...'} (Exchange's own
 * log writer, {@code Utf8Csv.EscapeAndAppendCollectionMember}, does this). Logs written without
 * that quoting (older servers, or hand-made exports) are split before each reply code instead.
 */
final class LegacyExchangeValueList {

    /** Where an unquoted status list starts a new member: a {@code ;} before a reply code. */
    private static final Pattern NEXT_STATUS = Pattern.compile(";\\s*(?=[245]\\d\\d(?:[ -]|$))");

    private LegacyExchangeValueList() {
    }

    /** The members of a cell, unquoted; empty members dropped; an empty list for an empty cell. */
    static List<String> members(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        StringBuilder m = new StringBuilder();
        int i = 0;
        int n = cell.length();
        while (i <= n) {
            m.setLength(0);
            if (i < n && cell.charAt(i) == '\'') {
                // a quoted member: up to the apostrophe that is not doubled
                i++;
                while (i < n) {
                    char c = cell.charAt(i);
                    if (c == '\'') {
                        if (i + 1 < n && cell.charAt(i + 1) == '\'') {
                            m.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    m.append(c);
                    i++;
                }
                // anything between the closing apostrophe and the next ';' belongs to the member
                while (i < n && cell.charAt(i) != ';') {
                    m.append(cell.charAt(i++));
                }
            } else {
                while (i < n && cell.charAt(i) != ';') {
                    m.append(cell.charAt(i++));
                }
            }
            String member = m.toString().strip();
            if (!member.isEmpty()) {
                out.add(member);
            }
            i++; // the ';' (or past the end)
        }
        return out;
    }

    /**
     * The status of each of {@code recipients} recipients, from the {@code recipient-status} cell.
     * One status for several recipients applies to all of them; a list that cannot be paired
     * gives each recipient the status at its position, and the last status to the rest.
     */
    static List<String> statuses(String cell, int recipients) {
        int n = Math.max(recipients, 1);
        if (cell == null || cell.isBlank()) {
            return Collections.nCopies(n, "");
        }
        List<String> quoted = members(cell);
        if (quoted.size() == n) {
            return quoted;
        }
        if (n == 1) {
            // one status holding an unquoted ';' (RESOLVER.ADR.RecipNotFound; not found)
            return List.of(unwrap(cell.strip()));
        }
        List<String> byCode = splitBeforeCodes(cell);
        if (byCode.size() == n) {
            return byCode;
        }
        List<String> best = byCode.size() == 1 ? List.of(unwrap(cell.strip())) : byCode;
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(best.get(Math.min(i, best.size() - 1)));
        }
        return out;
    }

    private static List<String> splitBeforeCodes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = NEXT_STATUS.matcher(cell);
        int start = 0;
        while (m.find()) {
            add(out, cell.substring(start, m.start()));
            start = m.end();
        }
        add(out, cell.substring(start));
        return out;
    }

    private static void add(List<String> out, String member) {
        String s = member.strip();
        if (!s.isEmpty()) {
            out.add(unwrap(s));
        }
    }

    /** A whole member wrapped in apostrophes, unwrapped. */
    private static String unwrap(String s) {
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return s;
    }
}

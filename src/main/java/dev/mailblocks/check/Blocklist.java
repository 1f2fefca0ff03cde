package dev.mailblocks.check;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DNS blocklist: its zone, whether it lists IP addresses or domains, what its answers mean and
 * where a listed sender asks to be removed. Answers in 127.255.255.0/24 (and the few other
 * codes a list documents as errors) mean the list refused to answer, never "listed".
 *
 * @param codes meaning of each answer address; an answer not in it is "listed" (code shown)
 * @param errors answers that are the list's error codes (query refused, open resolver, quota)
 * @param bitmask the last octet is a sum of sub-list bits (SURBL)
 */
public record Blocklist(String zone, boolean domains, String name, String delist, Map<String, String> codes,
        Map<String, String> errors, Map<Integer, String> bitmask) {

    private static final Map<String, String> SPAMHAUS_ERRORS = Map.of(
            "127.255.255.252", "typing error in the DNSBL name",
            "127.255.255.254", "query through a public or open resolver, which Spamhaus refuses",
            "127.255.255.255", "too many queries from this resolver");

    /** The lists mailblocks knows by zone; any other zone can be named too, with generic answers. */
    public static final List<Blocklist> KNOWN = List.of(
            new Blocklist("zen.spamhaus.org", false, "Spamhaus ZEN", "https://check.spamhaus.org/", Map.of(
                    "127.0.0.2", "SBL (Spamhaus Block List: spam source)",
                    "127.0.0.3", "SBL CSS (snowshoe spam sending)",
                    "127.0.0.4", "XBL (exploited host: malware, botnet, open proxy)",
                    "127.0.0.5", "XBL (exploited host)",
                    "127.0.0.6", "XBL (exploited host)",
                    "127.0.0.7", "XBL (exploited host)",
                    "127.0.0.9", "SBL DROP (hijacked or criminal network)",
                    "127.0.0.10", "PBL (ISP policy: end-user range that should not send mail directly)",
                    "127.0.0.11", "PBL (Spamhaus policy: end-user range)"), SPAMHAUS_ERRORS, Map.of()),
            new Blocklist("b.barracudacentral.org", false, "Barracuda BRBL",
                    "https://www.barracudacentral.org/rbl/removal-request", Map.of("127.0.0.2", "listed"), Map.of(), Map.of()),
            new Blocklist("bl.spamcop.net", false, "SpamCop", "https://www.spamcop.net/bl.shtml",
                    Map.of("127.0.0.2", "listed (spam reports; expires on its own about a day after they stop)"), Map.of(),
                    Map.of()),
            new Blocklist("dnsbl-1.uceprotect.net", false, "UCEPROTECT level 1",
                    "https://www.uceprotect.net/en/rblcheck.php", Map.of("127.0.0.2", "listed (this IP sent to spam traps)"),
                    Map.of(), Map.of()),
            new Blocklist("psbl.surriel.com", false, "PSBL", "https://psbl.org/", Map.of("127.0.0.2", "listed (spam trap hits)"),
                    Map.of(), Map.of()),
            new Blocklist("bl.mailspike.net", false, "Mailspike BL", "https://mailspike.io/", Map.of(
                    "127.0.0.2", "listed (part of a distributed spam wave, z.mailspike.net)",
                    "127.0.0.10", "listed (reputation L5: worst)",
                    "127.0.0.11", "listed (reputation L4: very bad)",
                    "127.0.0.12", "listed (reputation L3: bad)"), Map.of(), Map.of()),
            new Blocklist("dbl.spamhaus.org", true, "Spamhaus DBL", "https://check.spamhaus.org/", Map.of(
                    "127.0.1.2", "spam domain",
                    "127.0.1.4", "phishing domain",
                    "127.0.1.5", "malware domain",
                    "127.0.1.6", "botnet C&C domain",
                    "127.0.1.102", "abused legitimate domain (spam)",
                    "127.0.1.103", "abused legitimate domain (spammed redirector)",
                    "127.0.1.104", "abused legitimate domain (phishing)",
                    "127.0.1.105", "abused legitimate domain (malware)",
                    "127.0.1.106", "abused legitimate domain (botnet C&C)"),
                    Map.of("127.255.255.252", "typing error in the DNSBL name",
                            "127.255.255.254", "query through a public or open resolver, which Spamhaus refuses",
                            "127.255.255.255", "too many queries from this resolver",
                            "127.0.1.255", "an IP address was queried on a domain list"), Map.of()),
            new Blocklist("multi.surbl.org", true, "SURBL multi", "https://surbl.org/surbl-analysis", Map.of(),
                    Map.of("127.0.0.1", "SURBL refuses queries from this resolver (blocked access)"),
                    Map.of(4, "DM (disposable)", 8, "PH (phishing)", 16, "MW (malware)", 32, "CT (click tracker)",
                            64, "ABUSE (spam)", 128, "CR (cracked site)")));

    /** The default lists: every known one. */
    public static List<String> defaults() {
        return KNOWN.stream().map(Blocklist::zone).toList();
    }

    /**
     * The list of a zone; an unknown zone lists IPs unless it is named {@code domain:ZONE}
     * (then domains), with its answers shown as they come.
     */
    public static Blocklist of(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        boolean domain = s.startsWith("domain:");
        String zone = domain ? s.substring(7) : s.startsWith("ip:") ? s.substring(3) : s;
        zone = zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
        if (!zone.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)+")) {
            throw new IllegalArgumentException("--dnsbls " + spec + ": not a DNS zone (zen.spamhaus.org, domain:dbl.example)");
        }
        for (Blocklist b : KNOWN) {
            if (b.zone.equals(zone)) {
                return b;
            }
        }
        return new Blocklist(zone, domain, zone, "", Map.of(), Map.of(), Map.of());
    }

    /**
     * What an answer address means: a listing reason, or null when it is one of the list's error
     * codes (or any 127.255.255.x, or not a 127.0.0.0/8 address at all, which a hijacking resolver gives).
     */
    public String meaning(String address) {
        if (errors.containsKey(address) || address.startsWith("127.255.255.") || !address.startsWith("127.")) {
            return null;
        }
        if (!bitmask.isEmpty()) {
            int last = Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<Integer, String> e : new java.util.TreeMap<>(bitmask).entrySet()) {
                if ((last & e.getKey()) != 0) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue());
                }
            }
            return sb.length() == 0 ? "listed (" + address + ")" : sb.toString();
        }
        String m = codes.get(address);
        return m == null ? "listed (" + address + ")" : m;
    }

    /** Why an error answer is not a listing. */
    public String error(String address) {
        String e = errors.get(address);
        if (e != null) {
            return e;
        }
        return address.startsWith("127.") ? "error code " + address + " from the list" : "answer " + address
                + " is not a list code (a resolver that rewrites answers?)";
    }
}

package dev.mailblocks.check;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the sending-side DNS checks ask and of whom.
 *
 * @param resolver {@code HOST[:PORT]} of the DNS server to ask; null for the system's
 * @param blocklists DNSBL zones ({@code domain:ZONE} for a domain list not known by name)
 * @param dkimSelectors the DKIM selectors whose keys must exist for each sender domain
 * @param sendingIps our sending IPs, checked whether or not a refusal names them
 * @param senderDomains our sender domains, checked whether or not a refusal names them
 * @param oncePerDay skip subjects checked in the last 24 hours (the nightly run)
 */
public record CheckConfig(String resolver, List<String> blocklists, List<String> dkimSelectors, List<String> sendingIps,
        List<String> senderDomains, Duration timeout, int maxInFlight, Duration budget, boolean oncePerDay) {

    /** The per-query timeout unless told otherwise. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Queries in flight at once. */
    public static final int MAX_IN_FLIGHT = 8;
    /** The most a run spends on DNS checks. */
    public static final Duration BUDGET = Duration.ofSeconds(60);

    public CheckConfig {
        blocklists = blocklists == null || blocklists.isEmpty() ? Blocklist.defaults() : List.copyOf(blocklists);
        dkimSelectors = clean(dkimSelectors);
        sendingIps = clean(sendingIps);
        senderDomains = clean(senderDomains);
        timeout = timeout == null ? TIMEOUT : timeout;
        budget = budget == null ? BUDGET : budget;
        maxInFlight = maxInFlight <= 0 ? MAX_IN_FLIGHT : maxInFlight;
        for (String b : blocklists) {
            Blocklist.of(b); // a bad zone is a usage error before anything is opened
        }
        for (String ip : sendingIps) {
            if (!Subjects.isIp(ip)) {
                throw new IllegalArgumentException("--sending-ips " + ip + ": not an IPv4 or IPv6 address");
            }
        }
        for (String d : senderDomains) {
            if (!Subjects.isDomain(d)) {
                throw new IllegalArgumentException("--sender-domains " + d + ": not a domain name");
            }
        }
        for (String s : dkimSelectors) {
            if (!s.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
                throw new IllegalArgumentException("--dkim-selectors " + s + ": not a DKIM selector");
            }
        }
        if (resolver != null) {
            Dns.parse(resolver);
        }
    }

    private static List<String> clean(List<String> in) {
        return in == null ? List.of() : in.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .distinct().toList();
    }
}

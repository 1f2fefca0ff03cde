package dev.mailblocks.cli;

import dev.mailblocks.check.CheckConfig;
import dev.mailblocks.pipeline.UsageException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the sending-side DNS checks ({@code run} and {@code check}); the config file can set each. */
final class DnsOptions {

    @Option(names = "--resolver", paramLabel = "HOST[:PORT]",
            description = "DNS server to ask for the sending-side checks (default: the system's, from /etc/resolv.conf)")
    String resolver;

    @Option(names = "--no-dns", description = "skip the sending-side DNS checks (blocklists, SPF, DMARC, DKIM, PTR)")
    boolean noDns;

    @Option(names = "--dnsbls", paramLabel = "ZONE", split = ",",
            description = "DNS blocklists to check (default: the known ones: zen.spamhaus.org, b.barracudacentral.org,"
                    + " bl.spamcop.net, dnsbl-1.uceprotect.net, psbl.surriel.com, bl.mailspike.net, dbl.spamhaus.org,"
                    + " multi.surbl.org); domain:ZONE for another domain list")
    List<String> dnsbls;

    @Option(names = "--dkim-selectors", paramLabel = "SELECTOR", split = ",",
            description = "DKIM selectors whose keys must exist for each sender domain")
    List<String> dkimSelectors;

    @Option(names = "--sending-ips", paramLabel = "IP", split = ",",
            description = "our sending IPs, checked whether or not a refusal names them")
    List<String> sendingIps;

    @Option(names = "--sender-domains", paramLabel = "DOMAIN", split = ",",
            description = "our sender domains, checked whether or not a refusal names them")
    List<String> senderDomains;

    @Option(names = "--dns-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "timeout of one DNS query (default: 2s)")
    Duration timeout;

    @Option(names = "--dns-budget", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "the most the checks of one run may take; what is left is 'not checked' (default: 60s)")
    Duration budget;

    /** The checks to make, or null with {@code --no-dns}. */
    CheckConfig config(boolean oncePerDay) {
        if (noDns) {
            return null;
        }
        try {
            return new CheckConfig(resolver, dnsbls, dkimSelectors, sendingIps, senderDomains, timeout,
                    CheckConfig.MAX_IN_FLIGHT, budget, oncePerDay);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

package dev.mailblocks.classify;

import java.util.List;

/** A receiving mailbox provider or gateway, recognised from remote host name suffixes. */
public record Provider(String id, String name, List<String> hosts, String postmaster) {
    public Provider {
        hosts = List.copyOf(hosts);
    }
}

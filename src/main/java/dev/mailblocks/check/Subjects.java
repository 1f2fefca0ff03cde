package dev.mailblocks.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** What may be checked: public IP addresses and domain names. */
final class Subjects {

    private Subjects() {
    }

    static boolean isIp(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? octetsOk(s) : s.contains(":") && s.matches("[0-9a-fA-F:.]+") && parses(s);
    }

    private static boolean octetsOk(String s) {
        for (String o : s.split("\\.")) {
            if (Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean parses(String s) {
        return literal(s) != null;
    }

    /**
     * The address an IP literal names, or null when {@code s} is not one. Never a DNS lookup: unlike
     * {@code InetAddress.getByName}, a name (or a malformed literal such as {@code 300.1.2.3}) is not
     * sent to the system's resolver.
     */
    static InetAddress literal(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return org.xbill.DNS.Address.getByAddress(s);
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    /**
     * An address worth asking about: not loopback, private, link-local, multicast or unspecified
     * (a receiver quoting such an address is not naming our public sending IP).
     */
    static boolean isPublicIp(String s) {
        if (!isIp(s)) {
            return false;
        }
        InetAddress a = literal(s);
        return a != null && !(a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || s.startsWith("0.") || s.toLowerCase(Locale.ROOT).startsWith("fc")
                || s.toLowerCase(Locale.ROOT).startsWith("fd"));
    }

    static boolean isDomain(String s) {
        return s.length() <= 253 && s.matches("(?i)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}[a-z0-9]");
    }

    /**
     * The organisational domain (RFC 7489 3.2) by a simple rule instead of the public suffix list:
     * the last two labels, or three when the second-level label is one of the generic ones
     * countries use under their code ({@code example.co.uk}, {@code example.com.au}).
     */
    static String organisational(String domain) {
        String[] l = domain.toLowerCase(Locale.ROOT).split("\\.");
        if (l.length <= 2) {
            return domain.toLowerCase(Locale.ROOT);
        }
        String sld = l[l.length - 2];
        boolean generic = l[l.length - 1].length() == 2
                && java.util.Set.of("co", "com", "net", "org", "gov", "edu", "ac", "ne", "or", "go", "gob", "mil")
                        .contains(sld);
        int keep = generic ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(l, l.length - keep, l.length));
    }
}

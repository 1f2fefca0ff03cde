package dev.mailblocks.check;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * SPF per RFC 7208: {@code check_host(ip, domain, sender)} with every mechanism ({@code all},
 * {@code include}, {@code a}, {@code mx}, {@code ptr}, {@code ip4}, {@code ip6}, {@code exists}),
 * qualifiers, the {@code redirect} modifier, macros ({@code s l o d i p v h} with their
 * transformers; {@code c r t} are allowed only in {@code exp} and give permerror elsewhere), the
 * limit of 10 DNS-querying terms and of 2 void lookups (permerror past either), at most 10 MX
 * or PTR names per term. {@code exp} is not fetched: the explanation is for the receiver's
 * bounce, not for us.
 */
public final class Spf {

    /** The result of an evaluation, with a sentence saying why. */
    public record Result(String result, String detail) {
    }

    /** The SPF record of a domain as found: the text, {@code none}, or why it could not be read. */
    public record RecordLookup(String result, String text) {
    }

    static final int MAX_TERMS = 10;
    static final int MAX_VOID = 2;
    static final int MAX_NAMES = 10;

    private final Dns dns;
    private int terms;
    private int voids;

    Spf(Dns dns) {
        this.dns = dns;
    }

    /** Evaluates whether {@code ip} may send mail for {@code domain} (sender {@code postmaster@domain}). */
    public static Result check(Dns dns, String ip, String domain) {
        InetAddress addr = Subjects.literal(ip);
        if (addr == null) {
            return new Result("permerror", ip + " is not an IP address");
        }
        try {
            return new Spf(dns).evaluate(addr, domain.toLowerCase(Locale.ROOT), "postmaster@" + domain, 0);
        } catch (SpfError s) {
            return s.result();
        }
    }

    /** The {@code v=spf1} record of a domain: {@code present}, {@code none}, {@code permerror} (several) or {@code temperror}. */
    public static RecordLookup record(Dns dns, String domain) {
        Answer a = dns.query(domain, Type.TXT);
        if (a instanceof Answer.Failure f) {
            return new RecordLookup(f.reason().startsWith("not checked") ? "not checked" : "temperror", f.reason());
        }
        List<String> spf = spfRecords(a);
        if (spf.isEmpty()) {
            return new RecordLookup("none", "no v=spf1 TXT record at " + domain);
        }
        if (spf.size() > 1) {
            return new RecordLookup("permerror", spf.size() + " v=spf1 records at " + domain + " (RFC 7208 allows one)");
        }
        return new RecordLookup("present", spf.get(0));
    }

    private static List<String> spfRecords(Answer a) {
        List<String> out = new ArrayList<>();
        if (a instanceof Answer.Records r) {
            for (Record rec : r.records()) {
                if (rec instanceof TXTRecord t) {
                    String text = String.join("", t.getStrings());
                    String lower = text.toLowerCase(Locale.ROOT);
                    if (lower.equals("v=spf1") || lower.startsWith("v=spf1 ")) {
                        out.add(text);
                    }
                }
            }
        }
        return out;
    }

    private Result evaluate(InetAddress ip, String domain, String sender, int depth) throws SpfError {
        if (!validDomain(domain)) {
            return new Result("none", domain + " is not a valid domain name");
        }
        Answer a = dns.query(domain, Type.TXT);
        if (a instanceof Answer.Failure f) {
            throw new SpfError(f.reason().startsWith("not checked") ? "not checked" : "temperror",
                    "TXT of " + domain + ": " + f.reason());
        }
        List<String> records = spfRecords(a);
        if (records.isEmpty()) {
            return new Result("none", "no SPF record at " + domain);
        }
        if (records.size() > 1) {
            throw new SpfError("permerror", records.size() + " SPF records at " + domain);
        }
        String[] parts = records.get(0).trim().split(" +");
        String redirect = null;
        List<String> directives = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String term = parts[i];
            int eq = term.indexOf('=');
            int colon = term.indexOf(':');
            int slash = term.indexOf('/');
            boolean modifier = eq > 0 && (colon < 0 || eq < colon) && (slash < 0 || eq < slash)
                    && term.substring(0, eq).matches("[A-Za-z][A-Za-z0-9_.-]*");
            if (modifier) {
                String name = term.substring(0, eq).toLowerCase(Locale.ROOT);
                if (name.equals("redirect")) {
                    if (redirect != null) {
                        throw new SpfError("permerror", domain + ": redirect given twice");
                    }
                    redirect = term.substring(eq + 1);
                } else if (name.equals("exp") && term.length() == eq + 1) {
                    throw new SpfError("permerror", domain + ": empty exp=");
                }
                // exp and unknown modifiers are ignored (RFC 7208 6)
            } else {
                directives.add(term);
            }
        }
        // RFC 7208 4.6: a syntax error anywhere in the record is a permerror, even after a matching term
        for (String d : directives) {
            checkSyntax(ip, domain, sender, d);
        }
        if (redirect != null) {
            expand(redirect, ip, domain, sender, false);
        }
        for (String d : directives) {
            char q = d.charAt(0);
            String qualifier = "+-~?".indexOf(q) >= 0 ? String.valueOf(q) : "+";
            String mech = "+-~?".indexOf(q) >= 0 ? d.substring(1) : d;
            if (matches(ip, domain, sender, mech, depth)) {
                String res = switch (qualifier) {
                    case "-" -> "fail";
                    case "~" -> "softfail";
                    case "?" -> "neutral";
                    default -> "pass";
                };
                return new Result(res, "matched " + d + " in " + domain + "'s SPF record");
            }
        }
        if (redirect != null) {
            countTerm(domain, "redirect");
            String target = expand(redirect, ip, domain, sender, false);
            Result r = evaluate(ip, target, sender, depth + 1);
            if (r.result().equals("none")) {
                throw new SpfError("permerror", domain + ": redirect=" + target + " has no SPF record");
            }
            return new Result(r.result(), r.detail() + " (via redirect from " + domain + ")");
        }
        return new Result("neutral", "no mechanism of " + domain + "'s SPF record matched, and it has no redirect");
    }

    private boolean matches(InetAddress ip, String domain, String sender, String mech, int depth) throws SpfError {
        String lower = mech.toLowerCase(Locale.ROOT);
        String name = lower.split("[:/]", 2)[0];
        String arg = mech.length() > name.length() ? mech.substring(name.length()) : "";
        switch (name) {
            case "all" -> {
                if (!arg.isEmpty()) {
                    throw new SpfError("permerror", domain + ": bad term " + mech);
                }
                return true;
            }
            case "include" -> {
                countTerm(domain, mech);
                if (!arg.startsWith(":") || arg.length() == 1) {
                    throw new SpfError("permerror", domain + ": include needs a domain: " + mech);
                }
                String target = expand(arg.substring(1), ip, domain, sender, false);
                Result r = evaluate(ip, target, sender, depth + 1);
                return switch (r.result()) {
                    case "pass" -> true;
                    case "fail", "softfail", "neutral" -> false;
                    case "none" -> throw new SpfError("permerror", domain + ": include:" + target + " has no SPF record");
                    default -> throw new SpfError(r.result(), r.detail());
                };
            }
            case "a", "mx" -> {
                countTerm(domain, mech);
                String[] spec = domainAndCidr(arg, domain, mech);
                String target = spec[0] == null ? domain : expand(spec[0], ip, domain, sender, false);
                int cidr4 = spec[1] == null ? 32 : cidr(spec[1], 32, domain, mech);
                int cidr6 = spec[2] == null ? 128 : cidr(spec[2], 128, domain, mech);
                List<String> hosts = new ArrayList<>();
                if (name.equals("a")) {
                    hosts.add(target);
                } else {
                    Answer mx = lookup(target, Type.MX);
                    if (mx instanceof Answer.Records r) {
                        if (r.records().size() > MAX_NAMES) {
                            throw new SpfError("permerror", domain + ": " + mech + " has more than " + MAX_NAMES + " MX names");
                        }
                        for (Record rec : r.records()) {
                            hosts.add(((MXRecord) rec).getTarget().toString(true));
                        }
                    }
                }
                for (String h : hosts) {
                    Answer addrs = lookup(h, ip.getAddress().length == 4 ? Type.A : Type.AAAA);
                    if (addrs instanceof Answer.Records r) {
                        for (Record rec : r.records()) {
                            InetAddress x = rec instanceof ARecord ar ? ar.getAddress() : ((AAAARecord) rec).getAddress();
                            if (inNetwork(ip, x, x.getAddress().length == 4 ? cidr4 : cidr6)) {
                                return true;
                            }
                        }
                    }
                }
                return false;
            }
            case "ip4", "ip6" -> {
                Network n = network(name, arg, domain, mech);
                return inNetwork(ip, n.address(), n.length());
            }
            case "exists" -> {
                countTerm(domain, mech);
                if (!arg.startsWith(":") || arg.length() == 1) {
                    throw new SpfError("permerror", domain + ": exists needs a domain: " + mech);
                }
                return lookup(expand(arg.substring(1), ip, domain, sender, false), Type.A) instanceof Answer.Records;
            }
            case "ptr" -> {
                countTerm(domain, mech);
                String target = arg.startsWith(":") ? expand(arg.substring(1), ip, domain, sender, false) : domain;
                for (String validated : validatedNames(ip)) {
                    if (validated.equals(target) || validated.endsWith("." + target)) {
                        return true;
                    }
                }
                return false;
            }
            default -> throw new SpfError("permerror", domain + ": unknown mechanism " + mech);
        }
    }

    private record Network(InetAddress address, int length) {
    }

    /** The {@code :address[/length]} of an ip4 or ip6 term: an IP literal only, never a name to look up. */
    private static Network network(String name, String arg, String domain, String mech) throws SpfError {
        if (!arg.startsWith(":")) {
            throw new SpfError("permerror", domain + ": bad term " + mech);
        }
        String net = arg.substring(1);
        int sl = net.indexOf('/');
        String address = sl < 0 ? net : net.substring(0, sl);
        boolean v4 = name.equals("ip4");
        if (v4 ? !address.matches("\\d{1,3}(\\.\\d{1,3}){3}") : !address.contains(":")) {
            throw new SpfError("permerror", domain + ": bad address in " + mech);
        }
        InetAddress n = Subjects.literal(address);
        if (n == null || (n.getAddress().length == 4) != v4) {
            throw new SpfError("permerror", domain + ": bad address in " + mech);
        }
        int len = sl < 0 ? (v4 ? 32 : 128) : cidr(net.substring(sl + 1), v4 ? 32 : 128, domain, mech);
        return new Network(n, len);
    }

    /** RFC 7208 4.6: the syntax of one directive, checked before any is evaluated (no DNS query). */
    private void checkSyntax(InetAddress ip, String domain, String sender, String d) throws SpfError {
        String mech = "+-~?".indexOf(d.charAt(0)) >= 0 ? d.substring(1) : d;
        String name = mech.toLowerCase(Locale.ROOT).split("[:/]", 2)[0];
        String arg = mech.substring(name.length());
        switch (name) {
            case "all" -> {
                if (!arg.isEmpty()) {
                    throw new SpfError("permerror", domain + ": bad term " + d);
                }
            }
            case "include", "exists" -> {
                if (!arg.startsWith(":") || arg.length() == 1) {
                    throw new SpfError("permerror", domain + ": " + name + " needs a domain: " + d);
                }
                expand(arg.substring(1), ip, domain, sender, false);
            }
            case "a", "mx" -> {
                String[] spec = domainAndCidr(arg, domain, mech);
                if (spec[0] != null) {
                    expand(spec[0], ip, domain, sender, false);
                }
                if (spec[1] != null) {
                    cidr(spec[1], 32, domain, mech);
                }
                if (spec[2] != null) {
                    cidr(spec[2], 128, domain, mech);
                }
            }
            case "ip4", "ip6" -> network(name, arg, domain, mech);
            case "ptr" -> {
                if (arg.startsWith(":") && arg.length() > 1) {
                    expand(arg.substring(1), ip, domain, sender, false);
                } else if (!arg.isEmpty()) {
                    throw new SpfError("permerror", domain + ": bad term " + d);
                }
            }
            default -> throw new SpfError("permerror", domain + ": unknown mechanism " + d);
        }
    }

    /** RFC 7208 5.5: the PTR names of the IP whose A/AAAA records include it (at most 10 looked at). */
    private List<String> validatedNames(InetAddress ip) throws SpfError {
        List<String> out = new ArrayList<>();
        // RFC 7208 5.5: a DNS error on the PTR lookup means the mechanism does not match (not temperror)
        Answer ptr = dns.query(ReverseMap.fromAddress(ip).toString(), Type.PTR);
        if (!(ptr instanceof Answer.Failure) && ptr.isVoid() && ++voids > MAX_VOID) {
            throw new SpfError("permerror", "more than " + MAX_VOID + " void DNS lookups (the last: PTR of "
                    + ReverseMap.fromAddress(ip) + ")");
        }
        if (ptr instanceof Answer.Records r) {
            int n = 0;
            for (Record rec : r.records()) {
                if (n++ >= MAX_NAMES) {
                    break;
                }
                String host = ((PTRRecord) rec).getTarget().toString(true).toLowerCase(Locale.ROOT);
                Answer back = dns.query(host, ip.getAddress().length == 4 ? Type.A : Type.AAAA);
                if (back instanceof Answer.Records b) {
                    for (Record x : b.records()) {
                        InetAddress a = x instanceof ARecord ar ? ar.getAddress() : ((AAAARecord) x).getAddress();
                        if (a.equals(ip)) {
                            out.add(host);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** A lookup made for a mechanism: a DNS failure is temperror, a void answer counts toward the limit of 2. */
    private Answer lookup(String name, int type) throws SpfError {
        Answer a = dns.query(name, type);
        if (a instanceof Answer.Failure f) {
            throw new SpfError(f.reason().startsWith("not checked") ? "not checked" : "temperror",
                    Type.string(type) + " of " + name + ": " + f.reason());
        }
        if (a.isVoid() && ++voids > MAX_VOID) {
            throw new SpfError("permerror", "more than " + MAX_VOID + " void DNS lookups (the last: " + Type.string(type)
                    + " of " + name + ")");
        }
        return a;
    }

    private void countTerm(String domain, String term) throws SpfError {
        if (++terms > MAX_TERMS) {
            throw new SpfError("permerror", "more than " + MAX_TERMS + " DNS-querying terms (the 11th: " + term + " in "
                    + domain + ")");
        }
    }

    /** {@code [:domain][/cidr4][//cidr6]} of a or mx: domain, cidr4, cidr6 (nulls when absent). */
    private static String[] domainAndCidr(String arg, String domain, String mech) throws SpfError {
        String rest = arg;
        String target = null;
        if (rest.startsWith(":")) {
            int sl = rest.indexOf('/');
            target = sl < 0 ? rest.substring(1) : rest.substring(1, sl);
            rest = sl < 0 ? "" : rest.substring(sl);
            if (target.isEmpty()) {
                throw new SpfError("permerror", domain + ": empty domain in " + mech);
            }
        }
        String c4 = null;
        String c6 = null;
        if (rest.startsWith("//")) {
            c6 = rest.substring(2);
        } else if (rest.startsWith("/")) {
            int dbl = rest.indexOf("//");
            c4 = dbl < 0 ? rest.substring(1) : rest.substring(1, dbl);
            c6 = dbl < 0 ? null : rest.substring(dbl + 2);
        } else if (!rest.isEmpty()) {
            throw new SpfError("permerror", domain + ": bad term " + mech);
        }
        return new String[] {target, c4, c6};
    }

    private static int cidr(String s, int max, String domain, String mech) throws SpfError {
        if (!s.matches("\\d{1,3}") || (s.length() > 1 && s.startsWith("0"))) {
            throw new SpfError("permerror", domain + ": bad prefix length in " + mech);
        }
        int n = Integer.parseInt(s);
        if (n > max) {
            throw new SpfError("permerror", domain + ": bad prefix length in " + mech);
        }
        return n;
    }

    static boolean inNetwork(InetAddress ip, InetAddress net, int len) {
        byte[] a = ip.getAddress();
        byte[] b = net.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int bits = a.length * 8;
        BigInteger mask = len == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - len).shiftLeft(bits - len);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, b).and(mask));
    }

    private static boolean validDomain(String d) {
        return d.length() <= 253 && d.contains(".") && !d.startsWith(".") && !d.contains("..")
                && d.matches("[A-Za-z0-9_.-]+\\.?");
    }

    String expand(String spec, InetAddress ip, String domain, String sender, boolean exp) throws SpfError {
        return SpfMacros.expand(spec, ip, domain, sender, exp);
    }
}

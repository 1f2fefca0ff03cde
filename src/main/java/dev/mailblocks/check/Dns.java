package dev.mailblocks.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The stub resolver of one run of checks (dnsjava's {@link SimpleResolver} underneath): a timeout
 * per query, a bound on queries in flight, a cache of every answer for the run, and a circuit
 * breaker. A server that does not answer the probe, or that lets {@link #MAX_TIMEOUTS} queries in
 * a row time out, is given up: every later query fails at once, so a machine without a network
 * finishes its checks in seconds. A deadline bounds the whole run of checks the same way.
 */
public final class Dns {

    /** Queries in a row that may time out before the server is given up. */
    static final int MAX_TIMEOUTS = 3;
    /** The longest TXT or other answer kept: a huge answer is a hostile one. */
    static final int MAX_RECORDS = 64;

    private final SimpleResolver resolver;
    private final String server;
    private final Semaphore inFlight;
    private final long deadline;
    private final Map<String, Answer> cache = new ConcurrentHashMap<>();
    private final AtomicInteger timeoutsInARow = new AtomicInteger();
    private final AtomicBoolean givenUp = new AtomicBoolean();
    private final AtomicLong queries = new AtomicLong();
    private volatile String givenUpReason;

    private Dns(SimpleResolver resolver, String server, int maxInFlight, long deadline) {
        this.resolver = resolver;
        this.server = server;
        this.inFlight = new Semaphore(maxInFlight);
        this.deadline = deadline;
    }

    /**
     * A resolver asking {@code server} ({@code HOST[:PORT]}), or the system's first name server
     * when it is null. Under test ({@code mailblocks.dns.loopback-only=true}) anything but a
     * loopback address is refused, so no test can send a query to the network.
     */
    public static Dns open(String server, Duration timeout, int maxInFlight, Duration budget) {
        boolean loopbackOnly = Boolean.getBoolean("mailblocks.dns.loopback-only");
        if (loopbackOnly && server == null) {
            // the system's resolver may itself be on loopback (systemd-resolved, unbound) and forward to the network
            throw new IllegalStateException("a test asked for DNS checks against the system's resolver: tests must pass"
                    + " --no-dns or --resolver 127.0.0.1:PORT (the fixture server)");
        }
        InetSocketAddress address = server == null ? systemServer() : parse(server);
        if (loopbackOnly && (address == null || !address.getAddress().isLoopbackAddress())) {
            throw new IllegalStateException("a test asked for DNS checks against " + (address == null ? "the system's resolver"
                    : address) + ": tests must pass --no-dns or --resolver 127.0.0.1:PORT (the fixture server)");
        }
        String name = address == null ? "the system's resolver" : address.getAddress().getHostAddress() + ":" + address.getPort();
        // with no server configured the resolver is never asked: the run is given up below
        SimpleResolver r = new SimpleResolver(address == null ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)
                : address);
        r.setTimeout(timeout);
        Dns dns = new Dns(r, name, maxInFlight, System.nanoTime() + budget.toNanos());
        if (address == null) {
            dns.giveUp("no name server is configured (/etc/resolv.conf)");
        }
        return dns;
    }

    /** {@code HOST[:PORT]}, {@code [v6]:PORT} or a bare IPv6 address; a bad one is a usage error. */
    static InetSocketAddress parse(String hostPort) {
        String host = hostPort.trim();
        int port = 53;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("--resolver " + hostPort + ": expected HOST[:PORT]");
            }
            String rest = host.substring(end + 1);
            host = host.substring(1, end);
            if (rest.startsWith(":")) {
                port = port(hostPort, rest.substring(1));
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("--resolver " + hostPort + ": expected HOST[:PORT]");
            }
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
            port = port(hostPort, host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("--resolver " + hostPort + ": expected HOST[:PORT]");
        }
        InetAddress literal = Subjects.literal(host);
        if (literal != null) {
            return new InetSocketAddress(literal, port);
        }
        if (Boolean.getBoolean("mailblocks.dns.loopback-only")) {
            throw new IllegalStateException("--resolver " + hostPort + ": under test the resolver must be an IP literal"
                    + " on loopback, not a name to look up");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--resolver " + hostPort + ": unknown host " + host);
        }
    }

    private static int port(String given, String p) {
        try {
            int port = Integer.parseInt(p);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--resolver " + given + ": the port must be 1-65535");
    }

    private static InetSocketAddress systemServer() {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        return servers.isEmpty() ? null : servers.get(0);
    }

    /** Who is asked, for messages. */
    public String server() {
        return server;
    }

    /** Why every query now fails at once, or null while the server is in use. */
    public String givenUpReason() {
        return givenUp.get() ? givenUpReason : null;
    }

    /** Queries sent to the server (not counting answers from the cache). */
    public long queries() {
        return queries.get();
    }

    /**
     * Asks the server something every server answers one way or another (the root's NS); no
     * answer at all gives the server up before any check waits for it.
     */
    public boolean probe() {
        Answer a = send(Name.root, Type.NS);
        if (a instanceof Answer.Failure f && f.reason().startsWith("no answer")) {
            giveUp("no answer from " + server);
            return false;
        }
        return givenUpReason() == null;
    }

    private void giveUp(String reason) {
        givenUpReason = reason;
        givenUp.set(true);
    }

    /** The records of a type at a name, from the cache when asked before in this run. */
    public Answer query(String name, int type) {
        Name n;
        try {
            n = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new Answer.Failure("not a valid DNS name: " + name);
        }
        return query(n, type);
    }

    /** As {@link #query(String, int)}, for a parsed name. */
    public Answer query(Name name, int type) {
        String key = name.toString().toLowerCase(java.util.Locale.ROOT) + "/" + type;
        Answer cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Answer a = send(name, type);
        if (!(a instanceof Answer.Failure f && f.reason().startsWith("not checked"))) {
            cache.put(key, a);
        }
        return a;
    }

    private Answer send(Name name, int type) {
        if (givenUp.get()) {
            return new Answer.Failure("not checked: " + givenUpReason);
        }
        if (System.nanoTime() > deadline) {
            return new Answer.Failure("not checked: the time allowed for DNS checks was used up");
        }
        try {
            if (!inFlight.tryAcquire(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS)) {
                return new Answer.Failure("not checked: the time allowed for DNS checks was used up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Failure("not checked: interrupted");
        }
        try {
            if (givenUp.get()) {
                return new Answer.Failure("not checked: " + givenUpReason);
            }
            queries.incrementAndGet();
            Message response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
            timeoutsInARow.set(0);
            return read(response, name, type);
        } catch (java.io.InterruptedIOException e) {
            if (timeoutsInARow.incrementAndGet() >= MAX_TIMEOUTS) {
                giveUp(MAX_TIMEOUTS + " queries in a row to " + server + " got no answer");
            }
            return new Answer.Failure("no answer from " + server + " (timeout)");
        } catch (IOException e) {
            // a garbled or cut reply (WireParseException), refused TCP fallback, unreachable port
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (why.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
                if (timeoutsInARow.incrementAndGet() >= MAX_TIMEOUTS) {
                    giveUp(MAX_TIMEOUTS + " queries in a row to " + server + " got no answer");
                }
                return new Answer.Failure("no answer from " + server + " (timeout)");
            }
            return new Answer.Failure("unusable answer from " + server + ": " + why);
        } catch (RuntimeException e) {
            return new Answer.Failure("unusable answer from " + server + ": " + e);
        } finally {
            inFlight.release();
        }
    }

    private static Answer read(Message response, Name name, int type) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Answer.NxDomain();
        }
        if (rcode != Rcode.NOERROR) {
            return new Answer.Failure(Rcode.string(rcode) + " from the server for " + name + " " + Type.string(type));
        }
        if (response.getHeader().getFlag(org.xbill.DNS.Flags.TC)) {
            return new Answer.Failure("the answer for " + name + " " + Type.string(type) + " was truncated");
        }
        List<Record> out = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() == type && r.getDClass() == DClass.IN) {
                out.add(r);
            }
        }
        if (out.size() > MAX_RECORDS) {
            return new Answer.Failure("the answer for " + name + " " + Type.string(type) + " has " + out.size()
                    + " records (more than " + MAX_RECORDS + ")");
        }
        return out.isEmpty() ? new Answer.NoData() : new Answer.Records(out);
    }
}

package dev.mailblocks.check;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server on 127.0.0.1 (UDP and TCP on the same port) for the tests,
 * built on dnsjava's message classes. It serves the records of a zone-like text file
 * ({@code NAME TYPE RDATA} a line, {@code #} comments); a name without records is NXDOMAIN, a
 * name with records of other types is NODATA. Hostile behaviour is asked for by name:
 * {@code *.drop.test} is never answered, {@code *.garbled.test} gets random bytes,
 * {@code *.cut.test} a reply cut short, {@code *.servfail.test} and the reverse name of 192.0.2.99 SERVFAIL. {@link #dropAll}
 * makes it a server that answers nothing.
 */
public final class FixtureDnsServer implements AutoCloseable {

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<String, List<Record>> records = new HashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private volatile boolean dropAll;
    private final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());

    private FixtureDnsServer() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        udp = new DatagramSocket(0, lo);
        int port = udp.getLocalPort();
        ServerSocket t;
        try {
            t = new ServerSocket(port, 16, lo);
        } catch (IOException e) {
            t = null; // the port is taken for TCP: truncated answers then fail, which the tests allow
        }
        tcp = t;
    }

    /** Starts a server with the records of the file (a test resource path or a file). */
    public static FixtureDnsServer start(Path zone) {
        try {
            FixtureDnsServer s = new FixtureDnsServer();
            s.load(Files.readAllLines(zone, StandardCharsets.UTF_8));
            s.serve();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server with the fixtures of {@code src/test/resources/check/fixtures.zone}. */
    public static FixtureDnsServer fixtures() {
        return start(Path.of("src/test/resources/check/fixtures.zone"));
    }

    /** A server that receives every query and answers none. */
    public static FixtureDnsServer silent() {
        try {
            FixtureDnsServer s = new FixtureDnsServer();
            s.dropAll = true;
            s.serve();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serves the fixtures until standard input closes, for scripts (the screenshots): prints
     * {@code 127.0.0.1:PORT} on the first line. An argument names another zone file.
     */
    public static void main(String[] args) throws IOException {
        try (FixtureDnsServer s = args.length > 0 ? start(Path.of(args[0])) : fixtures()) {
            System.out.println(s.address());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code --resolver}. */
    public String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    /** Queries received. */
    public int queries() {
        return queries.get();
    }

    /** The names asked, in order ({@code name/TYPE}). */
    public List<String> asked() {
        synchronized (asked) {
            return List.copyOf(asked);
        }
    }

    /** Adds a record ({@code NAME TYPE RDATA}). */
    public void add(String line) {
        load(List.of(line));
    }

    private void load(List<String> lines) {
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split("\\s+", 3);
            try {
                Name name = Name.fromString(p[0].endsWith(".") ? p[0] : p[0] + ".");
                Record r = Record.fromString(name, Type.value(p[1]), DClass.IN, 300, p[2], Name.root);
                records.computeIfAbsent(key(name), k -> new ArrayList<>()).add(r);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("fixture line: " + line + ": " + e.getMessage(), e);
            }
        }
    }

    private static String key(Name n) {
        return n.toString().toLowerCase(Locale.ROOT);
    }

    private void serve() {
        Thread u = new Thread(this::serveUdp, "fixture-dns-udp");
        u.setDaemon(true);
        u.start();
        if (tcp != null) {
            Thread t = new Thread(this::serveTcp, "fixture-dns-tcp");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serveUdp() {
        byte[] buf = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                byte[] in = java.util.Arrays.copyOf(p.getData(), p.getLength());
                byte[] out = answer(in, 512);
                if (out != null) {
                    udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (SocketException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a query it cannot read: no answer, as a real server
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket s = tcp.accept()) {
                s.setSoTimeout(2000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] q = new byte[in.readUnsignedShort()];
                in.readFully(q);
                byte[] out = answer(q, 65535);
                if (out != null) {
                    DataOutputStream o = new DataOutputStream(s.getOutputStream());
                    o.writeShort(out.length);
                    o.write(out);
                    o.flush();
                }
            } catch (SocketException e) {
                if (tcp.isClosed()) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // next connection
            }
        }
    }

    /** The reply to a query, or null for none. */
    private byte[] answer(byte[] wire, int max) throws IOException {
        queries.incrementAndGet();
        if (dropAll) {
            return null;
        }
        Message q = new Message(wire);
        Record question = q.getQuestion();
        String name = key(question.getName());
        asked.add(name + "/" + Type.string(question.getType()));
        if (name.endsWith(".drop.test.")) {
            return null;
        }
        if (name.endsWith(".garbled.test.")) {
            byte[] junk = new byte[40];
            new java.util.Random(name.hashCode()).nextBytes(junk);
            junk[0] = wire[0];
            junk[1] = wire[1];
            return junk;
        }
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.AA);
        r.getHeader().setOpcode(Opcode.QUERY);
        r.addRecord(question, Section.QUESTION);
        if (name.endsWith(".servfail.test.") || name.equals("99.2.0.192.in-addr.arpa.")) {
            r.getHeader().setRcode(Rcode.SERVFAIL);
            return r.toWire();
        }
        List<Record> here = records.get(name);
        if (here == null) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            for (Record rec : here) {
                if (rec.getType() == question.getType()) {
                    r.addRecord(rec, Section.ANSWER);
                }
            }
        }
        byte[] out = r.toWire();
        if (name.endsWith(".cut.test.")) {
            return java.util.Arrays.copyOf(out, Math.min(out.length, 20));
        }
        if (out.length > max) {
            Message tc = new Message(q.getHeader().getID());
            tc.getHeader().setFlag(Flags.QR);
            tc.getHeader().setFlag(Flags.AA);
            tc.getHeader().setFlag(Flags.TC);
            tc.addRecord(question, Section.QUESTION);
            return tc.toWire();
        }
        return out;
    }

    @Override
    public void close() {
        udp.close();
        if (tcp != null) {
            try {
                tcp.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}

package dev.mailblocks.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes realistic logs of about N lines for the benchmark, the same for the same seed: Postfix
 * (syslog), Exim (mainlog), Exchange (message tracking) or a Mandrill activity export. Thousands
 * of recipient domains with a long tail (a Zipf law: a few big mailbox providers, many small
 * companies), real-looking refusal texts, retries (deferred, then delivered or bounced later),
 * several days, and the oldest part of a log rotated into a {@code .gz}.
 *
 * <p>Usage: {@code LogGenerator FORMAT LINES FOLDER [DAYS]}; prints the files written.
 */
public final class LogGenerator {

    private static final String[] BIG = {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com",
        "aol.com", "comcast.net", "gmx.de", "web.de", "orange.fr", "cox.net", "att.net", "verizon.net", "live.com"};
    private static final String[] BIG_MX = {"gmail-smtp-in.l.google.com", "outlook-com.olc.protection.outlook.com",
        "mta5.am0.yahoodns.net", "hotmail-com.olc.protection.outlook.com", "mx01.mail.icloud.com", "mx-aol.mail.gm0.yahoodns.net",
        "mx1.comcast.net", "mx00.emig.gmx.net", "mx-ha01.web.de", "smtp-in.orange.fr", "mx.east.cox.net",
        "ff-ip4-mx-vip1.prodigy.net", "mx.verizon.net", "live-com.olc.protection.outlook.com"};
    private static final String[] WORDS = {"acme", "globex", "initech", "umbrella", "stark", "wayne", "hooli",
        "northwind", "fabrikam", "contoso", "wingtip", "tailspin", "vandelay", "dunder", "prestige", "sterling",
        "gringotts", "monsters", "piedpiper", "massive", "cyberdyne", "tyrell", "soylent", "oscorp", "aperture"};
    private static final String[] TLDS = {"com", "net", "org", "de", "fr", "co.uk", "io", "nl", "it", "es"};
    private static final String[] FIRST = {"james", "mary", "john", "patricia", "robert", "jennifer", "michael",
        "linda", "david", "sarah", "ivan", "yuki", "omar", "fatima", "hannah", "lukas", "chloe", "mehmet", "priya"};
    private static final String[] SENDERS = {"news@example.com", "noreply@example.com", "billing@example.com",
        "alerts@app.example.com", "hello@shop.example.net"};

    /** Refusal texts as receivers write them; %IP% their address, %OURIP% ours, %RCPT% the recipient. */
    private static final String[][] REFUSALS = {
        {"550", "5.7.1", "550-5.7.1 [%OURIP%      12] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. To best protect our users from spam, the message has been blocked. %ID% - gsmtp", "end of DATA"},
        {"421", "4.7.28", "421-4.7.28 [%OURIP%      15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. %ID% - gsmtp", "end of DATA"},
        {"550", "5.7.1", "550 5.7.1 Unfortunately, messages from [%OURIP%] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [%ID%.prod.outlook.com]", "MAIL FROM"},
        {"421", "4.7.0", "421 4.7.0 [TSS04] Messages from %OURIP% temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "MAIL FROM"},
        {"550", "5.1.1", "550 5.1.1 <%RCPT%>: Recipient address rejected: User unknown in virtual mailbox table", "RCPT TO"},
        {"554", "5.7.1", "554 5.7.1 Service unavailable; Client host [%OURIP%] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/%OURIP%", "RCPT TO"},
        {"452", "4.2.2", "452 4.2.2 <%RCPT%>: Mailbox full", "RCPT TO"},
        {"450", "4.2.0", "450 4.2.0 <%RCPT%>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/%DOMAIN%.html", "RCPT TO"},
        {"554", "", "554 resimta-po-%N%.sys.comcast.net comcast %OURIP% found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000010", "initial connection"},
        {"550", "5.7.26", "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. Please contact the administrator of example.com domain if this was a legitimate mail. %ID% - gsmtp", "end of DATA"},
        {"552", "5.2.2", "552 5.2.2 <%RCPT%>: Mailbox full: quota exceeded", "RCPT TO"},
        {"550", "5.7.0", "550 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=%OURIP%", "RCPT TO"},
        {"421", "", "421 cox blocked - Error Code: CDRBL - https://www.cox.com/residential/support/email-error-codes-and-descriptions.html", "initial connection"},
        {"554", "5.7.1", "554 5.7.1 The message from (<news@example.com>) with the subject of (Your statement) matches a profile the Internet community may consider spam. Please revise your message before resending.", "end of DATA"},
    };
    private static final String[] OUR_IPS = {"198.51.100.7", "198.51.100.8", "198.51.100.9", "192.0.2.210"};

    private final SplittableRandom random;
    private final int domains;
    private final double[] zipf;
    private long queueIds = 0x4E5CC68973L;

    private LogGenerator(long seed, int domains) {
        this.random = new SplittableRandom(seed);
        this.domains = domains;
        this.zipf = new double[domains];
        double sum = 0;
        for (int i = 0; i < domains; i++) {
            sum += 1.0 / Math.pow(i + 1, 1.1);
            zipf[i] = sum;
        }
        for (int i = 0; i < domains; i++) {
            zipf[i] /= sum;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: LogGenerator postfix|exim|exchange|esp|ses LINES FOLDER [DAYS]");
            System.exit(2);
        }
        String format = args[0];
        long lines = Long.parseLong(args[1].replace("_", "").replace(",", ""));
        Path dir = Path.of(args[2]);
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        Files.createDirectories(dir);
        LogGenerator g = new LogGenerator(20261231L ^ format.hashCode(), 5000);
        Instant start = LocalDateTime.of(2027, 1, 1, 0, 0).minusDays(days).toInstant(ZoneOffset.UTC);
        switch (format) {
            case "postfix" -> g.write(dir, "maillog", lines, start, days, g::postfix);
            case "exim" -> g.write(dir, "mainlog", lines, start, days, g::exim);
            case "exchange" -> g.write(dir, "MSGTRK20261231-1.LOG", lines, start, days, g::exchange);
            case "esp" -> g.write(dir, "mandrill-activity.csv", lines, start, days, g::esp);
            case "ses" -> g.write(dir, "ses-events.jsonl", lines, start, days, g::ses);
            default -> throw new IllegalArgumentException("not a format: " + format);
        }
    }

    /** Writes one message's lines (returns how many) at {@code t}. */
    @FunctionalInterface
    private interface MessageWriter {
        int write(Appendable out, long t, boolean header) throws IOException;
    }

    /** The first sixth of the lines goes to {@code NAME.1.gz} (rotated), the rest to {@code NAME}. */
    private void write(Path dir, String name, long lines, Instant start, int days, MessageWriter w) throws IOException {
        long span = days * 86_400_000L;
        long rotated = lines / 6;
        long written = 0;
        boolean esp = name.endsWith(".csv");
        String rotatedName = esp ? name.replace(".csv", "-1.csv.gz") : name + ".1.gz";
        try (Writer old = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                Files.newOutputStream(dir.resolve(rotatedName)), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            written += w.write(old, start.toEpochMilli(), true);
            while (written < rotated) {
                written += w.write(old, start.toEpochMilli() + span * written / lines, false);
            }
        }
        try (Writer cur = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
            written += w.write(cur, start.toEpochMilli() + span * written / lines, true);
            while (written < lines) {
                written += w.write(cur, start.toEpochMilli() + span * written / lines, false);
            }
        }
        System.out.println(dir.resolve(rotatedName));
        System.out.println(dir.resolve(name));
    }

    private int domainIndex() {
        double u = random.nextDouble();
        int lo = 0;
        int hi = domains - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (zipf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String domain(int i) {
        if (i < BIG.length) {
            return BIG[i];
        }
        return WORDS[i % WORDS.length] + (i / WORDS.length) + "." + TLDS[i % TLDS.length];
    }

    private static String mx(int i) {
        return i < BIG_MX.length ? BIG_MX[i] : "mx" + (i % 3 + 1) + "." + domain(i);
    }

    private String ip() {
        return "203.0." + random.nextInt(113, 114) + "." + random.nextInt(1, 255);
    }

    private String local() {
        String f = FIRST[random.nextInt(FIRST.length)];
        return switch (random.nextInt(3)) {
            case 0 -> f + "." + FIRST[random.nextInt(FIRST.length)];
            case 1 -> f + random.nextInt(10_000);
            default -> f.charAt(0) + FIRST[random.nextInt(FIRST.length)];
        };
    }

    /** A refusal for a domain: big providers give their own texts, small domains any. */
    private String[] refusal(int d) {
        return REFUSALS[d < BIG.length ? (d * 3 + random.nextInt(3)) % REFUSALS.length : random.nextInt(REFUSALS.length)];
    }

    private String text(String[] r, String rcpt, int d) {
        return r[2].replace("%OURIP%", OUR_IPS[d % OUR_IPS.length]).replace("%RCPT%", rcpt)
                .replace("%DOMAIN%", domain(d)).replace("%N%", Integer.toString(random.nextInt(100)))
                .replace("%ID%", Long.toString(random.nextLong() & 0xffffffffffL, 36));
    }

    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A retry due later: (queue id, recipient, domain index, first refusal), written after some more messages. */
    private record Retry(String id, String rcpt, int domain, String[] refusal, long sender, int left) {
    }

    private final ArrayDeque<Retry> retries = new ArrayDeque<>();

    private String queueId() {
        queueIds += 1 + random.nextInt(5000);
        return Long.toHexString(queueIds & 0xFFFFFFFFFFL).toUpperCase(Locale.ROOT);
    }

    private int postfix(Appendable o, long t, boolean header) throws IOException {
        String ts = SYSLOG.format(Instant.ofEpochMilli(t));
        String h = ts + " out1 postfix/";
        int n = 0;
        Retry due = retries.size() > 200 || (!retries.isEmpty() && random.nextInt(4) == 0) ? retries.poll() : null;
        if (due != null) {
            n += postfixResult(o, h, due.id(), due.rcpt(), due.domain(), due.left() > 0 ? due : null);
            o.append(h).append("qmgr[2211]: ").append(due.id()).append(": removed\n");
            n++;
        }
        if (random.nextInt(20) == 0) { // a refused incoming connection
            String ip = ip();
            o.append(ts).append(" mx1 postfix/smtpd[14232]: connect from unknown[").append(ip).append("]\n");
            o.append(ts).append(" mx1 postfix/smtpd[14232]: NOQUEUE: reject: RCPT from unknown[").append(ip)
                    .append("]: 554 5.7.1 Service unavailable; Client host [").append(ip)
                    .append("] blocked using zen.spamhaus.org; from=<spam@bulk.example> to=<info@example.com> proto=ESMTP helo=<bulk.example>\n");
            o.append(ts).append(" mx1 postfix/smtpd[14232]: disconnect from unknown[").append(ip).append("] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4\n");
            n += 3;
        }
        String id = queueId();
        String sender = SENDERS[random.nextInt(SENDERS.length)];
        o.append(h).append("smtpd[3301]: connect from app1.example.com[198.51.100.30]\n");
        o.append(h).append("smtpd[3301]: ").append(id).append(": client=app1.example.com[198.51.100.30]\n");
        o.append(h).append("cleanup[3302]: ").append(id).append(": message-id=<").append(id.toLowerCase(Locale.ROOT))
                .append("@app1.example.com>\n");
        int rcpts = random.nextInt(10) == 0 ? 2 + random.nextInt(3) : 1;
        o.append(h).append("qmgr[2211]: ").append(id).append(": from=<").append(sender).append(">, size=")
                .append(Integer.toString(2000 + random.nextInt(60000))).append(", nrcpt=").append(Integer.toString(rcpts))
                .append(" (queue active)\n");
        o.append(h).append("smtpd[3301]: disconnect from app1.example.com[198.51.100.30] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5\n");
        n += 5;
        boolean pending = false;
        for (int i = 0; i < rcpts; i++) {
            int d = domainIndex();
            String rcpt = local() + "@" + domain(d);
            int r = postfixResult(o, h, id, rcpt, d, null);
            pending |= r < 0;
            n += Math.abs(r);
        }
        if (!pending) {
            o.append(h).append("qmgr[2211]: ").append(id).append(": removed\n");
            n++;
        }
        return n;
    }

    /** One result line; negative when the recipient was deferred and will be retried. */
    private int postfixResult(Appendable o, String h, String id, String rcpt, int d, Retry again) throws IOException {
        String mx = mx(d);
        String ip = ip();
        o.append(h).append("smtp[4401]: ").append(id).append(": to=<").append(rcpt).append(">, relay=").append(mx)
                .append('[').append(ip).append("]:25, delay=1.2, delays=0.2/0.02/0.37/0.64, dsn=");
        int roll = random.nextInt(100);
        String[] r = again != null ? again.refusal() : refusal(d);
        boolean retry = again != null || roll < 6;
        if (retry && r[0].startsWith("4") && (again == null || random.nextInt(3) == 0)) {
            o.append(r[1].isEmpty() ? "4.0.0" : r[1]).append(", status=deferred (host ").append(mx).append('[').append(ip)
                    .append("] said: ").append(text(r, rcpt, d)).append(" (in reply to ").append(r[3]).append(" command))\n");
            if (again == null || again.left() > 1) {
                retries.add(new Retry(id, rcpt, d, r, 0, again == null ? 3 : again.left() - 1));
            }
            return -1;
        }
        if (roll < 10 || (again != null && random.nextInt(4) == 0)) {
            String[] f = r[0].startsWith("5") ? r : REFUSALS[4];
            o.append(f[1].isEmpty() ? "5.0.0" : f[1]).append(", status=bounced (host ").append(mx).append('[').append(ip)
                    .append("] said: ").append(text(f, rcpt, d)).append(" (in reply to ").append(f[3]).append(" command))\n");
            return 1;
        }
        o.append("2.0.0, status=sent (250 2.0.0 OK  ").append(Long.toString(1798503922L + random.nextInt(1_000_000)))
                .append(' ').append(Long.toString(random.nextLong() & 0xffffffffffL, 36)).append(" - gsmtp)\n");
        return 1;
    }

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Exim's message id parts: base 62, fixed width. */
    private static String base62(long v, int width) {
        char[] c = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            c[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(c);
    }

    private int exim(Appendable o, long t, boolean header) throws IOException {
        String ts = PLAIN.format(Instant.ofEpochMilli(t));
        int n = 0;
        if (random.nextInt(30) == 0) {
            o.append(ts).append(" Start queue run: pid=").append(Integer.toString(random.nextInt(1000, 99999))).append('\n');
            n++;
        }
        String id = base62(queueIds++, 6) + "-" + base62(random.nextLong(1L << 35), 6) + "-" + base62(random.nextInt(3844), 2);
        String sender = SENDERS[random.nextInt(SENDERS.length)];
        o.append(ts).append(' ').append(id).append(" <= ").append(sender)
                .append(" H=app1.example.com [198.51.100.30]:41134 I=[198.51.100.7]:25 P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=")
                .append(Integer.toString(2000 + random.nextInt(60000))).append(" id=").append(id).append("@app1.example.com\n");
        n++;
        int rcpts = random.nextInt(10) == 0 ? 2 : 1;
        for (int i = 0; i < rcpts; i++) {
            int d = domainIndex();
            String rcpt = local() + "@" + domain(d);
            String mx = mx(d);
            String ip = ip();
            int roll = random.nextInt(100);
            String[] r = refusal(d);
            if (roll < 5 && r[0].startsWith("4")) {
                o.append(ts).append(' ').append(id).append(" == ").append(rcpt).append(" R=dnslookup T=remote_smtp defer (0) H=")
                        .append(mx).append(" [").append(ip).append("]: SMTP error from remote mail server after ")
                        .append(r[3].equals("RCPT TO") ? "RCPT TO:<" + rcpt + ">" : r[3].equals("end of DATA") ? "end of data" : r[3])
                        .append(": ").append(text(r, rcpt, d)).append('\n');
                n++;
            }
            if (roll < 10) {
                String[] f = r[0].startsWith("5") ? r : REFUSALS[4];
                o.append(ts).append(' ').append(id).append(" ** ").append(rcpt).append(" R=dnslookup T=remote_smtp H=")
                        .append(mx).append(" [").append(ip).append("] : SMTP error from remote mail server after ")
                        .append(f[3].equals("RCPT TO") ? "RCPT TO:<" + rcpt + ">" : f[3].equals("end of DATA") ? "end of data" : f[3])
                        .append(": ").append(text(f, rcpt, d)).append('\n');
            } else {
                o.append(ts).append(' ').append(id).append(" => ").append(rcpt).append(" R=dnslookup T=remote_smtp H=")
                        .append(mx).append(" [").append(ip).append("] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 OK ")
                        .append(Long.toString(random.nextLong() & 0xffffffffffL, 36)).append(" - gsmtp\"\n");
            }
            n++;
        }
        o.append(ts).append(' ').append(id).append(" Completed\n");
        return n + 1;
    }

    private int exchange(Appendable o, long t, boolean header) throws IOException {
        Instant at = Instant.ofEpochMilli(t);
        int n = 0;
        if (header) {
            o.append("#Software: Microsoft Exchange Server\n#Version: 15.02.1118.007\n#Log-type: Message Tracking Log\n#Date: ")
                    .append(at.toString()).append("\n#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,"
                            + "source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,"
                            + "recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,"
                            + "message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,"
                            + "original-server-ip,custom-data,transport-traffic-type,log-id,schema-version\n");
            n += 5;
        }
        String ts = at.toString().replace("Z", ".000Z").replaceAll("\\.(\\d{3})\\.000Z", ".$1Z");
        long internal = 1648881313478L + queueIds++;
        String mid = "<" + Long.toHexString(random.nextLong()).toUpperCase(Locale.ROOT) + "@EXCH01.corp.example.com>";
        String net = java.util.UUID.nameUUIDFromBytes(Long.toString(internal).getBytes(StandardCharsets.UTF_8)).toString();
        String sender = FIRST[random.nextInt(FIRST.length)] + "@example.com";
        int d = domainIndex();
        String rcpt = local() + "@" + domain(d);
        int size = 2000 + random.nextInt(600000);
        String tail = "," + size + ",1,,,Quarterly report," + sender + "," + sender + ",,Originating,,,,S:DeliveryPriority=Normal;"
                + "S:AccountForest=corp.example.com,Email," + net + ",15.02.1118.007\n";
        o.append(ts).append(",::1,EXCH01.corp.example.com,::1,EXCH01.corp.example.com,08DDCD24137E9F5D;").append(ts)
                .append(";0,,STOREDRIVER,RECEIVE,").append(Long.toString(internal)).append(',').append(mid).append(',').append(net)
                .append(',').append(rcpt).append(",,").append(tail.substring(1));
        o.append(ts).append(",198.51.100.12,EXCH01.corp.example.com,,,,,AGENT,AGENTINFO,").append(Long.toString(internal))
                .append(',').append(mid).append(',').append(net).append(',').append(rcpt).append(",,").append(tail.substring(1));
        n += 2;
        int roll = random.nextInt(100);
        String[] r = refusal(d);
        String ip = ip();
        if (roll < 5 && r[0].startsWith("4")) {
            o.append(ts).append(",198.51.100.12,EXCH01.corp.example.com,").append(ip).append(',').append(mx(d))
                    .append(",,Outbound to Internet,SMTP,DEFER,").append(Long.toString(internal)).append(',').append(mid).append(',')
                    .append(net).append(',').append(rcpt).append(",\"").append(text(r, rcpt, d).replace("\"", "\"\"")).append('"')
                    .append(tail);
            n++;
        }
        if (roll < 10) {
            String[] f = r[0].startsWith("5") ? r : REFUSALS[4];
            o.append(ts).append(",198.51.100.12,EXCH01.corp.example.com,").append(ip).append(',').append(mx(d))
                    .append(",,Outbound to Internet,SMTP,FAIL,").append(Long.toString(internal)).append(',').append(mid).append(',')
                    .append(net).append(',').append(rcpt).append(",\"").append(text(f, rcpt, d).replace("\"", "\"\"")).append('"')
                    .append(tail);
        } else {
            o.append(ts).append(",198.51.100.12,EXCH01.corp.example.com,").append(ip).append(',').append(mx(d))
                    .append(",,Outbound to Internet,SMTP,SEND,").append(Long.toString(internal)).append(',').append(mid).append(',')
                    .append(net).append(',').append(rcpt).append(",250 2.6.0 ").append(mid).append(" Queued mail for delivery")
                    .append(tail);
        }
        return n + 1;
    }

    private int esp(Appendable o, long t, boolean header) throws IOException {
        int n = 0;
        if (header) {
            o.append("Date,Email Address,Sender,Subject,Status,Tags,Opens,Clicks,Bounce Detail\n");
            n++;
        }
        String ts = PLAIN.format(Instant.ofEpochMilli(t));
        int d = domainIndex();
        String rcpt = local() + "@" + domain(d);
        int roll = random.nextInt(100);
        String[] r = refusal(d);
        String status = roll < 4 && r[0].startsWith("4") ? "soft-bounced" : roll < 10 ? "bounced" : roll < 12 ? "spam" : "sent";
        String detail = status.endsWith("bounced") ? "\"smtp;" + text(status.equals("bounced") && !r[0].startsWith("5")
                ? REFUSALS[4] : r, rcpt, d).replace("\"", "\"\"") + "\"" : "";
        o.append(ts).append(',').append(rcpt).append(',').append(SENDERS[random.nextInt(SENDERS.length)])
                .append(",Your December statement,").append(status).append(",newsletter,")
                .append(Integer.toString(random.nextInt(3))).append(',').append(Integer.toString(random.nextInt(2))).append(',')
                .append(detail).append('\n');
        return n + 1;
    }

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * One Amazon SES event-publishing record (JSON lines): mostly deliveries, bounces (permanent or
     * transient), delivery delays, and opens and complaints (not delivery results), each with the
     * {@code mail} object SES sends (headers, common headers, tags).
     */
    private int ses(Appendable o, long t, boolean header) throws IOException {
        String ts = ISO_MILLIS.format(Instant.ofEpochMilli(t));
        int d = domainIndex();
        String rcpt = local() + "@" + domain(d);
        String sender = SENDERS[random.nextInt(SENDERS.length)];
        String id = "0100018c" + base62(random.nextLong() & Long.MAX_VALUE, 11) + "-" + base62(random.nextInt(1 << 30), 6)
                + "-000000";
        int roll = random.nextInt(100);
        String[] r = refusal(d);
        String type = roll < 5 ? (r[0].startsWith("4") ? "DeliveryDelay" : "Bounce") : roll < 10 ? "Bounce"
                : roll < 13 ? "Open" : roll < 14 ? "Complaint" : "Delivery";
        String mail = "\"mail\":{\"timestamp\":\"" + ts + "\",\"source\":\"" + sender
                + "\",\"sourceArn\":\"arn:aws:ses:eu-west-1:123456789012:identity/example.com\",\"sendingAccountId\":"
                + "\"123456789012\",\"messageId\":\"" + id + "\",\"destination\":[\"" + rcpt
                + "\"],\"headersTruncated\":false,\"headers\":[{\"name\":\"From\",\"value\":\"" + sender
                + "\"},{\"name\":\"To\",\"value\":\"" + rcpt + "\"},{\"name\":\"Subject\",\"value\":"
                + "\"Your December statement\"}],\"commonHeaders\":{\"from\":[\"" + sender + "\"],\"to\":[\"" + rcpt
                + "\"],\"messageId\":\"" + id + "\",\"subject\":\"Your December statement\"},\"tags\":"
                + "{\"ses:configuration-set\":[\"newsletter\"],\"ses:source-ip\":[\"" + OUR_IPS[d % OUR_IPS.length] + "\"]}}";
        String mx = mx(d);
        o.append("{\"eventType\":\"").append(type).append("\",");
        switch (type) {
            case "Delivery" -> o.append(mail).append(",\"delivery\":{\"timestamp\":\"").append(ts)
                    .append("\",\"processingTimeMillis\":").append(Integer.toString(200 + random.nextInt(3000)))
                    .append(",\"recipients\":[\"").append(rcpt).append("\"],\"smtpResponse\":\"250 2.0.0 OK  ")
                    .append(Long.toString(t / 1000)).append(" ").append(base62(random.nextInt(1 << 30), 6))
                    .append(" - gsmtp\",\"remoteMtaIp\":\"").append(ip()).append("\",\"reportingMTA\":\"")
                    .append("a8-70.smtp-out.amazonses.com\"}}");
            case "Bounce" -> {
                boolean permanent = !r[0].startsWith("4");
                o.append("\"bounce\":{\"feedbackId\":\"").append(id).append("-feedback\",\"bounceType\":\"")
                        .append(permanent ? "Permanent" : "Transient").append("\",\"bounceSubType\":\"General\","
                        + "\"bouncedRecipients\":[{\"emailAddress\":\"").append(rcpt)
                        .append("\",\"action\":\"failed\",\"status\":\"").append(r[1].isEmpty() ? r[0].charAt(0) + ".0.0" : r[1])
                        .append("\",\"diagnosticCode\":\"smtp; ").append(text(r, rcpt, d)).append("\"}],\"timestamp\":\"")
                        .append(ts).append("\",\"remoteMtaIp\":\"").append(ip())
                        .append("\",\"reportingMTA\":\"dsn; a8-70.smtp-out.amazonses.com\"},").append(mail).append('}');
            }
            case "DeliveryDelay" -> o.append(mail).append(",\"deliveryDelay\":{\"timestamp\":\"").append(ts)
                    .append("\",\"delayType\":\"TransientCommunicationFailure\",\"expirationTime\":\"").append(ts)
                    .append("\",\"delayedRecipients\":[{\"emailAddress\":\"").append(rcpt).append("\",\"status\":\"")
                    .append(r[1].isEmpty() ? "4.0.0" : r[1]).append("\",\"diagnosticCode\":\"smtp; ")
                    .append(text(r, rcpt, d)).append("\"}],\"remoteMtaIp\":\"").append(ip()).append("\",\"reportingMTA\":\"")
                    .append(mx).append("\"}}");
            case "Open" -> o.append(mail).append(",\"open\":{\"timestamp\":\"").append(ts)
                    .append("\",\"userAgent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\",\"ipAddress\":\"")
                    .append(ip()).append("\"}}");
            default -> o.append(mail).append(",\"complaint\":{\"feedbackId\":\"").append(id)
                    .append("-complaint\",\"complaintFeedbackType\":\"abuse\",\"complainedRecipients\":[{\"emailAddress\":\"")
                    .append(rcpt).append("\"}],\"timestamp\":\"").append(ts).append("\"}}");
        }
        o.append('\n');
        return 1;
    }
}

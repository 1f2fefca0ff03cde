package dev.mailblocks.store;

import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Direction;
import dev.mailblocks.model.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A run's delivered results on their way to the store, so that the store grows with refusals and
 * not with traffic. Written one row each, a delivered result costs the Appender as much as a
 * refusal, and most would be folded into hourly counts at the end of the run anyway
 * ({@link DeliveredCounts}). So a delivered result becomes a row at once only when a partner that makes the fold keep it was already written by this
 * run: another result of its (message, recipient), or, outbound, a final failure of its recipient. The others are held back: the result itself in a {@link DeliveredSpill} file, its keys
 * and the id of the columns it is counted under in the temporary tables {@code pending_delivered} and
 * {@code pending_dims}. At the end of the run ({@link #finish}) one query finds those whose partner
 * came later (a later line or input, a stored row of an earlier run, another held result of the same
 * key): those are read back from the file and become rows, and every other one is added to
 * {@code delivered_counts} by one {@code INSERT ... GROUP BY}. The store ends as if every result had
 * been written as a row and folded.
 */
final class RunDelivered implements AutoCloseable {

    /**
     * The held results: where each starts in the spill file, its partners' keys, and the id of the
     * columns it is counted under in {@code delivered_counts} ({@code pending_dims}).
     */
    static final String PENDING = "CREATE TEMP TABLE IF NOT EXISTS pending_delivered (spill_at BIGINT NOT NULL,"
            + " input_id BIGINT NOT NULL, line BIGINT NOT NULL, seq INTEGER NOT NULL, row_key VARCHAR,"
            + " qm VARCHAR, recipient VARCHAR, outbound BOOLEAN NOT NULL, time TIMESTAMP NOT NULL, dims INTEGER NOT NULL)";
    /** The columns held results are counted under, one row per distinct set an input held. */
    static final String PENDING_DIMS = "CREATE TEMP TABLE IF NOT EXISTS pending_dims (id INTEGER NOT NULL,"
            + " direction VARCHAR NOT NULL, source_format VARCHAR NOT NULL, recipient_domain VARCHAR, remote_host VARCHAR,"
            + " provider VARCHAR, sender_domain VARCHAR NOT NULL, sending_ip VARCHAR NOT NULL)";

    /**
     * The most held results counted by one aggregate at the run's end, in whole hours (an hour
     * with more is one part of its own).
     */
    static final long PART_ROWS = 500_000;

    /**
     * The most held results one search for partners reads: a run that holds more looks in parts, each
     * the keys in one bucket of their hash, so that its hash tables (in DuckDB's memory, beside its
     * limit) stay bounded whatever the run's size.
     */
    static final long PART_KEYS = 1_000_000;

    /** Distinct sets of columns held in memory before they are written: bounds the heap. */
    static final int MAX_DIMS = 50_000;

    private static final Pattern SENDER_DOMAIN = Pattern.compile("@([^>\\t\\n\\f\\r @]+)>?[\\t\\n\\f\\r ]*\\z");

    private final DeliveredSpill spill;
    /** Keys of the (message, recipient) of every row this run wrote. */
    private PartnerKeys rows;
    /** Keys of the recipients of this run's outbound final failures. */
    private PartnerKeys failed;
    private final int exactKeys;
    /**
     * Whether this run wrote delivered rows that only the SQL fold can fold: export rows, or rows written
     * for a partner whose input was then rolled back.
     */
    private boolean foldable;
    /** Keys given to the sets by this run, and their number when the current input began. */
    private long keysAdded;
    private long keysAtMark;
    /** The current input's sets of counted columns, by id; written at its commit. */
    private final Map<Dims, Integer> dims = new HashMap<>();
    private int nextDims;
    /** Sender domains of the senders seen (senders repeat); cleared when it grows. */
    private final Map<String, String> senderDomains = new HashMap<>();

    private RunDelivered(DeliveredSpill spill, int exactKeys) {
        this.spill = spill;
        this.exactKeys = exactKeys;
        this.rows = new PartnerKeys(exactKeys);
        this.failed = new PartnerKeys(exactKeys);
    }

    static RunDelivered create(Path store) throws IOException {
        return create(store, PartnerKeys.EXACT_KEYS);
    }

    /** A run's held results whose partner keys are kept up to {@code exactKeys} keys a set (tests: fewer). */
    static RunDelivered create(Path store, int exactKeys) throws IOException {
        return new RunDelivered(DeliveredSpill.create(store), exactKeys);
    }

    /**
     * Whether a delivered result has a partner among the rows this run already wrote: never yes when
     * it has none; once a run has written more than {@link PartnerKeys#EXACT_KEYS} keys, no for a
     * partner whose key was left out (that result is held, and the run's end finds the partner).
     */
    boolean partnerWritten(DeliveryEvent e) {
        long k = messageKey(e);
        if (k != 0 && rows.contains(k)) {
            return true;
        }
        long r = e.direction() == Direction.OUTBOUND ? recipientKey(e.recipient()) : 0;
        return r != 0 && failed.contains(r);
    }

    /** Remembers a row written to {@code events}, as a partner for the delivered results read after it. */
    void rowWritten(DeliveryEvent e, boolean exportRow) {
        long k = messageKey(e);
        if (k != 0) {
            rows.add(k);
            keysAdded++;
        }
        Outcome o = e.outcome();
        // DeliveredCounts.FINAL_FAILURE, in Java
        if (e.direction() == Direction.OUTBOUND && (o == Outcome.BOUNCED || o == Outcome.REJECTED || o == Outcome.EXPIRED)) {
            long r = recipientKey(e.recipient());
            if (r != 0) {
                failed.add(r);
                keysAdded++;
            }
        }
        foldable |= exportRow && o == Outcome.DELIVERED;
    }

    /** The columns a held result is counted under in {@code delivered_counts}, but its hour. */
    private record Dims(String direction, String format, String domain, String remoteHost, String provider,
            String senderDomain, String sendingIp) {
    }

    /** Holds a delivered result back: into the spill file, and its keys into {@code pending_delivered}. */
    void hold(long inputId, int seq, DeliveryEvent e, String provider, String rowKey, DuckDBAppender pending,
            DuckDBAppender pendingDims) throws SQLException {
        long at = spill.add(inputId, seq, e, provider, rowKey);
        String sender = e.sender() == null ? "" : e.sender();
        String senderDomain = senderDomains.get(sender);
        if (senderDomain == null) {
            if (senderDomains.size() >= MAX_DIMS) {
                senderDomains.clear();
            }
            senderDomain = senderDomain(e.sender());
            senderDomains.put(sender, senderDomain);
        }
        Dims d = new Dims(e.direction().id(), e.sourceFormat(), e.recipientDomain(), e.remoteHost(), provider,
                senderDomain, quotedIp(e.diagnostic(), e.remoteIp()));
        Integer id = dims.get(d);
        if (id == null) {
            if (dims.size() >= MAX_DIMS) {
                writeDims(pendingDims);
            }
            id = nextDims++;
            dims.put(d, id);
        }
        pending.beginRow();
        pending.append(at);
        pending.append(inputId);
        pending.append(e.line());
        pending.append(seq);
        InputBatch.str(pending, rowKey);
        InputBatch.str(pending, messageIdentity(e));
        InputBatch.str(pending, e.recipient());
        pending.append(e.direction() == Direction.OUTBOUND);
        pending.append(LocalDateTime.ofInstant(e.time(), ZoneOffset.UTC));
        pending.append(id.intValue());
        pending.endRow();
    }

    /** Writes the input's sets of counted columns to {@code pending_dims}: at its commit, and when they grow. */
    void writeDims(DuckDBAppender pendingDims) throws SQLException {
        for (Map.Entry<Dims, Integer> en : dims.entrySet()) {
            Dims d = en.getKey();
            pendingDims.beginRow();
            pendingDims.append(en.getValue().intValue());
            pendingDims.append(d.direction());
            pendingDims.append(d.format());
            InputBatch.str(pendingDims, d.domain());
            InputBatch.str(pendingDims, d.remoteHost());
            InputBatch.str(pendingDims, d.provider());
            pendingDims.append(d.senderDomain());
            pendingDims.append(d.sendingIp());
            pendingDims.endRow();
        }
        dims.clear();
    }

    /** Writes the input's held results to disk; returns where they are in the spill file (see {@link DeliveredSpill#sync}). */
    String sync(DeliveredSpill.Mark mark) {
        return spill.sync(mark);
    }

    /** Where an input's rollback returns to. */
    DeliveredSpill.Mark mark() {
        keysAtMark = keysAdded;
        return spill.mark();
    }

    /**
     * Forgets what an input that is rolled back held (its rows in {@code pending_delivered} go with its
     * transaction). The keys of the rows it wrote stay in the sets (they cannot be taken out): a delivered
     * result read later may be written as a row for a partner never stored, so the run's end then runs
     * the SQL fold, which folds it.
     */
    void rollBack(DeliveredSpill.Mark mark) {
        spill.rollBack(mark);
        dims.clear();
        foldable |= keysAdded != keysAtMark;
    }

    /** Whether results are held back, not yet moved into the store. */
    boolean holding() {
        return spill.count() > 0;
    }

    /**
     * Forgets the partner keys once the run's inputs are read ({@link EventStore#readingDone}) and again
     * once its end has counted what it held: the rows they stand for are in {@code events}, where the run's
     * end looks for partners of whatever is held. Up to 32 MB of heap (48 MB while a set grows), not kept
     * through the run's end and the reports.
     */
    void forgetKeys() {
        rows = new PartnerKeys(exactKeys);
        failed = new PartnerKeys(exactKeys);
    }

    /** Whether this run wrote delivered rows that only the SQL fold can fold (see {@link #foldable}). */
    boolean foldable() {
        return foldable;
    }

    /**
     * Moves what the run held back into the store, inside the caller's transaction (see the class
     * comment); returns how many results went into counts.
     */
    long finish(Connection conn) throws SQLException {
        return finish(conn, PART_ROWS, PART_KEYS);
    }

    /**
     * {@link #finish(Connection)}, counting in parts of about {@code partRows} held results, and
     * looking for partners in parts of about {@code partKeys} keys.
     */
    long finish(Connection conn, long partRows, long partKeys) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DELETE FROM meta WHERE starts_with(key, '" + EventStore.UNFINISHED + "')");
            if (spill.count() == 0) {
                return 0;
            }
            long parts = lateParts(spill.count(), partKeys);
            for (long i = 0; i < parts; i++) {
                st.execute((i == 0 ? "CREATE OR REPLACE TEMP TABLE late_delivered AS " : "INSERT INTO late_delivered ")
                        + latePartners(parts, i));
            }
            if (parts > 1) {
                Timings.mark("partners of held delivered results looked for in " + parts + " parts");
            }
            // a result with a partner by its message and one by its recipient is found in two parts
            long[] late = offsets(st, "SELECT DISTINCT spill_at FROM late_delivered ORDER BY 1");
            Timings.mark("partners of " + spill.count() + " held delivered results found later: " + late.length);
            writeRows(conn, late);
            long counted;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pending_delivered")) {
                rs.next();
                counted = rs.getLong(1) - late.length; // not the spill's count: export rows dropped as stored leave theirs
            }
            // in parts of whole hours (an hour is in every group's key, so the parts' groups never meet): one
            // aggregate over a 50M-line log's 4.3M held results ran out of DuckDB's memory
            List<Long> starts = new ArrayList<>();
            long inPart = 0;
            try (ResultSet rs = st.executeQuery("SELECT epoch_us(date_trunc('hour', time)), count(*) FROM pending_delivered"
                    + " GROUP BY 1 ORDER BY 1")) {
                while (rs.next()) {
                    if (starts.isEmpty() || inPart + rs.getLong(2) > partRows) {
                        starts.add(rs.getLong(1));
                        inPart = 0;
                    }
                    inPart += rs.getLong(2);
                }
            }
            for (int i = 0; i < starts.size(); i++) {
                // the sender's domain as ReportQueries.SENDER_DOMAIN has it: lower-cased by DuckDB, as the rows are
                st.execute("INSERT INTO delivered_counts SELECT date_trunc('hour', p.time), min(p.time), max(p.time),"
                        + " d.direction, d.source_format, d.recipient_domain, d.remote_host, d.provider, lower(d.sender_domain),"
                        + " d.sending_ip, count(*)"
                        + " FROM pending_delivered p JOIN pending_dims d ON d.id = p.dims"
                        + " ANTI JOIN late_delivered l ON l.spill_at = p.spill_at"
                        + " WHERE " + ReportQueries.timeSlice("p.time", starts, i) + " GROUP BY ALL");
            }
            // an export row counted keeps its identity, so that an overlapping export still counts it once
            st.execute("INSERT INTO row_keys SELECT row_key, time FROM pending_delivered p ANTI JOIN late_delivered l"
                    + " ON l.spill_at = p.spill_at WHERE row_key IS NOT NULL");
            st.execute("DROP TABLE late_delivered");
            // dropped, not emptied: the blocks of a deleted temporary table's rows stay in DuckDB's memory (a
            // 50M-line run's 4.3M held results left the reports' queries short of memory); the next input that
            // holds results makes them again
            st.execute("DROP TABLE pending_delivered");
            st.execute("DROP TABLE pending_dims");
            spill.clear();
            Timings.mark("held delivered results written: " + counted + " counted");
            return counted;
        }
    }

    /** Writes the held results that start at {@code offsets} in the spill file as events rows. */
    private void writeRows(Connection conn, long[] offsets) throws SQLException {
        if (offsets.length == 0) {
            return;
        }
        DuckDBConnection duck = conn.unwrap(DuckDBConnection.class);
        try (DuckDBAppender events = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
            spill.forEach(offsets, s -> {
                appendRow(events, s);
                foldable |= s.rowKey() != null;
            });
        }
    }

    /** Appends a held result read back as an events row. */
    static void appendRow(DuckDBAppender events, DeliveredSpill.Spilled s) throws SQLException {
        InputBatch.appendEvent(events, s.inputId(), s.seq(), s.event(), null, s.provider(), s.rowKey());
    }

    /**
     * When {@link #finish} failed (out of memory, most likely: its query and its counts need more
     * than a row each): writes every held result as an events row, inside the caller's transaction, as
     * a release that wrote every result as a row would have left them, for a later fold.
     */
    void writeAllAsRows(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            writeRows(conn, offsets(st, "SELECT spill_at FROM pending_delivered ORDER BY 1"));
            st.execute("DELETE FROM pending_delivered");
            st.execute("DROP TABLE IF EXISTS pending_dims"); // made again by the next input that holds results
            st.execute("DELETE FROM meta WHERE starts_with(key, '" + EventStore.UNFINISHED + "')");
        }
        spill.clear();
    }

    /**
     * The held results that have a partner after all: one read after them, a stored row of an earlier
     * run, another held result of the same (message, recipient), or a stored final failure of the
     * recipient (before or after the delivery: a report over a window that ends before a later bounce
     * may need the delivery between an earlier one and it). Part {@code i} of {@code parts}: the held
     * results whose (message, recipient) key or recipient key falls in bucket {@code i} of their hash;
     * every partner shares its result's key, so it is in the same part. The held keys of the part are
     * what DuckDB builds its hash tables on; the stored rows only stream past them, so a part costs one
     * read of {@code events} whatever the store's size.
     */
    static String latePartners(long parts, long i) {
        String rk = "CASE WHEN qm IS NOT NULL AND recipient IS NOT NULL THEN hash(qm || '|' || lower(recipient)) END";
        String rcpt = "CASE WHEN outbound AND nullif(recipient, '') IS NOT NULL THEN hash(lower(recipient)) END";
        String storedRk = DeliveredCounts.recipientHash("");
        String storedRcpt = "hash(lower(recipient))";
        return "WITH p AS (SELECT spill_at, " + rk + " rk, " + rcpt + " rcpt FROM pending_delivered),"
                + " pk AS (SELECT spill_at, rk FROM p WHERE " + bucket("rk", parts, i) + "),"
                + " pr AS (SELECT spill_at, rcpt FROM p WHERE " + bucket("rcpt", parts, i) + "),"
                + " dup AS (SELECT rk FROM pk GROUP BY rk HAVING count(*) > 1)"
                + " SELECT spill_at FROM pk SEMI JOIN dup USING (rk)"
                + " UNION SELECT pk.spill_at FROM pk JOIN (SELECT " + storedRk + " rk FROM events WHERE "
                + bucket(storedRk, parts, i) + ") e USING (rk)"
                + " UNION SELECT pr.spill_at FROM pr JOIN (SELECT " + storedRcpt + " rcpt FROM events WHERE"
                + " direction = 'outbound' AND " + DeliveredCounts.FINAL_FAILURE + " AND nullif(recipient, '') IS NOT NULL"
                + " AND " + bucket(storedRcpt, parts, i) + ") f USING (rcpt)";
    }

    /** The condition that a hash (a non-null UBIGINT) falls in bucket {@code i} of {@code parts}. */
    private static String bucket(String hash, long parts, long i) {
        return parts == 1 ? hash + " IS NOT NULL" : hash + " % " + parts + " = " + i;
    }

    /**
     * How many parts the search for partners takes: by the held results alone (each part reads the
     * stored rows once, so a nightly run that holds a few results on a large store takes one).
     */
    static long lateParts(long held, long partKeys) {
        return Math.max(1, (held + partKeys - 1) / partKeys);
    }

    private static long[] offsets(Statement st, String query) throws SQLException {
        long[] out = new long[16];
        int n = 0;
        try (ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = rs.getLong(1);
            }
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public void close() {
        spill.close(true);
    }

    /** Closes the spill file and leaves it on disk, for the next opening of the store to read back. */
    void closeKeepingFile() {
        spill.close(false);
    }

    // the fold's keys, made in Java: what one run needs to tell partners apart; a collision only keeps
    // a delivered result as a row that could have been counted, which changes no figure

    /** The (message, recipient) key, as {@link DeliveredCounts#recipientHash} has it; 0 for a result that stands alone. */
    static long messageKey(DeliveryEvent e) {
        String qm = messageIdentity(e);
        if (qm == null || e.recipient() == null) {
            return 0;
        }
        return nonZero(hash(hash(FNV, qm) * 31 + '|', e.recipient().toLowerCase(Locale.ROOT)));
    }

    /** The recipient's key; 0 for none. */
    static long recipientKey(String recipient) {
        return recipient == null || recipient.isEmpty() ? 0 : nonZero(hash(FNV, recipient.toLowerCase(Locale.ROOT)));
    }

    /** What tells a result's message apart, as {@link DeliveredCounts#recipientHash} takes it: the queue id, else the message id. */
    private static String messageIdentity(DeliveryEvent e) {
        return nonEmpty(e.queueId()) ? e.queueId() : nonEmpty(e.messageId()) ? e.messageId() : null;
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static final long FNV = 0xcbf29ce484222325L;

    private static long hash(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private static long nonZero(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /**
     * {@link ReportQueries#SENDER_DOMAIN} in Java (RE2's {@code \s} and {@code $}), but for the
     * lower-casing, which is left to DuckDB's {@code lower()}: Java's does not give the same text for
     * every letter (a dotted capital I).
     */
    static String senderDomain(String sender) {
        if (sender != null) {
            Matcher m = SENDER_DOMAIN.matcher(sender);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "(empty sender)";
    }

    /**
     * {@link ReportQueries#QUOTED_IP} in Java, read by hand: the first IPv4 address in the text, after a
     * leading {@code host NAME said:} or {@code host NAME refused to talk to me:}, that is not the remote
     * host's. Matches are the regex's: leftmost, non-overlapping, three digits at most per part (a part
     * of four digits or more starts no match, its last three digits may).
     */
    static String quotedIp(String message, String remoteIp) {
        if (message == null) {
            return "";
        }
        int from = 0;
        if (message.startsWith("host ")) {
            int sp = message.indexOf(' ', 5);
            if (sp > 5) {
                if (message.startsWith(" said:", sp)) {
                    from = sp + 6;
                } else if (message.startsWith(" refused to talk to me:", sp)) {
                    from = sp + 23;
                }
            }
        }
        String own = remoteIp == null ? "" : remoteIp;
        int n = message.length();
        int i = from;
        while (i < n) {
            int end = ipv4At(message, i, n);
            if (end < 0) {
                i++;
                continue;
            }
            String ip = message.substring(i, end);
            if (!ip.equals(own)) {
                return ip;
            }
            i = end;
        }
        return "";
    }

    /** The end of {@code \d{1,3}(\.\d{1,3}){3}} matched at {@code i}, or -1. */
    private static int ipv4At(String s, int i, int n) {
        int p = i;
        for (int part = 0; part < 4; part++) {
            int digits = 0;
            while (p < n && digits < 3 && isDigit(s.charAt(p))) {
                p++;
                digits++;
            }
            if (digits == 0) {
                return -1;
            }
            if (part < 3) {
                // a fourth digit, or anything but a dot, ends the match: fewer digits would leave a digit before the dot
                if (p >= n || s.charAt(p) != '.') {
                    return -1;
                }
                p++;
            }
        }
        return p;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The partner keys of a run, exact, in a {@link LongSet}, up to {@link #EXACT_KEYS} keys (a 16 MB
     * array at most, 24 MB while it grows); the keys after those are not kept, so that the heap holds
     * the same whatever the run's size. A yes is always right; a no may be wrong once the set is full:
     * that delivered result is held, and the run's end finds its partner among the stored rows
     * ({@link #latePartners}, in parts of {@link #PART_KEYS}), as for any partner written after it.
     * (A Bloom filter took the keys beyond the bound before; its wrong yeses wrote rows that only the
     * SQL fold over the whole store could fold again: on a 50M-line log, 4.4 s and the run's peak of
     * memory, 791 MB. The keys kept are the first ones: a partner written later in a large run is
     * found at its end, about 1% more held results at 50M lines.)
     */
    static final class PartnerKeys {
        /** Keys kept: the set's array has at most twice as many slots. */
        static final int EXACT_KEYS = 1 << 20;

        private final int limit;
        private final LongSet exact = new LongSet();

        PartnerKeys(int limit) {
            this.limit = limit;
        }

        /** Whether {@code k} was added (never yes when it was not; no for a key added once the set was full). */
        boolean contains(long k) {
            return exact.contains(k);
        }

        void add(long k) {
            if (exact.size() < limit) {
                exact.add(k);
            }
        }

        /** Whether keys were left out: a no may be wrong. */
        boolean full() {
            return exact.size() >= limit;
        }
    }

    /** A set of non-zero longs, open addressing: a run's keys without a boxed Long each. */
    static final class LongSet {
        private long[] slots = new long[1024];
        private int size;

        private int find(long k) {
            int mask = slots.length - 1;
            for (int i = (int) k & mask; ; i = (i + 1) & mask) {
                if (slots[i] == k || slots[i] == 0) {
                    return i;
                }
            }
        }

        boolean contains(long k) {
            return slots[find(k)] == k;
        }

        int size() {
            return size;
        }

        void forEach(java.util.function.LongConsumer action) {
            for (long k : slots) {
                if (k != 0) {
                    action.accept(k);
                }
            }
        }

        void add(long k) {
            if (size * 2 >= slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                for (long o : old) {
                    if (o != 0) {
                        slots[find(o)] = o;
                    }
                }
            }
            int i = find(k);
            if (slots[i] == 0) {
                slots[i] = k;
                size++;
            }
        }
    }
}

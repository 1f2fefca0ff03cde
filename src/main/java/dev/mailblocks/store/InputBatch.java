package dev.mailblocks.store;

import dev.mailblocks.model.Classification;
import dev.mailblocks.model.ClassifiedEvent;
import dev.mailblocks.model.DeliveryEvent;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.source.FileStamp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** The writes of one input, in one transaction: events and malformed lines through Appenders. */
public final class InputBatch implements AutoCloseable {

    /** Malformed lines keep at most this much of their text. */
    static final int MAX_KEPT_TEXT = 2000;
    /**
     * Rows after which the Appender hands what it holds to DuckDB, which writes full row groups to
     * the file as the transaction goes: left to itself the Appender keeps 204,800 rows in memory,
     * more than DuckDB's memory limit holds for wide rows.
     */
    static final int FLUSH_ROWS = 16_384;

    private final EventStore store;
    private final long inputId;
    private final DuckDBAppender events;
    private final DuckDBAppender malformed;
    /** Where delivered results wait for the run's end (null: straight to events). */
    private final RunDelivered held;
    /** Their keys, for the end of the run to find their partners and count them. */
    private final DuckDBAppender pending;
    private final DuckDBAppender pendingDims;
    private final DeliveredSpill.Mark heldMark;
    private long heldBack;
    private long lastLine = -1;
    private int unflushed;
    private int seq;
    private boolean done;
    /** Whether any event carries a row identity (only exports do); logs need no check for stored rows. */
    private boolean keyed;

    InputBatch(EventStore store, DuckDBConnection conn, long inputId, RunDelivered held) throws SQLException {
        this.store = store;
        this.inputId = inputId;
        this.events = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events");
        this.malformed = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "malformed");
        this.held = held;
        if (held != null) {
            try (Statement st = conn.createStatement()) {
                st.execute(RunDelivered.PENDING);
                st.execute(RunDelivered.PENDING_DIMS);
            }
            this.pending = conn.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "pending_delivered");
            this.pendingDims = conn.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "pending_dims");
            this.heldMark = held.mark();
        } else {
            this.pending = null;
            this.pendingDims = null;
            this.heldMark = null;
        }
    }

    /** The input's id, copied into its events. */
    public long inputId() {
        return inputId;
    }

    /** Appends one event with its classification (null for delivered events) and provider. */
    public void add(ClassifiedEvent ce, String provider) {
        add(ce, provider, null);
    }

    /**
     * Appends one event; {@code rowKey}, when not null, is the identity of the export row it came
     * from: a row whose identity is already stored is dropped by {@link #dropStoredRows()}.
     */
    public void add(ClassifiedEvent ce, String provider, String rowKey) {
        DeliveryEvent e = ce.event();
        Classification c = ce.classification();
        seq = e.line() == lastLine ? seq + 1 : 0;
        lastLine = e.line();
        try {
            if (held != null && c == null && e.outcome() == Outcome.DELIVERED && !held.partnerWritten(e)) {
                held.hold(inputId, seq, e, provider, rowKey, pending, pendingDims);
                heldBack++;
            } else {
                appendEvent(events, inputId, seq, e, c, provider, rowKey);
                if (held != null) {
                    held.rowWritten(e, rowKey != null);
                }
            }
            keyed |= rowKey != null;
            if (++unflushed >= FLUSH_ROWS) {
                flush();
            }
        } catch (SQLException ex) {
            throw store.failure("write an event", ex);
        }
    }

    private void flush() throws SQLException {
        events.flush();
        malformed.flush();
        if (pending != null) {
            pending.flush();
            pendingDims.flush();
        }
        unflushed = 0;
    }

    /** Appends one events row: the one place that lists the table's columns in their order. */
    static void appendEvent(DuckDBAppender events, long inputId, int seq, DeliveryEvent e, Classification c,
            String provider, String rowKey) throws SQLException {
        events.beginRow();
        events.append(inputId);
        events.append(e.line());
        events.append(seq);
        events.append(LocalDateTime.ofInstant(e.time(), ZoneOffset.UTC));
        events.append(e.direction().id());
        events.append(e.sourceFormat());
        str(events, e.reportingHost());
        str(events, e.queueId());
        str(events, e.messageId());
        str(events, e.sender());
        str(events, e.recipient());
        str(events, e.recipientDomain());
        events.append(e.outcome().id());
        if (e.replyCode() == null) {
            events.appendNull();
        } else {
            events.append(e.replyCode().intValue());
        }
        str(events, e.enhancedStatus());
        str(events, e.remoteHost());
        str(events, e.remoteIp());
        str(events, e.phase() == null ? null : e.phase().id());
        str(events, e.diagnostic());
        str(events, c == null ? null : c.category().id());
        str(events, c == null ? null : c.group().id());
        str(events, c == null ? null : c.patternId());
        str(events, provider);
        str(events, c == null ? null : c.template());
        str(events, rowKey);
        events.endRow();
    }

    static void str(DuckDBAppender a, String s) throws SQLException {
        if (s == null) {
            a.appendNull();
        } else {
            a.append(s);
        }
    }

    /** Keeps a malformed line with its reason and (the start of) its text. */
    public void malformed(long line, String reason, String text) {
        try {
            malformed.beginRow();
            malformed.append(inputId);
            malformed.append(line);
            malformed.append(reason);
            String t = text == null ? "" : text;
            malformed.append(t.length() > MAX_KEPT_TEXT ? t.substring(0, MAX_KEPT_TEXT) : t);
            malformed.endRow();
            if (++unflushed >= FLUSH_ROWS) {
                flush();
            }
        } catch (SQLException ex) {
            throw store.failure("write a malformed line", ex);
        }
    }

    /** Events dropped as rows already stored, and the lines left with no event of their own. */
    public record Dropped(long events, long lines) {
    }

    /**
     * The most of an input's keyed rows one search for stored rows reads: an input with more is searched
     * in parts, each the keys in one bucket of their hash, so that DuckDB's hash tables stay bounded
     * whatever the input's size (a 1M-row export ran out of the half limit DuckDB has while reading).
     */
    static final long DROP_PART_ROWS = 500_000;

    /** A row's place in its input as one number: {@code line * LINE_SPAN + seq} (seq is an int, never negative). */
    private static final String LINE_SPAN = "4294967296";

    /**
     * Drops this input's events whose row identity is already stored (by another export, or
     * earlier in this one, or as a delivered result folded into counts): overlapping ESP exports
     * count each row once, whatever their order.
     *
     * <p>Row keys are compared by their MD5 (a 128-bit number, where the key is some 60 characters): the
     * input's keys are read once into a table of (position, held, hash, MD5), and each bucket of the hash is
     * searched alone. Two different keys with the same MD5 would count as one row; by chance, at a million keys,
     * about once in 10^26 inputs.
     */
    public Dropped dropStoredRows() {
        if (!keyed) {
            return new Dropped(0, 0);
        }
        Connection conn = store.connection();
        // the input is read: DuckDB has its whole limit again, as at the commit that follows (raised, not
        // lowered: a SET that fails would abort the input's transaction)
        store.readingMemory(false);
        try (Statement st = conn.createStatement()) {
            events.flush();
            // this input's rows: written to events, or held back (RunDelivered) until the end of the run
            String mine = "SELECT line, seq, row_key, false AS held FROM events WHERE input_id = " + inputId
                    + " AND row_key IS NOT NULL";
            String others = "SELECT row_key FROM events WHERE input_id <> " + inputId + " AND row_key IS NOT NULL"
                    + " UNION ALL SELECT row_key FROM row_keys";
            String remaining = "SELECT e.line FROM events e WHERE e.input_id = " + inputId + " AND NOT EXISTS (SELECT 1"
                    + " FROM stored_rows d WHERE d.line = e.line AND d.seq = e.seq AND NOT d.held)";
            if (pending != null) {
                pending.flush();
                mine += " UNION ALL SELECT line, seq, row_key, true FROM pending_delivered WHERE input_id = " + inputId
                        + " AND row_key IS NOT NULL";
                others += " UNION ALL SELECT row_key FROM pending_delivered WHERE input_id <> " + inputId
                        + " AND row_key IS NOT NULL";
                remaining += " UNION ALL SELECT p.line FROM pending_delivered p WHERE p.input_id = " + inputId
                        + " AND NOT EXISTS (SELECT 1 FROM stored_rows d WHERE d.line = p.line AND d.seq = p.seq AND d.held)";
            }
            // a row's place as one number ordered as (line, seq); seq is a row's index within its line, never negative
            st.execute("CREATE OR REPLACE TEMP TABLE input_keys AS SELECT line::HUGEINT * " + LINE_SPAN + " + seq AS pos,"
                    + " held, hash(row_key) AS h, md5_number(row_key) AS k FROM (" + mine + ")");
            long rows;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM input_keys")) {
                rs.next();
                rows = rs.getLong(1);
            }
            long parts = Math.max(1, (rows + store.dropPartRows - 1) / store.dropPartRows);
            st.execute("CREATE OR REPLACE TEMP TABLE stored_rows (line BIGINT, seq INTEGER, held BOOLEAN)");
            for (long part = 0; part < parts; part++) {
                // in this part (a bucket of the cheap hash): each key this input has more than once, with the place
                // of its first row; and the keys stored elsewhere, whose MD5 is made only when their hash is one of ours
                String bucket = "h % " + parts + " = " + part;
                st.execute("INSERT INTO stored_rows WITH mk AS (SELECT pos, held, h, k FROM input_keys WHERE " + bucket
                        + "), firsts AS (SELECT k, min(pos) AS first FROM mk GROUP BY k HAVING count(*) > 1),"
                        + " elsewhere AS (SELECT DISTINCT md5_number(o.row_key) AS k FROM (SELECT hash(row_key) AS h, row_key"
                        + " FROM (" + others + ")) o WHERE o." + bucket + " AND o.h IN (SELECT h FROM mk))"
                        + " SELECT (m.pos // " + LINE_SPAN + ")::BIGINT, (m.pos % " + LINE_SPAN + ")::INTEGER, m.held FROM mk m"
                        + " LEFT JOIN firsts f ON f.k = m.k WHERE (f.k IS NOT NULL AND f.first <> m.pos)"
                        + " OR m.k IN (SELECT k FROM elsewhere)");
            }
            st.execute("DROP TABLE input_keys");
            Timings.mark("rows stored before searched: " + rows + " keyed rows in " + parts + " part(s)");
            long dropped;
            long lines;
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT line) FILTER (WHERE line NOT IN ("
                    + remaining + ")) FROM stored_rows")) {
                rs.next();
                dropped = rs.getLong(1);
                lines = rs.getLong(2);
            }
            if (dropped > 0) {
                st.execute("DELETE FROM events USING stored_rows d WHERE events.input_id = " + inputId
                        + " AND events.line = d.line AND events.seq = d.seq AND NOT d.held");
                if (pending != null) {
                    // a held row dropped keeps its record in the spill file, which nothing reads any more
                    st.execute("DELETE FROM pending_delivered USING stored_rows d WHERE pending_delivered.input_id = "
                            + inputId + " AND pending_delivered.line = d.line AND pending_delivered.seq = d.seq AND d.held");
                }
            }
            st.execute("DROP TABLE stored_rows");
            return new Dropped(dropped, lines);
        } catch (SQLException ex) {
            throw store.failure("drop rows stored before", ex);
        }
    }

    /** What the ledger remembers of the input's content. */
    public record Content(int headLength, String headHash, long bytes, String contentHash, long totalLines,
            FileStamp stamp) {
    }

    /** Records the accounting and content of the input and commits everything. */
    public void commit(String format, InputCounts counts, Content content, String error) {
        Connection conn = store.connection();
        try {
            events.close();
            malformed.close();
            if (pending != null) {
                held.writeDims(pendingDims);
                pending.close();
                pendingDims.close();
            }
            if (heldBack > 0) {
                // until the end of the run has moved them into the store, the input's held results are only in
                // the spill file, written to disk now: a run that dies before its end leaves this mark, and the
                // next opening of the store writes them as rows from the file (EventStore.recoverUnfinished)
                try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
                    ps.setString(1, EventStore.UNFINISHED + inputId);
                    ps.setString(2, held.sync(heldMark));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("""
                    UPDATE inputs SET format = ?, head_length = ?, head_hash = ?, bytes = ?, content_hash = ?,
                        total_lines = ?, skipped_lines = ?, lines = ?, event_lines = ?, events = ?, ignored = ?,
                        malformed = ?, error = ?, file_size = ?, file_modified = ?, file_key = ? WHERE id = ?""")) {
                ps.setString(1, format);
                ps.setInt(2, content.headLength());
                ps.setString(3, content.headHash());
                ps.setLong(4, content.bytes());
                ps.setString(5, content.contentHash());
                ps.setLong(6, content.totalLines());
                ps.setLong(7, counts.skippedLines());
                ps.setLong(8, counts.lines());
                ps.setLong(9, counts.eventLines());
                ps.setLong(10, counts.events());
                ps.setLong(11, counts.ignored());
                ps.setLong(12, counts.malformed());
                ps.setString(13, error);
                FileStamp stamp = content.stamp();
                if (stamp == null) {
                    ps.setNull(14, java.sql.Types.BIGINT);
                    ps.setNull(15, java.sql.Types.BIGINT);
                    ps.setNull(16, java.sql.Types.VARCHAR);
                } else {
                    ps.setLong(14, stamp.size());
                    ps.setLong(15, stamp.modified());
                    ps.setString(16, stamp.key());
                }
                ps.setLong(17, inputId);
                ps.executeUpdate();
            }
            conn.commit();
            conn.setAutoCommit(true);
            done = true;
            store.readingMemory(false);
        } catch (SQLException ex) {
            throw store.failure("commit " + inputId, ex);
        }
    }

    /** Drops everything written for this input. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        Connection conn = store.connection();
        try {
            try {
                events.close();
                malformed.close();
                if (pending != null) {
                    pending.close();
                    pendingDims.close();
                }
            } finally {
                try {
                    conn.rollback();
                    conn.setAutoCommit(true);
                    if (held != null) {
                        held.rollBack(heldMark);
                    }
                } finally {
                    store.readingMemory(false);
                }
            }
        } catch (SQLException ex) {
            throw store.failure("roll back input " + inputId, ex);
        }
    }
}

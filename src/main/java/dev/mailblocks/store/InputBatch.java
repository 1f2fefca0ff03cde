package dev.mailblocks.store;

import dev.mailblocks.model.Classification;
import dev.mailblocks.model.ClassifiedEvent;
import dev.mailblocks.model.DeliveryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** The writes of one input, in one transaction: events and malformed lines through Appenders. */
public final class InputBatch implements AutoCloseable {

    /** Malformed lines keep at most this much of their text. */
    static final int MAX_KEPT_TEXT = 2000;

    private final EventStore store;
    private final long inputId;
    private final DuckDBAppender events;
    private final DuckDBAppender malformed;
    private long lastLine = -1;
    private int seq;
    private boolean done;

    InputBatch(EventStore store, DuckDBConnection conn, long inputId) throws SQLException {
        this.store = store;
        this.inputId = inputId;
        this.events = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events");
        this.malformed = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "malformed");
    }

    /** The input's id, copied into its events. */
    public long inputId() {
        return inputId;
    }

    /** Appends one event with its classification (null for delivered events) and provider. */
    public void add(ClassifiedEvent ce, String provider) {
        DeliveryEvent e = ce.event();
        Classification c = ce.classification();
        seq = e.line() == lastLine ? seq + 1 : 0;
        lastLine = e.line();
        try {
            events.beginRow();
            events.append(inputId);
            events.append(e.line());
            events.append(seq);
            events.append(LocalDateTime.ofInstant(e.time(), ZoneOffset.UTC));
            events.append(e.direction().id());
            events.append(e.sourceFormat());
            str(e.reportingHost());
            str(e.queueId());
            str(e.messageId());
            str(e.sender());
            str(e.recipient());
            str(e.recipientDomain());
            events.append(e.outcome().id());
            if (e.replyCode() == null) {
                events.appendNull();
            } else {
                events.append(e.replyCode().intValue());
            }
            str(e.enhancedStatus());
            str(e.remoteHost());
            str(e.remoteIp());
            str(e.phase() == null ? null : e.phase().id());
            str(e.diagnostic());
            str(c == null ? null : c.category().id());
            str(c == null ? null : c.group().id());
            str(c == null ? null : c.patternId());
            str(provider);
            str(c == null ? null : c.template());
            events.endRow();
        } catch (SQLException ex) {
            throw store.failure("write an event", ex);
        }
    }

    private void str(String s) throws SQLException {
        if (s == null) {
            events.appendNull();
        } else {
            events.append(s);
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
        } catch (SQLException ex) {
            throw store.failure("write a malformed line", ex);
        }
    }

    /** What the ledger remembers of the input's content. */
    public record Content(int headLength, String headHash, long bytes, String contentHash, long totalLines) {
    }

    /** Records the accounting and content of the input and commits everything. */
    public void commit(String format, InputCounts counts, Content content, String error) {
        Connection conn = store.connection();
        try {
            events.close();
            malformed.close();
            try (PreparedStatement ps = conn.prepareStatement("""
                    UPDATE inputs SET format = ?, head_length = ?, head_hash = ?, bytes = ?, content_hash = ?,
                        total_lines = ?, skipped_lines = ?, lines = ?, event_lines = ?, events = ?, ignored = ?,
                        malformed = ?, error = ? WHERE id = ?""")) {
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
                ps.setLong(14, inputId);
                ps.executeUpdate();
            }
            conn.commit();
            conn.setAutoCommit(true);
            done = true;
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
            } finally {
                conn.rollback();
                conn.setAutoCommit(true);
            }
        } catch (SQLException ex) {
            throw store.failure("roll back input " + inputId, ex);
        }
    }
}

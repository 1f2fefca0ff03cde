package dev.mailblocks.store;

import dev.mailblocks.source.LedgerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * The embedded DuckDB file: schema created and versioned here, one transaction per input,
 * events written with the Appender. The report stage reads it through {@link ReportQueries}.
 */
public final class EventStore implements AutoCloseable {

    /** The schema version this code writes; an older file is upgraded, a newer one refused. */
    public static final int SCHEMA_VERSION = 1;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        "CREATE SEQUENCE IF NOT EXISTS input_ids START 1",
        """
        CREATE TABLE IF NOT EXISTS inputs (
            id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, format VARCHAR NOT NULL,
            head_length INTEGER, head_hash VARCHAR, bytes BIGINT, content_hash VARCHAR,
            total_lines BIGINT, skipped_lines BIGINT, lines BIGINT, event_lines BIGINT, events BIGINT,
            ignored BIGINT, malformed BIGINT, error VARCHAR, ingested_at TIMESTAMP)""",
        """
        CREATE TABLE IF NOT EXISTS events (
            input_id BIGINT NOT NULL, line BIGINT NOT NULL, seq INTEGER NOT NULL, time TIMESTAMP NOT NULL,
            direction VARCHAR NOT NULL, source_format VARCHAR NOT NULL, reporting_host VARCHAR,
            queue_id VARCHAR, message_id VARCHAR, sender VARCHAR, recipient VARCHAR, recipient_domain VARCHAR,
            outcome VARCHAR NOT NULL, reply_code INTEGER, enhanced_status VARCHAR, remote_host VARCHAR,
            remote_ip VARCHAR, phase VARCHAR, message VARCHAR, category VARCHAR, grp VARCHAR,
            pattern_id VARCHAR, provider VARCHAR, template VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS malformed (
            input_id BIGINT NOT NULL, line BIGINT NOT NULL, reason VARCHAR NOT NULL, text VARCHAR)""",
    };

    private final Connection conn;
    private final Path file;

    private EventStore(Connection conn, Path file) {
        this.conn = conn;
        this.file = file;
    }

    /** Opens (creating if needed) the DuckDB file and brings its schema up to date. */
    public static EventStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException(file + ": cannot create its folder: " + e.getMessage(), e);
        }
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            Connection conn = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            EventStore store = new EventStore(conn, file);
            store.migrate();
            return store;
        } catch (SQLException | ClassNotFoundException e) {
            throw new StoreException(file + ": cannot open the store: " + firstLine(e.getMessage()), e);
        }
    }

    private void migrate() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(SCHEMA[0]);
            int version = 0;
            try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
                if (rs.next()) {
                    version = Integer.parseInt(rs.getString(1));
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new SQLException("written by a newer mailblocks (schema " + version + ", this one knows "
                        + SCHEMA_VERSION + ")");
            }
            for (String ddl : SCHEMA) {
                st.execute(ddl);
            }
            st.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
        }
    }

    /** Everything earlier runs read, for recognising inputs by content. */
    public List<LedgerEntry> ledger() {
        List<LedgerEntry> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name, head_length, head_hash, bytes, content_hash,"
                        + " total_lines FROM inputs WHERE content_hash IS NOT NULL ORDER BY id")) {
            while (rs.next()) {
                out.add(new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getLong(7)));
            }
        } catch (SQLException e) {
            throw failure("read the ledger", e);
        }
        return out;
    }

    /** Starts one input's transaction; its events are visible only after {@link InputBatch#commit}. */
    public InputBatch begin(String name, String format) {
        try {
            conn.setAutoCommit(false);
            long id;
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT nextval('input_ids')")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO inputs (id, name, format, ingested_at) VALUES (?, ?, ?, now()::TIMESTAMP)")) {
                ps.setLong(1, id);
                ps.setString(2, name);
                ps.setString(3, format);
                ps.executeUpdate();
            }
            return new InputBatch(this, conn.unwrap(DuckDBConnection.class), id);
        } catch (SQLException e) {
            throw failure("start writing " + name, e);
        }
    }

    Connection connection() {
        return conn;
    }

    /** Queries for the reports. */
    public ReportQueries queries() {
        return new ReportQueries(conn);
    }

    StoreException failure(String what, SQLException e) {
        return new StoreException(file + ": cannot " + what + ": " + firstLine(e.getMessage()), e);
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}

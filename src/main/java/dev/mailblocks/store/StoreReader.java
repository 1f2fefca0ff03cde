package dev.mailblocks.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * A connection of its own to an open store, for reading it from another thread while the store's
 * connection is busy (one report written beside another). It sees what was committed when it
 * was opened; close it when done.
 */
public final class StoreReader implements AutoCloseable {

    private final Connection conn;

    StoreReader(EventStore store, boolean stream) {
        try {
            this.conn = store.connection().unwrap(DuckDBConnection.class).duplicate();
        } catch (SQLException e) {
            throw store.failure("open a second connection for reading", e);
        }
        if (stream && store.settings() != null) {
            // a query's rows then come as they are read: its callbacks must not query this connection
            try (java.sql.Statement st = conn.createStatement()) {
                st.execute("SET jdbc_stream_results = true");
            } catch (SQLException e) {
                close();
                throw store.failure("stream the results of a reading connection", e);
            }
        }
    }

    /** Queries for the reports, on this connection. */
    public ReportQueries queries() {
        return new ReportQueries(conn);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close a reading connection: " + EventStore.firstLine(e.getMessage()), e);
        }
    }
}

package dev.mailblocks.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work on a connection as one transaction: committed when it returns, rolled back when it throws. */
final class Transaction {

    /** The work done inside the transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private Transaction() {
    }

    /** Runs {@code work} in a transaction and gives back the connection's auto-commit setting after it. */
    static <T> T run(Connection conn, Work<T> work) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            T result = work.run();
            conn.commit();
            return result;
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }
}

package dev.mailblocks.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Delivered results folded into hourly counts, so that the store grows with refusals and not
 * with traffic: {@code delivered_counts} has one row per hour, direction, format, recipient domain,
 * MX host, provider, sender domain and quoted sending IP. A delivered result stays an events row
 * only when a report still needs it as a row:
 * <ul>
 * <li>another stored event has the same (message, recipient): a deferral before it, a retry, a
 * duplicate; design.md "Counting" needs the pair's every result to count it once, by its final
 * outcome, with its attempts;
 * <li>its recipient address has a final failure stored (bounced, rejected, expired): the
 * suppression list needs the time of a delivery after it.
 * </ul>
 * Delivered results read from logs never become rows unless they must: {@link RunDelivered} holds
 * them back during the run and counts them at its end. Export rows, and rows kept by earlier runs,
 * are folded here by SQL ({@link #fold}), which keeps a delivered row for any stored failure of its
 * recipient, before or after it (the held results need one at or before it: a superset changes no
 * figure). A folded result is one recipient with one attempt, so counts and rows add up. An export
 * row's identity ({@code row_key}) is kept in {@code row_keys}, so an overlapping export still counts
 * it once. Rows kept are looked at again after a prune, so a partner pruned later lets them fold.
 */
final class DeliveredCounts {

    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS delivered_counts (
                hour TIMESTAMP NOT NULL, first_time TIMESTAMP NOT NULL, last_time TIMESTAMP NOT NULL,
                direction VARCHAR NOT NULL, source_format VARCHAR NOT NULL, recipient_domain VARCHAR,
                remote_host VARCHAR, provider VARCHAR, sender_domain VARCHAR, sending_ip VARCHAR,
                results BIGINT NOT NULL)""";

    /**
     * An outbound result that ends its recipient's delivery for good: what makes the suppression list
     * ({@link ReportQueries#suppressions}) need the deliveries to that recipient as rows.
     */
    static final String FINAL_FAILURE = "outcome IN ('bounced', 'rejected', 'expired')";

    static final String ROW_KEYS = "CREATE TABLE IF NOT EXISTS row_keys (row_key VARCHAR NOT NULL, time TIMESTAMP NOT NULL)";

    /**
     * The identity of a (message, recipient) of an events row {@code e}, as a 64-bit hash: of the queue
     * or message id and the lower-cased recipient; a row without either stands for itself (design.md
     * "Counting"). A hash keeps the fold's joins and the reports' groupings inside DuckDB's memory; two
     * keys that collide (about one chance in 10^7 among a million recipients) would count as one.
     */
    static String recipientHash(String e) {
        String row = "'row:' || " + e + "input_id || ':' || " + e + "line || ':' || " + e + "seq";
        return "hash(coalesce(nullif(" + e + "queue_id, ''), nullif(" + e + "message_id, ''), " + row + ") || '|' || coalesce(lower("
                + e + "recipient), " + row + "))";
    }

    private DeliveredCounts() {
    }

    /**
     * Folds the delivered rows no report needs as rows; returns how many were folded. Runs inside
     * the caller's transaction.
     */
    static long fold(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE fold AS"
                    // keys as 64-bit hashes, not strings: the joins then fit DuckDB's memory limit (the string
                    // keys of 1.8M Exim results did not, in 256MB). Two keys that collide only keep a delivered
                    // result as a row that could have been folded, which changes no figure
                    + " WITH k AS (SELECT input_id, line, seq, outcome, direction, " + recipientHash("") + " rk,"
                    + "   CASE WHEN nullif(recipient, '') IS NOT NULL THEN hash(lower(recipient)) END rcpt FROM events),"
                    + " shared AS (SELECT rk FROM k GROUP BY rk HAVING count(*) > 1),"
                    + " failed AS (SELECT DISTINCT rcpt FROM k WHERE direction = 'outbound'"
                    + "   AND " + FINAL_FAILURE + " AND rcpt IS NOT NULL)"
                    // anti joins rather than NOT IN: hash joins spill to disk beyond DuckDB's memory limit. Each
                    // join condition is one equality: a condition on the delivered side alone ("AND c.direction =
                    // 'outbound'") turns DuckDB's anti join into a nested loop (112 s instead of 0.1 s on a
                    // million export rows), so an inbound result gets a NULL key, which matches nothing
                    + " SELECT c.input_id, c.line, c.seq FROM (SELECT input_id, line, seq, rk, CASE WHEN direction"
                    + "   = 'outbound' THEN rcpt END outbound_rcpt FROM k WHERE outcome = 'delivered') c"
                    + "   ANTI JOIN shared s ON s.rk = c.rk"
                    + "   ANTI JOIN failed f ON f.rcpt = c.outbound_rcpt");
            long n;
            try (var rs = st.executeQuery("SELECT count(*) FROM fold")) {
                rs.next();
                n = rs.getLong(1);
            }
            if (n > 0) {
                String folded = " FROM events e SEMI JOIN fold f ON f.input_id = e.input_id AND f.line = e.line"
                        + " AND f.seq = e.seq";
                st.execute("INSERT INTO delivered_counts SELECT date_trunc('hour', time), min(time), max(time),"
                        + " direction, source_format, recipient_domain, remote_host, provider, "
                        + ReportQueries.SENDER_DOMAIN + ", " + ReportQueries.QUOTED_IP + ", count(*)" + folded
                        + " GROUP BY ALL");
                st.execute("INSERT INTO row_keys SELECT row_key, time" + folded + " WHERE row_key IS NOT NULL");
                st.execute("DELETE FROM events USING fold f WHERE f.input_id = events.input_id AND f.line = events.line"
                        + " AND f.seq = events.seq");
            }
            st.execute("DROP TABLE fold");
            return n;
        }
    }
}

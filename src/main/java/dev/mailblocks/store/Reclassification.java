package dev.mailblocks.store;

import dev.mailblocks.model.Classification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Classifies the stored refusals again when the catalogue changed since they were stored: each
 * distinct {@link RefusalContext} once, then one UPDATE joining the new classifications.
 */
public final class Reclassification {

    private static final String KEY = "catalogue_fingerprint";

    private Reclassification() {
    }

    /**
     * Brings the stored classifications up to the catalogue with this fingerprint.
     *
     * @return how many distinct refusal contexts were classified again (0 when nothing changed)
     */
    public static int ensure(EventStore store, String fingerprint, Function<RefusalContext, Classification> classify) {
        Connection conn = store.connection();
        try {
            String stored = meta(conn);
            if (fingerprint.equals(stored)) {
                return 0;
            }
            List<RefusalContext> contexts = contexts(conn);
            if (!contexts.isEmpty()) {
                apply(conn, contexts, classify);
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
                ps.setString(1, KEY);
                ps.setString(2, fingerprint);
                ps.executeUpdate();
            }
            return stored == null ? 0 : contexts.size();
        } catch (SQLException e) {
            throw store.failure("classify the stored refusals again", e);
        }
    }

    private static String meta(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<RefusalContext> contexts(Connection conn) throws SQLException {
        List<RefusalContext> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT DISTINCT template, reply_code, enhanced_status, phase,"
                        + " remote_host, outcome FROM events WHERE outcome <> 'delivered' ORDER BY ALL")) {
            while (rs.next()) {
                int code = rs.getInt(2);
                // wasNull() speaks of the last column read: ask before reading the next one
                Integer reply = rs.wasNull() ? null : code;
                out.add(new RefusalContext(rs.getString(1), reply, rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)));
            }
        }
        return out;
    }

    private static void apply(Connection conn, List<RefusalContext> contexts,
            Function<RefusalContext, Classification> classify) throws SQLException {
        Transaction.run(conn, () -> {
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE OR REPLACE TABLE reclass (template VARCHAR, reply_code INTEGER,"
                        + " enhanced_status VARCHAR, phase VARCHAR, remote_host VARCHAR, outcome VARCHAR,"
                        + " category VARCHAR, grp VARCHAR, pattern_id VARCHAR, provider VARCHAR)");
                try (DuckDBAppender a = conn.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "reclass")) {
                    for (RefusalContext c : contexts) {
                        Classification k = classify.apply(c);
                        a.beginRow();
                        nullable(a, c.template());
                        if (c.replyCode() == null) {
                            a.appendNull();
                        } else {
                            a.append(c.replyCode().intValue());
                        }
                        nullable(a, c.enhancedStatus());
                        nullable(a, c.phase());
                        nullable(a, c.remoteHost());
                        nullable(a, c.outcome());
                        a.append(k.category().id());
                        a.append(k.group().id());
                        a.append(k.patternId());
                        nullable(a, k.provider());
                        a.endRow();
                    }
                }
                st.execute("""
                        UPDATE events SET category = r.category, grp = r.grp, pattern_id = r.pattern_id,
                            provider = r.provider
                        FROM reclass r
                        WHERE events.outcome <> 'delivered'
                          AND events.template IS NOT DISTINCT FROM r.template
                          AND events.reply_code IS NOT DISTINCT FROM r.reply_code
                          AND events.enhanced_status IS NOT DISTINCT FROM r.enhanced_status
                          AND events.phase IS NOT DISTINCT FROM r.phase
                          AND events.remote_host IS NOT DISTINCT FROM r.remote_host
                          AND events.outcome = r.outcome""");
                st.execute("DROP TABLE reclass");
                return null;
            }
        });
    }

    private static void nullable(DuckDBAppender a, String s) throws SQLException {
        if (s == null) {
            a.appendNull();
        } else {
            a.append(s);
        }
    }
}

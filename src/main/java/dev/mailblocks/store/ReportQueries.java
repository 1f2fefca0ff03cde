package dev.mailblocks.store;

import dev.mailblocks.store.ReportRows.BlockingDomain;
import dev.mailblocks.store.ReportRows.Count;
import dev.mailblocks.store.ReportRows.ErrorPattern;
import dev.mailblocks.store.ReportRows.Event;
import dev.mailblocks.store.ReportRows.IncomingRefusal;
import dev.mailblocks.store.ReportRows.InputFile;
import dev.mailblocks.store.ReportRows.MalformedLine;
import dev.mailblocks.store.ReportRows.Unclassified;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The aggregate SQL behind the reports. Every query orders its rows completely, so the same
 * store gives byte-identical reports.
 */
public final class ReportQueries {

    private final Connection conn;

    ReportQueries(Connection conn) {
        this.conn = conn;
    }

    /** The newest stored event time, for windows such as {@code 7d} counted back from it. */
    public Optional<Instant> newestEvent() {
        try (PreparedStatement ps = conn.prepareStatement("SELECT max(time) FROM events");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return Optional.ofNullable(t == null ? null : instant(rs.getObject(1, LocalDateTime.class)));
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + EventStore.firstLine(e.getMessage()), e);
        }
    }

    /** The filtered events as a CTE named {@code w}, with its parameters. */
    private record Window(String cte, List<Object> params) {
    }

    private static Window window(ReportFilter f) {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> params = new ArrayList<>();
        if (f.since() != null) {
            where.append(" AND e.time >= ?");
            params.add(LocalDateTime.ofInstant(f.since(), ZoneOffset.UTC));
        }
        if (f.until() != null) {
            where.append(" AND e.time < ?");
            params.add(LocalDateTime.ofInstant(f.until(), ZoneOffset.UTC));
        }
        if (f.domain() != null) {
            where.append(" AND (e.recipient_domain = ? OR e.recipient_domain LIKE ?)");
            params.add(f.domain());
            params.add("%." + f.domain());
        }
        if (f.provider() != null) {
            where.append(" AND e.provider = ?");
            params.add(f.provider());
        }
        if (f.category() != null) {
            where.append(" AND (e.outcome = 'delivered' OR e.category = ?)");
            params.add(f.category());
        }
        return new Window("WITH w AS (SELECT e.*, i.name AS file FROM events e JOIN inputs i ON i.id = e.input_id"
                + " WHERE " + where + ") ", params);
    }

    private static final String REFUSAL_ORDER = "time, file, line, seq";

    /** Recipient domains with outbound policy refusals, most blocked first, then by domain. */
    public List<BlockingDomain> blockingDomains(ReportFilter f) {
        String sql = """
                , ob AS (SELECT * FROM w WHERE direction = 'outbound' AND recipient_domain IS NOT NULL),
                blocked AS (SELECT * FROM ob WHERE grp = 'policy' AND outcome <> 'delivered'),
                cat AS (SELECT recipient_domain, category, count(*) n FROM blocked GROUP BY ALL),
                pat AS (SELECT recipient_domain, pattern_id, count(*) n FROM blocked GROUP BY ALL),
                top AS (SELECT recipient_domain, pattern_id FROM (SELECT *, row_number() OVER (PARTITION BY
                       recipient_domain ORDER BY n DESC, pattern_id) r FROM pat) WHERE r = 1),
                prov AS (SELECT recipient_domain, provider, count(*) n FROM ob WHERE provider IS NOT NULL GROUP BY ALL),
                ex AS (SELECT b.recipient_domain, b.message, b.reply_code, b.enhanced_status, row_number() OVER (PARTITION BY b.recipient_domain
                       ORDER BY b.time, b.file, b.line, b.seq) r
                       FROM blocked b JOIN top t ON t.recipient_domain = b.recipient_domain
                       AND t.pattern_id = b.pattern_id)
                SELECT ob.recipient_domain,
                  (SELECT provider FROM prov p WHERE p.recipient_domain = ob.recipient_domain
                   ORDER BY n DESC, provider LIMIT 1),
                  count_if(outcome = 'delivered'), count_if(outcome = 'deferred'),
                  count_if(outcome IN ('bounced', 'rejected')), count_if(outcome = 'expired'),
                  count_if(grp = 'policy' AND outcome <> 'delivered') AS blocked,
                  (SELECT category FROM cat c WHERE c.recipient_domain = ob.recipient_domain
                   ORDER BY n DESC, category LIMIT 1),
                  (SELECT pattern_id FROM top t WHERE t.recipient_domain = ob.recipient_domain),
                  min(time) FILTER (WHERE grp = 'policy' AND outcome <> 'delivered'),
                  max(time) FILTER (WHERE grp = 'policy' AND outcome <> 'delivered'),
                  (SELECT message FROM ex WHERE ex.recipient_domain = ob.recipient_domain AND r = 1),
                  (SELECT concat_ws(' ', reply_code, enhanced_status) FROM ex
                   WHERE ex.recipient_domain = ob.recipient_domain AND r = 1)
                FROM ob GROUP BY ob.recipient_domain HAVING blocked > 0
                ORDER BY blocked DESC, ob.recipient_domain""";
        List<BlockingDomain> out = new ArrayList<>();
        query(f, sql, rs -> {
            long delivered = rs.getLong(3);
            long deferred = rs.getLong(4);
            long bounced = rs.getLong(5);
            long expired = rs.getLong(6);
            long blocked = rs.getLong(7);
            long total = delivered + deferred + bounced + expired;
            out.add(new BlockingDomain(rs.getString(1), rs.getString(2), delivered, deferred, bounced, expired,
                    blocked, total == 0 ? 0 : (double) blocked / total, rs.getString(8), rs.getString(9),
                    time(rs, 10), time(rs, 11), rs.getString(12), rs.getString(13)));
        });
        return out;
    }

    /** The catalogue entries and code fallbacks that decided refusals, most events first. */
    public List<ErrorPattern> errorPatterns(ReportFilter f) {
        String sql = """
                , r AS (SELECT * FROM w WHERE outcome <> 'delivered' AND pattern_id <> 'unclassified'),
                ex AS (SELECT pattern_id, message, reply_code, enhanced_status, row_number() OVER (PARTITION BY pattern_id
                       ORDER BY time, file, line, seq) rn FROM r)
                SELECT pattern_id, min(category), min(grp), count(*) n, count(DISTINCT recipient_domain),
                  min(time), max(time), (SELECT message FROM ex WHERE ex.pattern_id = r.pattern_id AND rn = 1),
                  (SELECT concat_ws(' ', reply_code, enhanced_status) FROM ex WHERE ex.pattern_id = r.pattern_id AND rn = 1)
                FROM r GROUP BY pattern_id ORDER BY n DESC, pattern_id""";
        List<ErrorPattern> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new ErrorPattern(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getLong(5), time(rs, 6), time(rs, 7), rs.getString(8), rs.getString(9))));
        return out;
    }

    /** Templates that nothing classified, most frequent first. */
    public List<Unclassified> unclassified(ReportFilter f) {
        String sql = """
                , r AS (SELECT * FROM w WHERE outcome <> 'delivered' AND pattern_id = 'unclassified'),
                ex AS (SELECT template, message, row_number() OVER (PARTITION BY template
                       ORDER BY time, file, line, seq) rn FROM r)
                SELECT template, count(*) n, count(DISTINCT recipient_domain),
                  (SELECT message FROM ex WHERE ex.template = r.template AND rn = 1)
                FROM r GROUP BY template ORDER BY n DESC, template""";
        List<Unclassified> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new Unclassified(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4))));
        return out;
    }

    /** Every non-delivered event, in time order, streamed to the consumer. */
    public void events(ReportFilter f, Consumer<Event> sink) {
        String sql = """
                SELECT time, direction, source_format, file, line, outcome, sender, recipient, recipient_domain,
                  remote_host, remote_ip, reply_code, enhanced_status, category, grp, pattern_id, provider, message
                FROM w WHERE outcome <> 'delivered' ORDER BY\s""" + REFUSAL_ORDER;
        query(f, sql, rs -> {
            int code = rs.getInt(12);
            Integer reply = rs.wasNull() ? null : code;
            sink.accept(new Event(time(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                    rs.getString(11), reply, rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                    rs.getString(17), rs.getString(18)));
        });
    }

    /** Per input file, summed over every run that read it, in name order. */
    public List<InputFile> inputs() {
        String sql = """
                SELECT name, string_agg(DISTINCT format, ';' ORDER BY format), sum(lines), sum(event_lines),
                  sum(ignored), sum(malformed)
                FROM inputs WHERE lines IS NOT NULL GROUP BY name ORDER BY name""";
        List<InputFile> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new InputFile(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + EventStore.firstLine(e.getMessage()), e);
        }
        return out;
    }

    /** Event counts by a column of the window ({@code outcome}, {@code grp}, {@code source_format}...). */
    public List<Count> countBy(ReportFilter f, String column, String condition) {
        if (!column.matches("[a-z_]+") || !condition.matches("[a-z_ ='<>,()]*")) {
            throw new IllegalArgumentException("not a plain column or condition");
        }
        String sql = "SELECT coalesce(" + column + ", ''), count(*) n FROM w"
                + (condition.isEmpty() ? "" : " WHERE " + condition) + " GROUP BY 1 ORDER BY n DESC, 1";
        List<Count> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new Count(rs.getString(1), rs.getLong(2))));
        return out;
    }

    /** Refusals of incoming mail by category and pattern, most first. */
    public List<IncomingRefusal> incoming(ReportFilter f) {
        String sql = """
                , r AS (SELECT * FROM w WHERE direction = 'inbound' AND outcome <> 'delivered'),
                ex AS (SELECT category, pattern_id, message, row_number() OVER (PARTITION BY category, pattern_id
                       ORDER BY time, file, line, seq) rn FROM r)
                SELECT category, pattern_id, count(*) n, count(DISTINCT coalesce(remote_ip, remote_host)),
                  (SELECT message FROM ex WHERE ex.category = r.category AND ex.pattern_id = r.pattern_id AND rn = 1)
                FROM r GROUP BY category, pattern_id ORDER BY n DESC, category, pattern_id""";
        List<IncomingRefusal> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new IncomingRefusal(rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getLong(4), rs.getString(5))));
        return out;
    }

    /** The first malformed lines kept, in file and line order. */
    public List<MalformedLine> malformed(int limit) {
        String sql = "SELECT i.name, m.line, m.reason, m.text FROM malformed m JOIN inputs i ON i.id = m.input_id"
                + " ORDER BY i.name, m.line LIMIT " + limit;
        List<MalformedLine> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new MalformedLine(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + EventStore.firstLine(e.getMessage()), e);
        }
        return out;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(ReportFilter f, String body, RowReader reader) {
        Window w = window(f);
        try (PreparedStatement ps = conn.prepareStatement(w.cte() + body)) {
            for (int i = 0; i < w.params().size(); i++) {
                ps.setObject(i + 1, w.params().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + EventStore.firstLine(e.getMessage()), e);
        }
    }

    private static Instant time(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : instant(t);
    }

    private static Instant instant(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC);
    }
}

package dev.mailblocks.store;

import dev.mailblocks.store.ReportRows.BlockingDomain;
import dev.mailblocks.store.ReportRows.Count;
import dev.mailblocks.store.ReportRows.Day;
import dev.mailblocks.store.ReportRows.DomainDay;
import dev.mailblocks.store.ReportRows.DomainResults;
import dev.mailblocks.store.ReportRows.ErrorPattern;
import dev.mailblocks.store.ReportRows.Event;
import dev.mailblocks.store.ReportRows.GroupCount;
import dev.mailblocks.store.ReportRows.Headline;
import dev.mailblocks.store.ReportRows.IncomingRefusal;
import dev.mailblocks.store.ReportRows.InputFile;
import dev.mailblocks.store.ReportRows.MalformedLine;
import dev.mailblocks.store.ReportRows.MxHost;
import dev.mailblocks.store.ReportRows.Refusal;
import dev.mailblocks.store.ReportRows.SendingView;
import dev.mailblocks.store.ReportRows.Suppression;
import dev.mailblocks.store.ReportRows.TemplateSample;
import dev.mailblocks.store.ReportRows.Unclassified;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The aggregate SQL behind the reports. Every query orders its rows completely, so the same
 * store gives byte-identical reports. Outbound and inbound mail never share a count.
 */
public final class ReportQueries {

    /**
     * Outbound results per (message, recipient), by design.md "Counting": {@code rc} has one row
     * per recipient of a message with its final outcome (a final result wins over a later
     * deferral), its attempts, whether any attempt was a policy refusal, and the group of its last
     * refusal. Sources without a message identity count each row as one recipient. A query that
     * starts with it reads {@code rc} and {@code rcx} from the tables {@link #recipientTables} made.
     * One aggregate per recipient (the final row and the last refusal by {@code arg_max} over
     * their order) rather than a window numbering every row: the same rows, in 60% of the time.
     */
    private static final String RECIPIENTS = """
            , ob AS NOT MATERIALIZED (SELECT *, RKEY AS rkey
                     FROM w WHERE direction = 'outbound' AND recipient_domain IS NOT NULL),
            rc AS (SELECT rkey, struct_extract(fin, 'recipient_domain') AS recipient_domain,
                     struct_extract(fin, 'outcome') AS outcome, was_blocked, attempts, refusal_grp,
                     struct_extract(fin, 't') AS time, struct_extract(fin, 'category') AS category,
                     CASE WHEN was_blocked THEN blocked_sender ELSE any_sender END AS sender_key,
                     CASE WHEN was_blocked THEN blocked_ip ELSE any_ip END AS ip_key
                   FROM (SELECT rkey,
                       arg_max(struct_pack(recipient_domain := recipient_domain, outcome := outcome, t := time,
                           category := category),
                         struct_pack(fin := outcome <> 'deferred', t := time, f := file, l := line, s := seq)) AS fin,
                       count(*) AS attempts,
                       bool_or(grp = 'policy' AND outcome <> 'delivered') AS was_blocked,
                       arg_max(coalesce(nullif(grp, ''), 'unclassified'), struct_pack(t := time, f := file, l := line,
                           s := seq)) FILTER (WHERE outcome <> 'delivered') AS refusal_grp,
                       max(SENDER_KEY) FILTER (WHERE grp = 'policy' AND outcome <> 'delivered') AS blocked_sender,
                       max(SENDER_KEY) AS any_sender,
                       max(IP_KEY) FILTER (WHERE grp = 'policy' AND outcome <> 'delivered') AS blocked_ip,
                       max(IP_KEY) AS any_ip
                     FROM ob GROUP BY rkey))
            """.replace("RKEY", DeliveredCounts.recipientHash("")).replace("SENDER_KEY", ReportQueries.SENDER_DOMAIN)
            .replace("IP_KEY", ReportQueries.IP_KEY);

    /**
     * {@link #RECIPIENTS} reading {@code rc} and {@code rcx} from the tables {@link #recipientTables}
     * made. {@code rcx} is {@code rc} plus the delivered results folded into counts
     * ({@link DeliveredCounts}), each one recipient with one attempt, weighted by {@code n}: totals
     * sum {@code n}; flags that only refusals raise count rows.
     */
    private static final String RECIPIENTS_MADE = """
            , ob AS NOT MATERIALIZED (SELECT *, RKEY AS rkey
                     FROM w WHERE direction = 'outbound' AND recipient_domain IS NOT NULL),
            rc AS (FROM TABLE), rcx AS (FROM TABLE_x)
            """.replace("RKEY", DeliveredCounts.recipientHash(""));

    /**
     * The most outbound rows one per-recipient aggregate reads: a window with more is aggregated in
     * parts, each the recipients whose key falls in one bucket, so that the aggregate's states (in
     * DuckDB's memory, not spilled) stay bounded whatever the store's size. A 20M-line Postfix store
     * (1.7M outbound rows) ran out of 256MB in one part.
     */
    static final long BUCKET_ROWS = 400_000;

    /** {@link #BUCKET_ROWS}, or fewer in tests. */
    private long bucketRows = BUCKET_ROWS;

    private static final java.util.concurrent.atomic.AtomicInteger TABLES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The first row of a group (time, then file, line and row), as an aggregate: its message
     * {@code m} and its codes {@code c} ({@code 550 5.7.1}). One pass over the rows, where a
     * window numbering them and a lookup of row 1 per group took three times as long.
     */
    private static final String FIRST_EXAMPLE = "arg_min(struct_pack(m := message, c := concat_ws(' ', reply_code,"
            + " enhanced_status)), struct_pack(t := time, f := file, l := line, s := seq))";

    /** The IP address a receiver quoted in its refusal: almost always ours. */
    static final String QUOTED_IP = "coalesce(list_filter(regexp_extract_all(regexp_replace(message, '^host [^ ]+ (said|refused"
            + " to talk to me):', ''), '(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})', 1),"
            + " ip -> ip <> coalesce(remote_ip, ''))[1], '')";

    /** The sending IP of a result in the sending views: the one quoted in its reply, else "(not named)". */
    static final String IP_KEY = "coalesce(nullif(" + QUOTED_IP + ", ''), '(not named)')";

    /** The sender's domain, also from a sender logged with a display name ({@code Billing <a@example.com>}). */
    static final String SENDER_DOMAIN =
            "coalesce(nullif(lower(regexp_extract(sender, '@([^>\\s@]+)>?\\s*$', 1)), ''), '(empty sender)')";

    private final Connection conn;
    /**
     * The per-recipient results of each filter asked for, made once as temporary tables: most
     * report tables are read from them, and computing them (a window over every outbound result)
     * is the cost of a report. An instance sees the store as it was when it first read a filter.
     */
    private final java.util.Map<ReportFilter, String> recipientTables = new java.util.HashMap<>();

    /** Answers shared with the other writers of the same report run, or null. */
    private final ReportCache cache;

    ReportQueries(Connection conn) {
        this(conn, null);
    }

    private ReportQueries(Connection conn, ReportCache cache) {
        this.conn = conn;
        this.cache = cache;
    }

    /**
     * These queries on the same connection, sharing answers with the other writers of a report
     * run through {@code cache}: a domain's questions (its section, its brief) are answered from
     * the answers for every domain, or for all the expected domains at once.
     */
    public ReportQueries sharing(ReportCache cache) {
        return new ReportQueries(conn, cache);
    }

    /** These queries with per-recipient aggregates of at most {@code rows} outbound rows a part (for tests). */
    ReportQueries inParts(long rows) {
        ReportQueries q = new ReportQueries(conn, cache);
        q.bucketRows = rows;
        return q;
    }

    /** A shared answer: what it is, over which window, for which domains. */
    private record Key(String what, ReportFilter window, Object detail) {
    }

    /**
     * The window over every domain that an exact-domain filter narrows, when answers for that
     * window can be sliced per domain (a cache, and no provider or category condition); else null.
     */
    private ReportFilter allDomains(ReportFilter f) {
        if (cache == null || !f.exactDomain() || f.domain() == null || f.provider() != null || f.category() != null) {
            return null;
        }
        return new ReportFilter(f.since(), f.until(), null, null, null);
    }

    /** Whether a filter is over every domain, with no other condition than time: its answers can be sliced. */
    private boolean shareable(ReportFilter f) {
        return cache != null && f.domain() == null && f.provider() == null && f.category() == null;
    }

    /** The expected domains in a fixed order when {@code f} is about one of them; else null. */
    private List<String> batch(ReportFilter f) {
        if (allDomains(f) == null || !cache.expected().contains(f.domain())) {
            return null;
        }
        return cache.expected().stream().sorted().toList();
    }

    /** {@code recipient_domain IN ('a', ...)} for the domains (literals, as the window's values: {@link #literal}). */
    private static String inDomains(List<String> domains) {
        return "recipient_domain IN (" + String.join(", ", domains.stream().map(ReportQueries::literal).toList()) + ")";
    }

    /** The stored sending-side DNS checks, for the evidence beside the refusals. */
    public CheckStore checks() {
        return new CheckStore(conn);
    }

    /**
     * Every stored sending-side DNS check, for the evidence beside each top domain's refusals: read
     * once per report run when shared (which also keeps the writers' connections from each making
     * the checks' table at the same time, a write-write conflict in DuckDB).
     */
    public List<CheckStore.Row> storedChecks() {
        if (cache == null) {
            return checks().all();
        }
        return cache.get(new Key("checks", null, null), () -> List.copyOf(checks().all()));
    }

    private String recipientTables(ReportFilter f) throws SQLException {
        String made = recipientTables.get(f);
        if (made != null) {
            return made;
        }
        String name = "mailblocks_rc_" + TABLES.incrementAndGet();
        Window w = window(f);
        String select = " SELECT rkey, recipient_domain, outcome, was_blocked, attempts, refusal_grp, time, category, sender_key,"
                + " ip_key FROM rc";
        long rows;
        try (PreparedStatement ps = conn.prepareStatement(w.cte() + RECIPIENTS + " SELECT count(*) FROM ob");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            rows = rs.getLong(1);
        }
        long buckets = Math.max(1, (rows + bucketRows - 1) / bucketRows);
        boolean retried = false;
        while (true) {
            try {
                for (long i = 0; i < buckets; i++) {
                    String bucket = buckets == 1 ? RECIPIENTS : RECIPIENTS.replace("FROM ob GROUP BY rkey",
                            "FROM ob WHERE rkey % " + buckets + " = " + i + " GROUP BY rkey");
                    try (PreparedStatement ps = conn.prepareStatement((i == 0 ? "CREATE OR REPLACE TEMP TABLE " + name + " AS "
                            : "INSERT INTO " + name + " ") + w.cte() + bucket + select)) {
                        ps.execute();
                    }
                }
                break;
            } catch (SQLException e) {
                if (!StoreException.outOfMemory(e) || retried) {
                    throw e;
                }
                // rows of very different sizes (long texts): parts a quarter the size, once (each part reads the
                // whole window again: more parts than that would take longer than a larger memory limit)
                retried = true;
                buckets *= 4;
                Timings.mark("per-recipient aggregate out of memory; again in " + buckets + " parts");
            }
        }
        if (buckets > 1) {
            Timings.mark("per-recipient aggregate in " + buckets + " parts of " + rows + " rows");
        }
        try (PreparedStatement ps = conn.prepareStatement("CREATE TEMP TABLE " + name + "_x AS " + w.cte()
                + " SELECT recipient_domain, outcome, was_blocked, attempts, refusal_grp, time, 1::BIGINT AS n FROM " + name
                + " UNION ALL SELECT recipient_domain, 'delivered', false, results, NULL::VARCHAR, first_time, results FROM wd"
                + " WHERE direction = 'outbound' AND recipient_domain IS NOT NULL")) {
            ps.execute();
        }
        recipientTables.put(f, name);
        Timings.mark("per-recipient tables of " + f);
        return name;
    }

    /**
     * A digest of everything a report reads, cheap to compute (counts, sums and maxima rather than a
     * hash of every row): each way the store changes (an input read or read again, a fold, a prune, a
     * reclassification, which also changes the stored catalogue fingerprint, a DNS check, a setting)
     * changes it. The report stamps kept in the settings and the runs table are left out.
     */
    public String contentDigest() {
        String sql = """
                SELECT concat_ws('|',
                  (SELECT count(*) || ':' || coalesce(max(input_id), 0) || ':' || coalesce(sum(line), 0) || ':'
                     || coalesce(max(time)::VARCHAR, '') || ':' || coalesce(min(time)::VARCHAR, '') FROM events),
                  (SELECT count(*) || ':' || coalesce(sum(results), 0) || ':' || coalesce(max(last_time)::VARCHAR, '')
                     FROM delivered_counts),
                  (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(lines), 0) || ':'
                     || coalesce(sum(events), 0) || ':' || coalesce(max(ingested_at)::VARCHAR, '') FROM inputs),
                  (SELECT count(*) FROM malformed),
                  (SELECT count(*) FROM row_keys),
                  CHECKS,
                  (SELECT count(*) || ':' || coalesce(bit_xor(hash(domain)), 0) FROM blocking_domains),
                  (SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM meta WHERE key NOT LIKE 'reports:%'))""";
        try {
            // the DNS checks' table is made by the first check, and small: every row counts
            boolean checks = !checks().all().isEmpty();
            sql = sql.replace("CHECKS", checks ? "(SELECT count(*) || ':' || bit_xor(hash(s)) FROM sending_checks s)" : "'-'");
            try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The newest stored event time, for windows such as {@code 7d} counted back from it. */
    public Optional<Instant> newestEvent() {
        return one("SELECT max(t) FROM (SELECT max(time) t FROM events UNION ALL SELECT max(last_time) FROM delivered_counts)");
    }

    /** The oldest and newest event time in the window: what the reports cover; nulls when there is none. */
    public Instant[] period(ReportFilter f) {
        Instant[] period = new Instant[2];
        query(f, "SELECT min(a), max(b) FROM (SELECT min(time) a, max(time) b FROM w"
                + " UNION ALL SELECT min(first_time), max(last_time) FROM wd)", rs -> {
            period[0] = time(rs, 1);
            period[1] = time(rs, 2);
        });
        return period;
    }

    private Optional<Instant> one(String sql) {
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Optional.ofNullable(time(rs, 1));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * The filtered events as a CTE named {@code w} and the filtered delivered counts as {@code wd},
     * with their parameters. A count (one hour) is in the window when its first result is.
     */
    private record Window(String cte) {
    }

    private static Window window(ReportFilter f) {
        String events = where(f, "e", "time", true);
        String counts = where(f, "d", "first_time", false);
        // never materialized: a query reads a few columns of a few rows of them, often more than once, and
        // DuckDB would otherwise copy every column of every row in the window first (a report's queries: 3x)
        return new Window("WITH w AS NOT MATERIALIZED (SELECT e.*, i.name AS file FROM events e JOIN inputs i"
                + " ON i.id = e.input_id WHERE " + events + "), wd AS NOT MATERIALIZED (SELECT * FROM delivered_counts d"
                + " WHERE " + counts + ") ");
    }

    /** The conditions of a filter on table alias {@code t}; the category filter leaves delivered results in. */
    private static String where(ReportFilter f, String t, String timeColumn, boolean events) {
        String time = t + "." + timeColumn;
        StringBuilder where = new StringBuilder("TRUE");
        if (f.since() != null) {
            where.append(" AND ").append(time).append(" >= ").append(literal(f.since()));
        }
        if (f.until() != null) {
            where.append(" AND ").append(time).append(" < ").append(literal(f.until()));
        }
        if (f.domain() != null && f.exactDomain()) {
            where.append(" AND ").append(t).append(".recipient_domain = ").append(literal(f.domain()));
        } else if (f.domain() != null) {
            where.append(" AND (").append(t).append(".recipient_domain = ").append(literal(f.domain())).append(" OR ")
                    .append(t).append(".recipient_domain LIKE ").append(literal("%." + f.domain())).append(")");
        }
        if (f.provider() != null) {
            where.append(" AND ").append(t).append(".provider = ").append(literal(f.provider()));
        }
        if (f.category() != null && events) {
            where.append(" AND (e.outcome = 'delivered' OR e.category = ").append(literal(f.category())).append(")");
        }
        return where.toString();
    }

    /**
     * A text as an SQL literal. The window's values are written into its CTEs rather than bound as
     * parameters: DuckDB 1.4 fails (an internal error that also invalidates the connection's
     * database) on a parameter inside a CTE that is not materialized and read more than once.
     */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** An instant as an SQL timestamp literal (UTC, to the microsecond, as the driver bound it). */
    static String literal(Instant t) {
        try {
            long micros = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
            return "make_timestamp(" + micros + "::BIGINT)";
        } catch (ArithmeticException e) {
            throw new StoreException("cannot read the store: the time " + t + " is out of range", e);
        }
    }

    /**
     * Recipient domains of our outbound mail with at least one policy refusal, most blocked
     * recipients first. The provider is left empty: the report stage names it from {@link #mxHosts}.
     */
    public List<BlockingDomain> blockingDomains(ReportFilter f) {
        ReportFilter every = allDomains(f);
        if (every != null) {
            List<BlockingDomain> all = cache.known(new Key("blocking", every, null));
            if (all != null) {
                // a domain's recipients are all in its own rows: its row is the same in the table of every domain
                return all.stream().filter(b -> b.domain().equals(f.domain())).toList();
            }
        }
        if (shareable(f)) {
            return cache.get(new Key("blocking", f, null), () -> queryBlockingDomains(f));
        }
        return queryBlockingDomains(f);
    }

    private List<BlockingDomain> queryBlockingDomains(ReportFilter f) {
        // each domain's top pattern is asked apart from the domains' figures: in one plan, DuckDB held the
        // aggregates of both at once, and a 50M-line store's report ran out of its memory
        String refusals = RECIPIENTS + """
                , blocked AS NOT MATERIALIZED (SELECT * FROM ob WHERE grp = 'policy' AND outcome <> 'delivered')""";
        String topSql = refusals + """
                ,
                pn AS (SELECT recipient_domain, pattern_id, count(*) n FROM (SELECT DISTINCT recipient_domain, pattern_id,
                       rkey FROM blocked) GROUP BY ALL),
                pat AS (SELECT * FROM pn JOIN (SELECT recipient_domain, pattern_id, min(category) category, count(*) a,
                       EXAMPLE AS ex FROM blocked GROUP BY ALL) x USING (recipient_domain, pattern_id))
                SELECT recipient_domain, category, pattern_id, struct_extract(ex, 'm'), struct_extract(ex, 'c')
                FROM (SELECT *, row_number() OVER (PARTITION BY recipient_domain ORDER BY n DESC, a DESC, pattern_id) r
                  FROM pat) WHERE r = 1""".replace("EXAMPLE", FIRST_EXAMPLE);
        Map<String, String[]> top = new HashMap<>();
        query(f, topSql, rs -> top.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)}));
        String sql = refusals + """
                ,
                agg AS (SELECT recipient_domain d, sum(n) recipients, sum(n) FILTER (WHERE outcome = 'delivered') delivered,
                       count_if(outcome = 'deferred') still_deferred, count_if(outcome IN ('bounced', 'rejected')) bounced,
                       count_if(outcome = 'expired') expired, count_if(was_blocked) blocked, sum(attempts) attempts
                       FROM rcx GROUP BY recipient_domain HAVING blocked > 0),
                span AS (SELECT recipient_domain d, count(*) refusals, min(time) first_t, max(time) last_t
                       FROM blocked GROUP BY ALL)
                SELECT agg.d, recipients, delivered, still_deferred, bounced, expired, blocked, attempts, span.refusals,
                  span.first_t, span.last_t
                FROM agg JOIN span ON span.d = agg.d
                ORDER BY blocked DESC, agg.d""";
        String[] none = new String[4];
        List<BlockingDomain> out = new ArrayList<>();
        query(f, sql, rs -> {
            long recipients = rs.getLong(2);
            long blocked = rs.getLong(7);
            String[] t = top.getOrDefault(rs.getString(1), none);
            out.add(new BlockingDomain(rs.getString(1), null, recipients, rs.getLong(3), rs.getLong(4), rs.getLong(5),
                    rs.getLong(6), blocked, recipients == 0 ? 0 : (double) blocked / recipients, rs.getLong(8),
                    rs.getLong(9), t[0], t[1], time(rs, 10), time(rs, 11), t[2], t[3]));
        });
        return List.copyOf(out);
    }

    /** Every outbound recipient domain with its results, in domain order. */
    public List<DomainResults> domainResults(ReportFilter f) {
        String sql = RECIPIENTS + """
                SELECT recipient_domain, sum(n), sum(n) FILTER (WHERE outcome = 'delivered'), count_if(was_blocked),
                  sum(attempts)
                FROM rcx GROUP BY recipient_domain ORDER BY recipient_domain""";
        List<DomainResults> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new DomainResults(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5))));
        return out;
    }

    /** The receiving MX hosts of each outbound recipient domain, with how many results each gave. */
    public List<MxHost> mxHosts(ReportFilter f) {
        ReportFilter every = allDomains(f);
        if (every != null) {
            List<MxHost> all = cache.known(new Key("mx", every, null));
            if (all == null && batch(f) != null) {
                List<String> domains = batch(f);
                all = cache.get(new Key("mx", every, domains), () -> queryMxHosts(every, domains));
            }
            if (all != null) {
                return all.stream().filter(h -> h.domain().equals(f.domain())).toList();
            }
        }
        if (shareable(f)) {
            return cache.get(new Key("mx", f, null), () -> queryMxHosts(f, null));
        }
        return queryMxHosts(f, null);
    }

    /** The MX hosts of every domain in the window, or of these domains only. */
    private List<MxHost> queryMxHosts(ReportFilter f, List<String> domains) {
        String only = domains == null ? "" : " AND " + inDomains(domains);
        String sql = """
                SELECT recipient_domain, lower(remote_host), sum(n) n FROM
                  (SELECT recipient_domain, remote_host, 1 n FROM w WHERE direction = 'outbound' ONLY
                   UNION ALL SELECT recipient_domain, remote_host, results FROM wd WHERE direction = 'outbound' ONLY)
                WHERE recipient_domain IS NOT NULL AND remote_host IS NOT NULL
                  AND remote_host <> '' GROUP BY ALL ORDER BY 1, n DESC, 2""".replace("ONLY", only);
        List<MxHost> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new MxHost(rs.getString(1), rs.getString(2), rs.getLong(3))));
        return List.copyOf(out);
    }

    /** The figures of a window: recipients, delivered, blocked and the refusals around them. */
    public Headline headline(ReportFilter f) {
        String sql = RECIPIENTS + """
                SELECT (SELECT sum(n) FROM rcx), (SELECT sum(n) FILTER (WHERE outcome = 'delivered') FROM rcx),
                  (SELECT count_if(was_blocked) FROM rc), (SELECT count(DISTINCT recipient_domain) FROM rc WHERE was_blocked),
                  (SELECT count(*) FROM ob WHERE outcome <> 'delivered'),
                  (SELECT count_if(outcome = 'delivered' AND attempts > 1) FROM rc),
                  (SELECT count(*) FROM w WHERE direction = 'inbound' AND outcome <> 'delivered')""";
        Headline[] h = new Headline[1];
        query(f, sql, rs -> {
            long recipients = rs.getLong(1);
            long blocked = rs.getLong(3);
            h[0] = new Headline(recipients, rs.getLong(2), blocked, recipients == 0 ? 0 : (double) blocked / recipients,
                    rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
        });
        return h[0];
    }

    /** Outbound mail per day (UTC) of each recipient's final result, oldest first. */
    public List<Day> days(ReportFilter f) {
        String sql = RECIPIENTS + """
                SELECT time::DATE d, sum(n), count_if(was_blocked), count_if(refusal_grp = 'policy'),
                  count_if(refusal_grp = 'recipient'), count_if(refusal_grp = 'transient'),
                  count_if(refusal_grp IS NOT NULL AND refusal_grp NOT IN ('policy', 'recipient', 'transient'))
                FROM rcx GROUP BY d ORDER BY d""";
        List<Day> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new Day(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))));
        return out;
    }

    /** Per domain and day: recipients and blocked recipients, for the sparklines. */
    public List<DomainDay> domainDays(ReportFilter f) {
        String sql = RECIPIENTS + """
                SELECT recipient_domain, time::DATE d, sum(n), count_if(was_blocked) FROM rcx
                WHERE recipient_domain IN (SELECT recipient_domain FROM rc WHERE was_blocked)
                GROUP BY ALL ORDER BY 1, 2""";
        List<DomainDay> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new DomainDay(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3),
                rs.getLong(4))));
        return out;
    }

    /** Outbound results by the sender's domain, most blocked first. */
    public List<SendingView> bySenderDomain(ReportFilter f) {
        return sendingView(f, "sender_key", "sender_domain");
    }

    /**
     * Outbound results by the sending IP that receivers quoted in their refusals (the logs of a
     * sending server do not name its own address); mail with no such refusal is "(not named)".
     */
    public List<SendingView> bySendingIp(ReportFilter f) {
        return sendingView(f, "ip_key", "coalesce(nullif(sending_ip, ''), '(not named)')");
    }

    /**
     * {@code key} is the per-recipient table's column of the view's key ({@link #RECIPIENTS}: of a
     * blocked recipient, the key of its policy refusals, else of any of its results), {@code countedKey}
     * that of folded delivered results. Read from the per-recipient table alone, which the aggregate
     * made in parts: joining every outbound row to it again took 15-23 s and most of the memory DuckDB
     * held beside its limit in a 100M-line run's reports.
     */
    private List<SendingView> sendingView(ReportFilter f, String key, String countedKey) {
        String sql = RECIPIENTS + """
                , v AS (SELECT recipient_domain, outcome, was_blocked, category, KEY AS k FROM rc),
                cats AS (SELECT k, category, count(*) n FROM v WHERE was_blocked GROUP BY ALL),
                top AS (SELECT k, category FROM (SELECT k, category, row_number() OVER (PARTITION BY k
                       ORDER BY n DESC, category) r FROM cats) WHERE r = 1),
                parts AS (SELECT k, count(*) recipients, count_if(outcome = 'delivered') delivered, count_if(was_blocked) b,
                         count(DISTINCT recipient_domain) FILTER (WHERE was_blocked) domains FROM v GROUP BY k
                       UNION ALL SELECT COUNTED, sum(results)::BIGINT, sum(results)::BIGINT, 0, 0 FROM wd
                       WHERE direction = 'outbound' AND recipient_domain IS NOT NULL GROUP BY 1),
                tot AS (SELECT k, sum(recipients)::BIGINT recipients, sum(delivered)::BIGINT delivered, sum(b)::BIGINT b,
                         sum(domains)::BIGINT domains FROM parts GROUP BY k)
                SELECT tot.k, recipients, delivered, b, domains, top.category FROM tot LEFT JOIN top ON top.k = tot.k
                ORDER BY b DESC, recipients DESC, tot.k""".replace("KEY", key).replace("COUNTED", countedKey);
        List<SendingView> out = new ArrayList<>();
        query(f, sql, rs -> {
            long recipients = rs.getLong(2);
            long blocked = rs.getLong(4);
            out.add(new SendingView(rs.getString(1), recipients, rs.getLong(3), blocked,
                    recipients == 0 ? 0 : (double) blocked / recipients, rs.getLong(5), rs.getString(6)));
        });
        return out;
    }

    /** The catalogue entries and code fallbacks that decided refusals of our outbound mail, most recipients first. */
    public List<ErrorPattern> errorPatterns(ReportFilter f) {
        String sql = RECIPIENTS + """
                , r AS NOT MATERIALIZED (SELECT * FROM ob WHERE outcome <> 'delivered' AND pattern_id <> 'unclassified')
                SELECT pattern_id, c, g, n, a, domains, first_t, last_t, struct_extract(ex, 'm'), struct_extract(ex, 'c')
                FROM (SELECT pattern_id, count(*) n FROM (SELECT DISTINCT pattern_id, rkey FROM r) GROUP BY pattern_id)
                JOIN (SELECT pattern_id, min(category) c, min(grp) g, count(*) a, count(DISTINCT recipient_domain) domains,
                    min(time) first_t, max(time) last_t, EXAMPLE AS ex FROM r GROUP BY pattern_id) USING (pattern_id)
                ORDER BY n DESC, a DESC, pattern_id""".replace("EXAMPLE", FIRST_EXAMPLE);
        List<ErrorPattern> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new ErrorPattern(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), time(rs, 7), time(rs, 8), rs.getString(9),
                rs.getString(10))));
        return out;
    }

    /**
     * Outbound refusals by group: recipients with at least one refusal in the group (so the policy
     * row equals the headline's blocked) and the refusals logged.
     */
    public List<GroupCount> outboundGroups(ReportFilter f) {
        String sql = RECIPIENTS + """
                SELECT g, count(*) n, sum(a)::BIGINT a FROM (SELECT coalesce(nullif(grp, ''), 'unclassified') g, rkey,
                  count(*) a FROM ob WHERE outcome <> 'delivered' GROUP BY ALL)
                GROUP BY g ORDER BY n DESC, a DESC, g""";
        List<GroupCount> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new GroupCount(rs.getString(1), rs.getLong(2), rs.getLong(3))));
        return out;
    }

    /** Templates that nothing classified, outbound first, most frequent first. */
    public List<Unclassified> unclassified(ReportFilter f) {
        String sql = """
                , r AS (SELECT * FROM w WHERE outcome <> 'delivered' AND pattern_id = 'unclassified'),
                ex AS (SELECT direction, template, message, reply_code, enhanced_status, row_number() OVER
                       (PARTITION BY direction, template ORDER BY time, file, line, seq) rn FROM r)
                SELECT direction, template, count(*) n, count(DISTINCT recipient_domain),
                  (SELECT message FROM ex WHERE ex.direction = r.direction AND ex.template = r.template AND rn = 1),
                  (SELECT concat_ws(' ', reply_code, enhanced_status) FROM ex WHERE ex.direction = r.direction
                   AND ex.template = r.template AND rn = 1)
                FROM r GROUP BY direction, template ORDER BY direction DESC, n DESC, template""";
        List<Unclassified> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new Unclassified(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                rs.getString(5), rs.getString(6))));
        return out;
    }

    /** The most frequent unclassified templates of refusals, with up to three distinct example texts each. */
    public List<TemplateSample> unclassifiedSamples(ReportFilter f, int limit) {
        String sql = """
                , r AS (SELECT * FROM w WHERE outcome <> 'delivered' AND pattern_id = 'unclassified'
                        AND template IS NOT NULL AND template <> ''),
                ex AS (SELECT template, message, row_number() OVER (PARTITION BY template ORDER BY t, message) rn
                       FROM (SELECT template, message, min(time) t FROM r GROUP BY 1, 2)),
                codes AS (SELECT template, c, phase, row_number() OVER (PARTITION BY template ORDER BY n DESC, c, phase) rn
                       FROM (SELECT template, concat_ws(' ', reply_code, enhanced_status) c, phase, count(*) n
                             FROM r GROUP BY 1, 2, 3))
                SELECT template, count(*) n, count(DISTINCT recipient_domain),
                  (SELECT c FROM codes WHERE codes.template = r.template AND codes.rn = 1),
                  (SELECT phase FROM codes WHERE codes.template = r.template AND codes.rn = 1),
                  (SELECT string_agg(message, chr(0) ORDER BY rn) FROM ex WHERE ex.template = r.template AND rn <= 3)
                FROM r GROUP BY template ORDER BY n DESC, template LIMIT\s""" + Math.max(1, limit);
        List<TemplateSample> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new TemplateSample(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                rs.getString(5), Arrays.asList(rs.getString(6).split("\u0000")))));
        return out;
    }

    /** The most events rows the events export sorts at once (see {@link #events}). */
    static final int EXPORT_SLICE = 100_000;

    /**
     * Every non-delivered event, in time order, streamed to the consumer. The events are sorted one
     * slice of time at a time, each slice holding about {@link #EXPORT_SLICE} rows (more only when
     * that many share one timestamp): one sort of every refusal of a large store, text included, is
     * what took the process past its memory bound (20M Postfix lines: 1.5M rows, RSS 1.1 GB). The
     * slices follow each other in time, so the export is in the order one sort would give.
     */
    public void events(ReportFilter f, Consumer<Event> sink) {
        events(f, sink, EXPORT_SLICE);
    }

    /** {@link #events(ReportFilter, Consumer)}, sorting slices of about {@code sliceRows} rows. */
    void events(ReportFilter f, Consumer<Event> sink, int sliceRows) {
        // the text columns come packed into one value a row: the driver's cost is per value, not per character
        String sql = "SELECT time, line, reply_code, " + Packed.of("direction", "source_format", "file", "outcome",
                "sender", "recipient", "recipient_domain", "remote_host", "remote_ip", "enhanced_status", "category", "grp",
                "pattern_id", "provider", "message") + " FROM w WHERE outcome <> 'delivered'";
        String[] text = new String[15];
        List<Long> starts = exportSlices(f, sliceRows);
        for (int i = 0; i < starts.size(); i++) {
            query(f, sql + " AND " + timeSlice("time", starts, i) + " ORDER BY time, file, line, seq", rs -> {
                int code = rs.getInt(3);
                Integer reply = rs.wasNull() ? null : code;
                Packed.unpack(rs.getBytes(4), text);
                sink.accept(new Event(time(rs, 1), text[0], text[1], text[2], rs.getLong(2), text[3], text[4], text[5],
                        text[6], text[7], text[8], reply, text[9], text[10], text[11], text[12], text[13], text[14]));
            });
        }
    }

    /**
     * The condition on {@code column} that keeps slice {@code i} of {@code starts} (times in
     * microseconds since the epoch, in order): from its start to the next slice's, the last one
     * without an end.
     */
    static String timeSlice(String column, List<Long> starts, int i) {
        return column + " >= make_timestamp(" + starts.get(i) + "::BIGINT)" + (i + 1 < starts.size()
                ? " AND " + column + " < make_timestamp(" + starts.get(i + 1) + "::BIGINT)" : "");
    }

    /**
     * Where each slice of the events export starts, in microseconds since the epoch, in time order:
     * the time of every {@code size}-th non-delivered event (a sort of the times alone, 8 bytes a
     * row), each once. The last slice runs to the end.
     */
    List<Long> exportSlices(ReportFilter f, int size) {
        List<Long> starts = new ArrayList<>();
        query(f, "SELECT DISTINCT epoch_us(time) FROM (SELECT time, row_number() OVER (ORDER BY time) rn FROM w"
                + " WHERE outcome <> 'delivered') WHERE (rn - 1) % " + size + " = 0 ORDER BY 1", rs -> starts.add(rs.getLong(1)));
        return starts;
    }

    /**
     * Several text columns of a row as one value, for queries that return many rows: DuckDB's JDBC
     * driver costs per value more than per byte (the events export: 15 values a row took about 4x
     * the time of one). The value is a BLOB of UTF-8 bytes, each column written as its length in
     * bytes, a comma and its bytes, or {@code -} for NULL, so that any text, separators included,
     * comes back as it was; the bytes are made strings by the JDK's own UTF-8 decoder.
     */
    static final class Packed {

        private Packed() {
        }

        /** The SQL expression packing these columns. */
        static String of(String... columns) {
            StringBuilder sql = new StringBuilder("encode(concat(");
            for (int i = 0; i < columns.length; i++) {
                String c = columns[i];
                sql.append(i == 0 ? "" : ", ").append("coalesce(strlen(").append(c).append(")::VARCHAR || ',' || ")
                        .append(c).append(", '-')");
            }
            return sql.append("))").toString();
        }

        /** Reads the values packed by {@link #of} into {@code into}, one a column. */
        static void unpack(byte[] packed, String[] into) {
            int at = 0;
            for (int i = 0; i < into.length; i++) {
                if (at >= packed.length) {
                    throw new StoreException("cannot read the store: a packed row has fewer values than its columns", null);
                }
                if (packed[at] == '-') {
                    into[i] = null;
                    at++;
                    continue;
                }
                int n = 0;
                byte c;
                while ((c = packed[at++]) != ',') {
                    n = n * 10 + (c - '0');
                }
                into[i] = new String(packed, at, n, java.nio.charset.StandardCharsets.UTF_8);
                at += n;
            }
            if (at != packed.length) {
                throw new StoreException("cannot read the store: a packed row has " + (packed.length - at)
                        + " bytes more than its columns", null);
            }
        }
    }

    /**
     * Refusals of our outbound mail in the window (policy refusals first when there are more than
     * the limit), returned in time order.
     */
    public List<Refusal> refusals(ReportFilter f, int limit, boolean policyOnly) {
        List<String> domains = batch(f);
        if (domains != null && limit <= SHARED_REFUSALS) {
            // the first refusals of each expected domain, policy first: what each question here takes from
            java.util.Map<String, List<Refusal>> each = cache.get(new Key("refusals", allDomains(f), domains),
                    () -> queryFirstRefusals(allDomains(f), domains));
            List<Refusal> first = each.getOrDefault(f.domain(), List.of());
            // policy refusals come first: the first `limit` policy ones are among them; so are the first `limit` of all
            List<Refusal> out = new ArrayList<>((policyOnly ? first.stream().filter(r -> "policy".equals(r.group()))
                    : first.stream()).limit(limit).toList());
            out.sort(REFUSAL_ORDER);
            return out;
        }
        String sql = """
                SELECT time, queue_id, sender, recipient, remote_host, remote_ip, reporting_host,
                  concat_ws(' ', reply_code, enhanced_status), category, grp, pattern_id, outcome, message, file, line
                FROM w WHERE direction = 'outbound' AND outcome <> 'delivered'\s""" + (policyOnly ? "AND grp = 'policy'" : "")
                + """
                 ORDER BY (grp = 'policy') DESC, time, file, line, seq LIMIT\s""" + Math.max(1, limit);
        List<Refusal> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new Refusal(time(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getLong(15))));
        out.sort(REFUSAL_ORDER);
        return out;
    }

    /** How refusals are returned: in time order. */
    private static final java.util.Comparator<Refusal> REFUSAL_ORDER = java.util.Comparator.comparing(Refusal::time)
            .thenComparing(Refusal::file).thenComparingLong(Refusal::line);

    /**
     * The refusals a domain's section and brief take from, when they share: the first {@value} of
     * each domain, policy refusals first.
     */
    public static final int SHARED_REFUSALS = 500;

    /** The first {@link #SHARED_REFUSALS} refusals of each of these domains, policy first, in domain order. */
    private java.util.Map<String, List<Refusal>> queryFirstRefusals(ReportFilter f, List<String> domains) {
        String sql = """
                SELECT time, queue_id, sender, recipient, remote_host, remote_ip, reporting_host,
                  concat_ws(' ', reply_code, enhanced_status), category, grp, pattern_id, outcome, message, file, line,
                  recipient_domain
                FROM (SELECT *, row_number() OVER (PARTITION BY recipient_domain ORDER BY (grp = 'policy') DESC, time, file,
                        line, seq) rn
                      FROM w WHERE direction = 'outbound' AND outcome <> 'delivered' AND\s""" + inDomains(domains) + """
                ) WHERE rn <=\s""" + SHARED_REFUSALS + " ORDER BY recipient_domain, rn";
        java.util.Map<String, List<Refusal>> out = new java.util.HashMap<>();
        query(f, sql, rs -> out.computeIfAbsent(rs.getString(16), k -> new ArrayList<>())
                .add(new Refusal(time(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getLong(15))));
        return out;
    }

    /** The time of the newest delivered result for a domain's recipients, if any. */
    public Optional<Instant> lastDelivered(ReportFilter f) {
        List<String> domains = batch(f);
        if (domains != null) {
            java.util.Map<String, Instant> each = cache.get(new Key("delivered", allDomains(f), domains), () -> {
                String only = inDomains(domains);
                java.util.Map<String, Instant> out = new java.util.HashMap<>();
                query(allDomains(f), "SELECT d, max(t) FROM (SELECT recipient_domain d, max(time) t FROM w WHERE direction ="
                        + " 'outbound' AND outcome = 'delivered' AND " + only + " GROUP BY 1 UNION ALL SELECT"
                        + " recipient_domain, max(last_time) FROM wd WHERE direction = 'outbound' AND " + only
                        + " GROUP BY 1) GROUP BY d", rs -> out.put(rs.getString(1), time(rs, 2)));
                return out;
            });
            return Optional.ofNullable(each.get(f.domain()));
        }
        Instant[] t = new Instant[1];
        query(f, "SELECT max(t) FROM (SELECT max(time) t FROM w WHERE direction = 'outbound' AND outcome = 'delivered'"
                + " UNION ALL SELECT max(last_time) FROM wd WHERE direction = 'outbound')",
                rs -> t[0] = time(rs, 1));
        return Optional.ofNullable(t[0]);
    }

    /** Distinct values with how many policy refusals of the window name them ({@code sender domain}, quoted IP...). */
    public List<Count> refusalsBy(ReportFilter f, String what) {
        String expr = refusalKey(what);
        List<String> domains = batch(f);
        if (domains != null) {
            java.util.Map<String, java.util.Map<String, List<Count>>> each = cache.get(new Key("by", allDomains(f), domains),
                    () -> refusalsByDomain(allDomains(f), domains));
            return List.copyOf(each.getOrDefault(what, java.util.Map.of()).getOrDefault(f.domain(), List.of()));
        }
        String sql = "SELECT " + expr + " k, count(*) n FROM w WHERE direction = 'outbound' AND outcome <> 'delivered'"
                + " AND grp = 'policy' GROUP BY 1 HAVING k IS NOT NULL AND k <> '' ORDER BY n DESC, k";
        List<Count> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new Count(rs.getString(1), rs.getLong(2))));
        return out;
    }

    /** The kinds of {@link #refusalsBy}, each with its key. */
    private static final List<String> REFUSAL_KEYS = List.of("sender_domain", "quoted_ip", "reporting_host", "remote");

    private static String refusalKey(String what) {
        return switch (what) {
            case "sender_domain" -> SENDER_DOMAIN;
            case "quoted_ip" -> "nullif(" + QUOTED_IP + ", '')";
            case "reporting_host" -> "reporting_host";
            case "remote" -> "concat_ws(' ', remote_host, CASE WHEN remote_ip IS NOT NULL THEN '[' || remote_ip || ']' END)";
            default -> throw new IllegalArgumentException(what);
        };
    }

    /**
     * {@link #refusalsBy} of every kind for each of these domains, in one pass over their policy
     * refusals (the keys read from the message are worked out once a row): kind, then domain.
     */
    private java.util.Map<String, java.util.Map<String, List<Count>>> refusalsByDomain(ReportFilter f,
            List<String> domains) {
        StringBuilder sql = new StringBuilder(", p AS (SELECT recipient_domain d");
        for (int i = 0; i < REFUSAL_KEYS.size(); i++) {
            sql.append(", ").append(refusalKey(REFUSAL_KEYS.get(i))).append(" k").append(i);
        }
        sql.append(" FROM w WHERE direction = 'outbound' AND outcome <> 'delivered' AND grp = 'policy' AND ")
                .append(inDomains(domains)).append(")\n");
        for (int i = 0; i < REFUSAL_KEYS.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" what, d, k").append(i)
                    .append(" k, count(*) n FROM p WHERE k").append(i).append(" IS NOT NULL AND k").append(i)
                    .append(" <> '' GROUP BY d, k").append(i);
        }
        sql.append(" ORDER BY what, d, n DESC, k");
        java.util.Map<String, java.util.Map<String, List<Count>>> out = new java.util.HashMap<>();
        query(f, sql.toString(), rs -> out
                .computeIfAbsent(REFUSAL_KEYS.get(rs.getInt(1)), k -> new java.util.HashMap<>())
                .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                .add(new Count(rs.getString(3), rs.getLong(4))));
        return out;
    }

    /**
     * Recipients whose last failure was permanent (bounced or rejected with a 5xx reply, or a
     * recipient category that is permanent by nature) and about the recipient, with no delivery
     * after it. Policy refusals never appear: they are ours to fix.
     */
    public List<Suppression> suppressions(ReportFilter f, List<String> categories) {
        StringBuilder in = new StringBuilder();
        for (String c : categories) {
            if (!c.matches("[a-z-]+")) {
                throw new IllegalArgumentException(c);
            }
            in.append(in.length() == 0 ? "" : ", ").append('\'').append(c).append('\'');
        }
        String sql = """
                , o AS (SELECT * FROM w WHERE direction = 'outbound' AND recipient IS NOT NULL AND recipient <> ''),
                last_fail AS (SELECT *, row_number() OVER (PARTITION BY lower(recipient) ORDER BY time DESC, file DESC,
                       line DESC, seq DESC) rn, count(*) OVER (PARTITION BY lower(recipient)) failures
                       FROM o WHERE outcome <> 'delivered'),
                last_ok AS (SELECT lower(recipient) r, max(time) t FROM o WHERE outcome = 'delivered' GROUP BY 1)
                SELECT lower(f.recipient), f.recipient_domain, f.category, concat_ws(' ', f.reply_code, f.enhanced_status),
                  f.time, f.failures, f.pattern_id, f.message
                FROM last_fail f LEFT JOIN last_ok ok ON ok.r = lower(f.recipient)
                WHERE f.rn = 1 AND f.outcome IN ('bounced', 'rejected', 'expired')
                  AND coalesce(f.reply_code, 500) >= 500 AND NOT starts_with(coalesce(f.enhanced_status, '5'), '4')
                  AND f.category IN (CATS) AND (ok.t IS NULL OR ok.t < f.time)
                ORDER BY f.recipient_domain, lower(f.recipient)""".replace("CATS", in);
        List<Suppression> out = new ArrayList<>();
        query(f, sql, rs -> out.add(new Suppression(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                time(rs, 5), rs.getLong(6), rs.getString(7), rs.getString(8))));
        return out;
    }

    /** Per input file, summed over every run that read it, in name order. */
    public List<InputFile> inputs() {
        String sql = """
                SELECT name, string_agg(DISTINCT format, ';' ORDER BY format), sum(lines), sum(event_lines), sum(events),
                  sum(ignored), sum(malformed)
                FROM inputs WHERE lines IS NOT NULL GROUP BY name ORDER BY name""";
        List<InputFile> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new InputFile(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return out;
    }

    /** Refusals of incoming mail by category and pattern, most first. */
    public List<IncomingRefusal> incoming(ReportFilter f) {
        String sql = """
                , r AS NOT MATERIALIZED (SELECT * FROM w WHERE direction = 'inbound' AND outcome <> 'delivered')
                SELECT category, pattern_id, count(*) n, count(DISTINCT coalesce(remote_ip, remote_host)),
                  struct_extract(EXAMPLE, 'm')
                FROM r GROUP BY category, pattern_id ORDER BY n DESC, category, pattern_id""".replace("EXAMPLE", FIRST_EXAMPLE);
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
            throw failed(e);
        }
        return out;
    }

    /**
     * Reads one row of a result. It must not run a query on the same connection: on a streaming
     * connection ({@link EventStore#reader(boolean)}) a second query ends the open one.
     */
    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(ReportFilter f, String body, RowReader reader) {
        Window w = window(f);
        try {
            if (body.startsWith(RECIPIENTS)) {
                body = RECIPIENTS_MADE.replace("TABLE", recipientTables(f)) + body.substring(RECIPIENTS.length());
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        String outcome = "";
        String sql = w.cte() + body;
        try {
            int[] rows = new int[1];
            RowReader counting = rs -> {
                rows[0]++;
                reader.read(rs);
            };
            try {
                run(sql, counting);
            } catch (SQLException e) {
                if (!StoreException.outOfMemory(e) || rows[0] > 0) {
                    throw e;
                }
                // a query's operators on two threads can together need more than DuckDB's limit when the store is
                // large (a 50M-line log's): once more on one thread, which halves what they hold at once
                Timings.duckdbMemory(conn, "out of memory, again on one thread");
                outcome = " (again on one thread)";
                oneThread(() -> run(sql, counting));
            }
        } catch (SQLException e) {
            outcome = " FAILED (" + EventStore.firstLine(e.getMessage()) + ")";
            if (StoreException.outOfMemory(e)) {
                Timings.duckdbMemory(conn, "out of memory");
            }
            throw failed(e);
        } finally {
            if (Timings.on()) {
                String caller = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getMethodName)
                        .filter(m -> !m.equals("query") && !m.startsWith("lambda$")).findFirst().orElse("?"));
                Timings.mark("query " + caller + " (" + Thread.currentThread().getName() + ")" + outcome + ": "
                        + body.strip().lines().findFirst().orElse("").replaceAll("\\s+", " "));
            }
        }
    }

    private void run(String sql, RowReader reader) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    @FunctionalInterface
    interface Step {
        void run() throws SQLException;
    }

    /**
     * Held while a query runs on one thread: DuckDB's threads are one setting for every connection to
     * the store (the report writers' too), so two retries at once would each give back what the other
     * set. Under it, the threads read are always the ones the store was opened with.
     */
    private static final Object ONE_THREAD = new Object();

    /**
     * Runs {@code step} with DuckDB on one thread, then gives it back the threads it had. The other
     * writers' queries run on one thread meanwhile too.
     */
    void oneThread(Step step) throws SQLException {
        synchronized (ONE_THREAD) {
            String threads;
            try (PreparedStatement ps = conn.prepareStatement("SELECT current_setting('threads')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                threads = rs.getString(1);
            }
            try (java.sql.Statement st = conn.createStatement()) {
                st.execute("SET threads = 1");
                try {
                    step.run();
                } finally {
                    st.execute("SET threads = " + Integer.parseInt(threads));
                }
            }
        }
    }

    private static StoreException failed(SQLException e) {
        String hint = StoreException.outOfMemory(e) ? " (DuckDB's memory limit is set by MAILBLOCKS_DUCKDB_MEMORY,"
                + " " + StoreSettings.DEFAULT_MEMORY + " unless set: a larger one lets this report run; see README \"Speed and memory\")" : "";
        return new StoreException("cannot read the store: " + EventStore.firstLine(e.getMessage()) + hint, e);
    }

    private static Instant time(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}

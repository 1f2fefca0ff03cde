package dev.mailblocks.store;

import dev.mailblocks.source.FileStamp;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded DuckDB file: schema created and versioned here, one transaction per input,
 * events written with the Appender. The report stage reads it through {@link ReportQueries}.
 */
public final class EventStore implements AutoCloseable {

    /**
     * The schema version this code writes; an older file is upgraded in place (one transaction),
     * a newer one refused. 1: mailblocks 0.1.0. 2: mailblocks 0.2.0, ESP row identities ({@code events.row_key}),
     * the runs and the blocking domains each run saw, retention. 3: delivered results folded into hourly counts
     * ({@code delivered_counts}, {@code row_keys}), each input's file size, modification time and identity
     * (device and inode) for the ledger.
     */
    public static final int SCHEMA_VERSION = 3;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        "CREATE SEQUENCE IF NOT EXISTS input_ids START 1",
        """
        CREATE TABLE IF NOT EXISTS inputs (
            id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, format VARCHAR NOT NULL,
            head_length INTEGER, head_hash VARCHAR, bytes BIGINT, content_hash VARCHAR,
            total_lines BIGINT, skipped_lines BIGINT, lines BIGINT, event_lines BIGINT, events BIGINT,
            ignored BIGINT, malformed BIGINT, error VARCHAR, ingested_at TIMESTAMP, file_size BIGINT,
            file_modified BIGINT, file_key VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS events (
            input_id BIGINT NOT NULL, line BIGINT NOT NULL, seq INTEGER NOT NULL, time TIMESTAMP NOT NULL,
            direction VARCHAR NOT NULL, source_format VARCHAR NOT NULL, reporting_host VARCHAR,
            queue_id VARCHAR, message_id VARCHAR, sender VARCHAR, recipient VARCHAR, recipient_domain VARCHAR,
            outcome VARCHAR NOT NULL, reply_code INTEGER, enhanced_status VARCHAR, remote_host VARCHAR,
            remote_ip VARCHAR, phase VARCHAR, message VARCHAR, category VARCHAR, grp VARCHAR,
            pattern_id VARCHAR, provider VARCHAR, template VARCHAR, row_key VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS malformed (
            input_id BIGINT NOT NULL, line BIGINT NOT NULL, reason VARCHAR NOT NULL, text VARCHAR)""",
        """
        CREATE TABLE IF NOT EXISTS runs (
            started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL, inputs BIGINT, events BIGINT,
            pruned BIGINT)""",
        "CREATE TABLE IF NOT EXISTS blocking_domains (domain VARCHAR PRIMARY KEY)",
        DeliveredCounts.TABLE,
        DeliveredCounts.ROW_KEYS,
        CheckStore.TABLE,
    };

    /** The steps from each version to the next; step {@code i} upgrades version {@code i + 1}. */
    private static final String[][] UPGRADES = {
        {"ALTER TABLE events ADD COLUMN row_key VARCHAR"},
        {"ALTER TABLE inputs ADD COLUMN file_size BIGINT", "ALTER TABLE inputs ADD COLUMN file_modified BIGINT",
            "ALTER TABLE inputs ADD COLUMN file_key VARCHAR"},
    };

    /** The meta key, followed by an input id, of an input whose delivered results wait for the end of the run. */
    static final String UNFINISHED = "unfinished_input:";
    /** The meta key that asks the next fold to look at every delivered row again (see {@link #foldDelivered}). */
    static final String FOLD_ROWS = "fold_rows";

    private final Connection conn;
    private final Path file;
    private int upgradedFrom;
    /** This run's delivered results on their way to the store (made by the first input). */
    private RunDelivered held;
    /** Whether every delivered result goes to {@code events} as a row until {@link #foldDelivered}. */
    private boolean everyRow;
    /** Held results counted by one aggregate at the run's end ({@link RunDelivered#PART_ROWS}; fewer in tests). */
    long countPartRows = RunDelivered.PART_ROWS;
    /** Keys one search for the held results' partners reads ({@link RunDelivered#PART_KEYS}; fewer in tests). */
    long latePartKeys = RunDelivered.PART_KEYS;
    /** Partner keys a run keeps ({@link RunDelivered.PartnerKeys}; tests: fewer). */
    int exactPartnerKeys = RunDelivered.PartnerKeys.EXACT_KEYS;
    /** The most keyed rows of an input one search for stored rows reads ({@link InputBatch#dropStoredRows}; tests: fewer). */
    long dropPartRows = InputBatch.DROP_PART_ROWS;

    /** DuckDB's resources as the store was opened with them; null over a connection made elsewhere. */
    private StoreSettings settings;

    private EventStore(Connection conn, Path file) {
        this.conn = conn;
        this.file = file;
    }

    /** A store over a connection made elsewhere (the Parquet tables of the Spark job: {@link ParquetStore}). */
    static EventStore over(Connection conn, Path file) {
        return new EventStore(conn, file);
    }

    /** Opens (creating if needed) the DuckDB file and brings its schema up to date; fails at once if in use. */
    public static EventStore open(Path file) {
        return open(file, Duration.ZERO);
    }

    /**
     * Opens the store, waiting up to {@code wait} while another mailblocks holds it (DuckDB
     * lets one process write a file at a time).
     */
    public static EventStore open(Path file, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return openOnce(file);
            } catch (StoreException e) {
                if (!e.inUse()) {
                    throw e;
                }
                if (System.nanoTime() >= deadline) {
                    throw new StoreException(file + ": in use by another mailblocks run"
                            + (wait.isZero() ? " (--wait DURATION waits for it)" : " (waited " + wait.toSeconds() + " s)"),
                            e.getCause());
                }
                try {
                    Thread.sleep(Math.min(250, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static EventStore openOnce(Path file) {
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
            StoreSettings settings = StoreSettings.fromEnvironment(file);
            Connection conn = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), settings.properties());
            EventStore store = new EventStore(conn, file);
            store.settings = settings;
            store.migrate();
            store.recoverUnfinished();
            return store;
        } catch (SQLException | ClassNotFoundException e) {
            String m = firstLine(e.getMessage());
            StoreException se = new StoreException(file + ": cannot open the store: " + m, e);
            throw se.markInUse(m.contains("Could not set lock") || m.contains("Conflicting lock"));
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
                        + SCHEMA_VERSION + "); use that release or a newer one");
            }
            boolean fresh = false;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_name = 'events'")) {
                rs.next();
                fresh = rs.getLong(1) == 0;
            }
            if (version == 0 && !fresh) {
                version = 1; // 0.1.0 wrote its version only after its tables; a store without it has them
            }
            conn.setAutoCommit(false);
            try {
                if (!fresh) {
                    for (int v = Math.max(version, 1); v < SCHEMA_VERSION; v++) {
                        for (String ddl : UPGRADES[v - 1]) {
                            st.execute(ddl);
                        }
                    }
                }
                for (String ddl : SCHEMA) {
                    st.execute(ddl);
                }
                st.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
                if (!fresh && version < 3) {
                    st.execute("INSERT OR REPLACE INTO meta VALUES ('" + FOLD_ROWS + "', '')"); // its delivered rows
                }
                conn.commit();
            } catch (SQLException e) {
                conn.rollback();
                throw new SQLException("cannot upgrade its schema from version " + version + " to "
                        + SCHEMA_VERSION + ": " + firstLine(e.getMessage()), e);
            } finally {
                conn.setAutoCommit(true);
            }
            upgradedFrom = fresh || version == SCHEMA_VERSION ? 0 : version;
        }
    }

    /**
     * Finishes what a run that stopped before its end (killed, out of memory, power cut) left: the
     * delivered results its committed inputs held back are read from the spill file it left and written
     * as rows, as a release that wrote every result as a row would have them, for the next fold to
     * count ({@link #FOLD_ROWS}). Export rows that their input had dropped as stored before are dropped
     * again. An input whose spill file is gone is forgotten (its rows deleted, its place in the ledger
     * too), so that the next run that names it reads it whole again, and this is said on stderr.
     */
    private void recoverUnfinished() throws SQLException {
        java.util.Map<Long, String> marks = new java.util.TreeMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT key, value FROM meta WHERE starts_with(key, ?)")) {
            ps.setString(1, UNFINISHED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    marks.put(Long.parseLong(rs.getString(1).substring(UNFINISHED.length())), rs.getString(2));
                }
            }
        }
        if (marks.isEmpty()) {
            return;
        }
        List<String> forgotten = new ArrayList<>();
        Transaction.run(conn, () -> {
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE OR REPLACE TEMP TABLE recovered AS SELECT * FROM events LIMIT 0");
                List<Long> lost = new ArrayList<>();
                try (DuckDBAppender rows = conn.unwrap(DuckDBConnection.class).createAppender("temp",
                        DuckDBConnection.DEFAULT_SCHEMA, "recovered")) {
                    for (java.util.Map.Entry<Long, String> m : marks.entrySet()) {
                        boolean read;
                        try {
                            read = m.getValue() != null && !m.getValue().isEmpty()
                                    && DeliveredSpill.read(file, m.getValue(), r -> RunDelivered.appendRow(rows, r));
                        } catch (IOException | RuntimeException e) {
                            read = false; // a file cut or spoilt: its input is read again
                        }
                        if (!read) {
                            lost.add(m.getKey());
                        }
                    }
                }
                st.execute("INSERT INTO events SELECT * EXCLUDE (n) FROM (SELECT *, row_number() OVER (PARTITION BY row_key"
                        + " ORDER BY input_id, line, seq) n FROM recovered) r WHERE row_key IS NULL OR (n = 1 AND NOT EXISTS"
                        + " (SELECT 1 FROM events e WHERE e.row_key = r.row_key) AND NOT EXISTS (SELECT 1 FROM row_keys k"
                        + " WHERE k.row_key = r.row_key))");
                st.execute("DROP TABLE recovered");
                for (long id : lost) {
                    try (ResultSet rs = st.executeQuery("SELECT name FROM inputs WHERE id = " + id)) {
                        forgotten.add(rs.next() ? rs.getString(1) : "input " + id);
                    }
                    // recovered rows of other inputs are in; this one's rows would count without its held results
                    st.execute("DELETE FROM events WHERE input_id = " + id);
                    st.execute("DELETE FROM malformed WHERE input_id = " + id);
                    st.execute("DELETE FROM inputs WHERE id = " + id);
                }
                st.execute("DELETE FROM meta WHERE starts_with(key, '" + UNFINISHED + "')");
                st.execute("INSERT OR REPLACE INTO meta VALUES ('" + FOLD_ROWS + "', '')");
            }
            return null;
        });
        for (String name : forgotten) {
            System.err.println("mailblocks: " + file + ": " + name + " was read by a run that stopped before its end, and"
                    + " the file that held its delivered results is gone: forgotten, so that the next run naming it reads it"
                    + " again");
        }
        try {
            for (Path p : DeliveredSpill.leftBy(file)) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // the next run's spill file removes them
        }
    }

    /** How many events rows the store holds (refusals, deferrals and the delivered results kept as rows). */
    public long eventRows() {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count its events", e);
        }
    }

    /** The schema version this store was upgraded from when it was opened, or 0 when it needed none. */
    public int upgradedFrom() {
        return upgradedFrom;
    }

    /** A value of the store's own settings, or null. */
    public String meta(String key) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw failure("read its settings", e);
        }
    }

    /** Sets a value of the store's own settings. */
    public void setMeta(String key, String value) {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write its settings", e);
        }
    }

    /**
     * Says that the run's inputs are read: the partner keys its reading kept (up to 32 MB of heap)
     * are forgotten; the run's end finds partners in the store ({@link #foldDelivered}).
     */
    public void readingDone() {
        if (held != null) {
            held.forgetKeys();
        }
    }

    /**
     * Folds the delivered results that no report needs one by one into hourly counts (see
     * {@link DeliveredCounts}); returns how many were folded. Run after the inputs of a run are read.
     */
    public long foldDelivered() {
        try {
            return Transaction.run(conn, () -> {
                long counted = held == null ? 0 : held.finish(conn, countPartRows, latePartKeys);
                // the SQL fold looks at every delivered row again: needed only for export rows, which go through
                // it, after a prune, which may have removed a partner that kept a row, and in a store upgraded
                // from a release that kept every delivered result as a row
                if (held == null || held.foldable() || meta(FOLD_ROWS) != null) {
                    counted += DeliveredCounts.fold(conn);
                    try (Statement st = conn.createStatement()) {
                        st.execute("DELETE FROM meta WHERE key = '" + FOLD_ROWS + "'");
                    }
                }
                if (held != null) {
                    held.forgetKeys();
                }
                Timings.mark("delivered results counted; committing");
                return counted;
            });
        } catch (SQLException e) {
            StoreException failure = failure("fold delivered results into counts", e);
            if (held != null && held.holding()) {
                // keep what was read: the held results as rows, as a release that wrote every row left them
                try {
                    Transaction.run(conn, () -> {
                        held.writeAllAsRows(conn);
                        setMeta(FOLD_ROWS, "");
                        return null;
                    });
                    failure = new StoreException(failure.getMessage() + " (the delivered results are stored as rows;"
                            + " the next run that reads something folds them)", e);
                } catch (SQLException | RuntimeException again) {
                    failure.addSuppressed(again);
                }
            }
            throw failure;
        }
    }

    /**
     * Writes what the run changed into the store's file ({@code CHECKPOINT}), so that DuckDB's memory
     * holds nothing of the reading when the reports start: a 50M-line run's reports ran out of
     * memory after reading, where the same reports on the closed and opened store did not.
     */
    public void checkpoint() {
        try (Statement st = conn.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw failure("write its file", e);
        }
        Timings.duckdbMemory(conn, "store checkpointed");
    }

    /**
     * Deletes the events (and the malformed lines of inputs read) before {@code cutoff}; the
     * ledger keeps every input, so a pruned file is still not read again. Returns the events deleted
     * (delivered results folded into counts: the hours that ended before the cutoff).
     */
    public long prune(Instant cutoff) {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM events WHERE time < ?");
                PreparedStatement counts = conn.prepareStatement("DELETE FROM delivered_counts WHERE last_time < ?"
                        + " RETURNING results");
                PreparedStatement keys = conn.prepareStatement("DELETE FROM row_keys WHERE time < ?");
                PreparedStatement mal = conn.prepareStatement("DELETE FROM malformed WHERE input_id IN"
                        + " (SELECT id FROM inputs WHERE ingested_at < ?)")) {
            LocalDateTime t = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC);
            ps.setObject(1, t);
            long n = ps.executeUpdate();
            counts.setObject(1, t);
            try (ResultSet rs = counts.executeQuery()) {
                while (rs.next()) {
                    n += rs.getLong(1);
                }
            }
            keys.setObject(1, t);
            keys.executeUpdate();
            if (n > 0) {
                setMeta(FOLD_ROWS, "");
            }
            mal.setObject(1, t);
            mal.executeUpdate();
            String before = meta("pruned_before");
            if (before == null || Instant.parse(before).isBefore(cutoff)) {
                setMeta("pruned_before", cutoff.toString());
            }
            return n;
        } catch (SQLException e) {
            throw failure("prune old events", e);
        }
    }

    /**
     * Replaces the remembered blocking domains (outbound refusals in the policy group) with the
     * store's current ones; returns those that are new since the previous run, in name order, or
     * nothing when no run was remembered before (the first run only sets the baseline).
     */
    public List<String> updateBlockingDomains() {
        try (Statement st = conn.createStatement()) {
            boolean baseline;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM runs")) {
                rs.next();
                baseline = rs.getLong(1) == 0;
            }
            List<String> fresh = new ArrayList<>();
            String current = "SELECT DISTINCT recipient_domain FROM events WHERE direction = 'outbound'"
                    + " AND grp = 'policy' AND recipient_domain IS NOT NULL";
            try (ResultSet rs = st.executeQuery(current + " EXCEPT SELECT domain FROM blocking_domains ORDER BY 1")) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            conn.setAutoCommit(false);
            try {
                st.execute("DELETE FROM blocking_domains");
                st.execute("INSERT INTO blocking_domains " + current);
                conn.commit();
            } finally {
                conn.setAutoCommit(true);
            }
            return baseline ? List.of() : fresh;
        } catch (SQLException e) {
            throw failure("remember the blocking domains", e);
        }
    }

    /** Remembers a finished run. */
    public void recordRun(Instant started, Instant finished, long inputs, long events, long pruned) {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, LocalDateTime.ofInstant(started, ZoneOffset.UTC));
            ps.setObject(2, LocalDateTime.ofInstant(finished, ZoneOffset.UTC));
            ps.setLong(3, inputs);
            ps.setLong(4, events);
            ps.setLong(5, pruned);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("remember the run", e);
        }
    }

    /** Everything earlier runs read, for recognising inputs by content. */
    public List<LedgerEntry> ledger() {
        List<LedgerEntry> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name, head_length, head_hash, bytes, content_hash,"
                        + " total_lines, coalesce(file_size, -1), coalesce(file_modified, -1), file_key FROM inputs"
                        + " WHERE content_hash IS NOT NULL ORDER BY id")) {
            while (rs.next()) {
                out.add(new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getLong(7), new FileStamp(rs.getLong(8), rs.getLong(9), rs.getString(10))));
            }
        } catch (SQLException e) {
            throw failure("read the ledger", e);
        }
        return out;
    }

    /** Starts one input's transaction; its events are visible only after {@link InputBatch#commit}. */
    public InputBatch begin(String name, String format) {
        // before the input's transaction: a SET that fails in DuckDB aborts the transaction it is in
        readingMemory(true);
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
            if (held == null && file != null && !everyRow) {
                try {
                    held = RunDelivered.create(file, exactPartnerKeys);
                } catch (IOException e) {
                    throw new StoreException(file + ": cannot make a temporary file beside it: " + e.getMessage(), e);
                }
            }
            return new InputBatch(this, conn.unwrap(DuckDBConnection.class), id, held);
        } catch (SQLException e) {
            readingMemory(false);
            throw failure("start writing " + name, e);
        } catch (RuntimeException e) {
            readingMemory(false);
            throw e;
        }
    }

    /**
     * Writes every delivered result as an {@code events} row, as stores did before results were held
     * back (see {@link RunDelivered}): the reference that tests compare folded stores with. Call
     * before the first input.
     */
    public EventStore keepEveryRow() {
        everyRow = true;
        return this;
    }

    /**
     * While an input is read, DuckDB gets half its memory limit; the rest of a run (its end, the
     * reports) gets all of it. What DuckDB holds while reading (the input's rows until its commit, the
     * held results' keys) spills to its folder beyond the limit all the same, and the heap is at its
     * fullest then: on a 100M-line log the end of reading was the run's peak, 1.06 GB with the whole
     * limit; at 50M lines the end of reading went from 823 to 701 MB, no slower. A limit DuckDB cannot
     * lower to at once (more pinned than that) stays as it is.
     */
    void readingMemory(boolean reading) {
        if (settings == null) {
            return;
        }
        long bytes = settings.memoryBytes() / (reading ? 2 : 1);
        try (Statement st = conn.createStatement()) {
            st.execute("SET memory_limit = '" + Math.max(1, bytes / 1024) + "KiB'");
        } catch (SQLException e) {
            // could not free up enough memory for the lower limit: read with the whole one
        }
    }

    Connection connection() {
        return conn;
    }

    /** DuckDB's resources as the store was opened with them; null over a connection made elsewhere. */
    StoreSettings settings() {
        return settings;
    }

    /** Queries for the reports. */
    public ReportQueries queries() {
        return new ReportQueries(conn);
    }

    /** A second connection for reading from another thread; close it when done. */
    public StoreReader reader() {
        return new StoreReader(this, false);
    }

    /**
     * {@link #reader()}, whose results come to the driver a chunk at a time ({@code stream}) rather than
     * whole: the events export's slices (100,000 refusals with their texts) took 70-100 MB more whole on a
     * stored 50M-line run ({@code src/test/scripts/ExportProbe.java}). Streamed beside another
     * connection's queries, the export waited for them: on a year's store, 836 ms instead of 89 ms.
     */
    public StoreReader reader(boolean stream) {
        return new StoreReader(this, stream);
    }

    /** The sending-side DNS check results (their own table, created on first use). */
    public CheckStore checks() {
        return new CheckStore(conn);
    }

    StoreException failure(String what, SQLException e) {
        return new StoreException(file + ": cannot " + what + ": " + firstLine(e.getMessage()), e);
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /**
     * Closes the store; delivered results still on their way (a caller that did not fold) are moved
     * in first, so that what was committed is whole.
     */
    @Override
    public void close() {
        try {
            if (held != null) {
                boolean stored = false;
                try {
                    if (held.holding()) {
                        foldDelivered();
                    }
                    stored = true;
                } finally {
                    if (stored || !held.holding()) {
                        held.close();
                    } else {
                        held.closeKeepingFile(); // the next opening of the store reads it back
                    }
                    held = null;
                }
            }
        } finally {
            try {
                conn.close();
                Timings.mark("store closed");
            } catch (SQLException e) {
                throw failure("close", e);
            }
        }
    }
}

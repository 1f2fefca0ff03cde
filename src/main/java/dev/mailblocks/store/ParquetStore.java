package dev.mailblocks.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A store read from the Parquet tables the Spark job writes ({@code spark/}, README "Running on
 * Apache Spark"): an in-memory DuckDB whose {@code events}, {@code delivered_counts}, {@code inputs},
 * {@code malformed} and {@code row_keys} are views over {@code DIR/TABLE/day=.../input_id=.../*.parquet}
 * (and nothing else below {@code TABLE/}: a writing or killed job's {@code .spark-staging-*} and
 * {@code _temporary} folders are left out), with the store's column names and types (schema 3), so that the report queries run on it
 * unchanged. Read-only as far as the data goes: what a report writes (a redaction key, DNS
 * checks) lives in memory for the one command.
 */
public final class ParquetStore {

    /** The store's tables the job writes, with the columns and types of {@link EventStore}'s schema. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("inputs", "id BIGINT, name VARCHAR, format VARCHAR, head_length INTEGER, head_hash VARCHAR,"
                + " bytes BIGINT, content_hash VARCHAR, total_lines BIGINT, skipped_lines BIGINT, lines BIGINT,"
                + " event_lines BIGINT, events BIGINT, ignored BIGINT, malformed BIGINT, error VARCHAR,"
                + " ingested_at TIMESTAMP, file_size BIGINT, file_modified BIGINT, file_key VARCHAR");
        TABLES.put("events", "input_id BIGINT, line BIGINT, seq INTEGER, time TIMESTAMP, direction VARCHAR,"
                + " source_format VARCHAR, reporting_host VARCHAR, queue_id VARCHAR, message_id VARCHAR, sender VARCHAR,"
                + " recipient VARCHAR, recipient_domain VARCHAR, outcome VARCHAR, reply_code INTEGER,"
                + " enhanced_status VARCHAR, remote_host VARCHAR, remote_ip VARCHAR, phase VARCHAR, message VARCHAR,"
                + " category VARCHAR, grp VARCHAR, pattern_id VARCHAR, provider VARCHAR, template VARCHAR,"
                + " row_key VARCHAR");
        TABLES.put("malformed", "input_id BIGINT, line BIGINT, reason VARCHAR, text VARCHAR");
        TABLES.put("delivered_counts", "hour TIMESTAMP, first_time TIMESTAMP, last_time TIMESTAMP,"
                + " direction VARCHAR, source_format VARCHAR, recipient_domain VARCHAR, remote_host VARCHAR,"
                + " provider VARCHAR, sender_domain VARCHAR, sending_ip VARCHAR, results BIGINT");
        TABLES.put("row_keys", "row_key VARCHAR, time TIMESTAMP");
    }

    private ParquetStore() {
    }

    /** Opens the job's output folder for reading; fails in one line naming it when it holds no job output. */
    public static EventStore open(Path dir) {
        if (!Files.isDirectory(dir.resolve("inputs"))) {
            throw new StoreException(dir + ": no Parquet tables of the Spark job here (no inputs/ folder)", null);
        }
        Connection conn = null;
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "mailblocks-parquet");
            conn = DriverManager.getConnection("jdbc:duckdb:", StoreSettings.fromEnvironment(tmp).properties());
            try (Statement st = conn.createStatement()) {
                st.execute("SET TimeZone = 'UTC'");
                st.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)");
                st.execute("INSERT INTO meta VALUES ('schema_version', '" + EventStore.SCHEMA_VERSION + "')");
                st.execute("CREATE TABLE runs (started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL,"
                        + " inputs BIGINT, events BIGINT, pruned BIGINT)");
                st.execute("CREATE TABLE blocking_domains (domain VARCHAR PRIMARY KEY)");
                st.execute(CheckStore.TABLE); // none from a Spark job; made here so that report writers do not race to make it
                for (Map.Entry<String, String> t : TABLES.entrySet()) {
                    st.execute(view(dir, t.getKey(), t.getValue()));
                }
            }
            return EventStore.over(conn, dir);
        } catch (SQLException | ClassNotFoundException | IOException e) {
            if (conn != null) {
                try {
                    conn.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new StoreException(dir + ": cannot read the Parquet tables: " + EventStore.firstLine(e.getMessage()), e);
        }
    }

    /** A view over a table's files with the store's names and types, or an empty table when it has none. */
    static String view(Path dir, String table, String columns) throws IOException {
        Path folder = dir.resolve(table);
        boolean any = false;
        if (Files.isDirectory(folder)) {
            // only the partitions' own files: not Spark's .spark-staging-*/ or _temporary/ of a job
            // that is writing or was killed, whose files would count twice
            java.nio.file.PathMatcher files = folder.getFileSystem().getPathMatcher("glob:day=*/input_id=*/*.parquet");
            try (Stream<Path> walk = Files.walk(folder, 3)) {
                any = walk.anyMatch(f -> files.matches(folder.relativize(f)) && !f.getFileName().toString().startsWith("."));
            }
        }
        if (!any) {
            return "CREATE TABLE " + table + " (" + columns + ")";
        }
        StringBuilder select = new StringBuilder();
        for (String col : columns.split(",\\s*")) {
            String[] nt = col.trim().split(" ");
            if (select.length() > 0) {
                select.append(", ");
            }
            select.append("CAST(").append(nt[0]).append(" AS ").append(nt[1]).append(") AS ").append(nt[0]);
        }
        String glob = folder.toAbsolutePath() + "/day=*/input_id=*/*.parquet"; // DuckDB's * does not cross a /
        return "CREATE VIEW " + table + " AS SELECT " + select + " FROM read_parquet('" + glob.replace("'", "''")
                + "', hive_partitioning = true, union_by_name = true)";
    }
}

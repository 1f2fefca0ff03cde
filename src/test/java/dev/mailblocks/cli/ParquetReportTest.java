package dev.mailblocks.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --parquet DIR} without Spark: a local store's tables are written as Parquet in the
 * Spark job's layout ({@code TABLE/day=.../input_id=.../*.parquet}, by DuckDB here), and the reports
 * read from them must be the store's own, byte for byte. The Spark job itself is tested in
 * {@code spark/} ({@code SparkJobTest}).
 */
class ParquetReportTest {

    @TempDir
    Path tmp;

    @Test
    void reportsFromParquetTablesAreTheStoresOwn() throws Exception {
        Path db = tmp.resolve("db.duckdb");
        CliRunner.Result run = CliRunner.run("run", "sample-logs", "--year", "2026", "--timezone", "UTC", "--db",
                db.toString(), "--out", tmp.resolve("local").toString(), "--quiet");
        assertEquals(0, run.exit(), run.err());
        Path pq = tmp.resolve("pq");
        Files.createDirectories(pq);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement st = c.createStatement()) {
            String day = "strftime(time, '%Y-%m-%d') AS day";
            copy(st, "SELECT *, " + day + " FROM events", pq, "events");
            copy(st, "SELECT *, strftime(hour, '%Y-%m-%d') AS day, 1 AS input_id FROM delivered_counts", pq,
                    "delivered_counts");
            copy(st, "SELECT *, id AS input_id, '2026-12-30' AS day FROM inputs", pq, "inputs");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM malformed")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    copy(st, "SELECT *, '2026-12-30' AS day FROM malformed", pq, "malformed");
                }
            }
            // the store's secret for redaction tokens, where report --parquet keeps its own
            try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'redaction_key'")) {
                assertTrue(rs.next(), "the run's briefs made a redaction key");
                Files.writeString(pq.resolve("_redaction_key"), rs.getString(1) + "\n");
            }
        }
        // a Spark job writing (or killed while writing) leaves copies of partitions in staging folders
        // below the tables: they are not the table's rows and must not count twice
        for (String table : List.of("events", "inputs", "delivered_counts")) {
            copyTree(pq.resolve(table), pq.resolve(table).resolve(".spark-staging-7f3e2a"));
            copyTree(pq.resolve(table), pq.resolve(table).resolve("_temporary/0/_temporary/attempt_202611262100_0001_m_000000_1"));
        }
        CliRunner.Result report = CliRunner.run("report", "--parquet", pq.toString(), "--out",
                tmp.resolve("parquet").toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().contains("reports written to"), report.out());

        List<String> names;
        try (Stream<Path> s = Files.list(tmp.resolve("local"))) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
        assertTrue(names.containsAll(List.of("blocking-domains.csv", "events.csv", "inputs.csv", "report.html")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("escalation-")), names.toString());
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("local").resolve(n)),
                    Files.readAllBytes(tmp.resolve("parquet").resolve(n)), n + " differs when read from Parquet");
        }
    }

    @Test
    void aFolderWithoutTheJobsTablesIsOneLineNamingIt() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        CliRunner.Result r = CliRunner.run("report", "--parquet", tmp.resolve("empty").toString(), "--out",
                tmp.resolve("out").toString());
        assertFalse(r.exit() == 0);
        assertTrue(r.err().contains("empty: no Parquet tables of the Spark job here"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    /** Copies the partitions {@code day=.../input_id=.../*.parquet} of a table folder below {@code to}. */
    private static void copyTree(Path from, Path to) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from, 3)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".parquet")
                    && from.relativize(f).getNameCount() == 3).toList();
        }
        assertFalse(files.isEmpty(), from + " has partitions");
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target);
        }
    }

    private static void copy(Statement st, String select, Path pq, String table) throws Exception {
        st.execute("COPY (" + select + ") TO '" + pq.resolve(table).toAbsolutePath()
                + "' (FORMAT parquet, PARTITION_BY (day, input_id))");
    }
}

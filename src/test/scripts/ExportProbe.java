import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The events export's slice queries alone on a stored run, with the settings of a store (256MB,
 * two threads), and the process's peak RSS: results streamed to the driver a chunk at a time, or
 * handed over whole. Copy the store first (the probe opens it read-write, as mailblocks does):
 *
 * <pre>
 * java -cp target/mailblocks.jar src/test/scripts/ExportProbe.java STORE.duckdb 100000 stream|whole
 * </pre>
 *
 * Prints the slices, the seconds, the MB read and {@code VmHWM}.
 */
public class ExportProbe {
    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !List.of("stream", "whole").contains(args[2])) {
            System.err.println("usage: ExportProbe STORE.duckdb ROWS_A_SLICE stream|whole");
            System.exit(2);
        }
        int size = Integer.parseInt(args[1]);
        Properties p = new Properties();
        p.setProperty("memory_limit", "256MB");
        p.setProperty("threads", "2");
        p.setProperty("jdbc_stream_results", Boolean.toString(args[2].equals("stream")));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], p); Statement s = c.createStatement()) {
            String w = "WITH w AS NOT MATERIALIZED (SELECT e.*, i.name AS file FROM events e JOIN inputs i ON i.id = e.input_id) ";
            List<Long> starts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(w + "SELECT DISTINCT epoch_us(time) FROM (SELECT time, row_number() OVER"
                    + " (ORDER BY time) rn FROM w WHERE outcome <> 'delivered') WHERE (rn - 1) % " + size + " = 0 ORDER BY 1")) {
                while (rs.next()) {
                    starts.add(rs.getLong(1));
                }
            }
            StringBuilder packed = new StringBuilder("encode(concat(");
            String[] cols = {"direction", "source_format", "file", "outcome", "sender", "recipient", "recipient_domain",
                "remote_host", "remote_ip", "enhanced_status", "category", "grp", "pattern_id", "provider", "message"};
            for (int i = 0; i < cols.length; i++) {
                packed.append(i == 0 ? "" : ", ").append("coalesce(strlen(").append(cols[i]).append(")::VARCHAR || ',' || ")
                        .append(cols[i]).append(", '-')");
            }
            packed.append("))");
            long t0 = System.nanoTime();
            long bytes = 0;
            for (int i = 0; i < starts.size(); i++) {
                String slice = "time >= make_timestamp(" + starts.get(i) + "::BIGINT)" + (i + 1 < starts.size()
                        ? " AND time < make_timestamp(" + starts.get(i + 1) + "::BIGINT)" : "");
                try (ResultSet rs = s.executeQuery(w + "SELECT time, line, reply_code, " + packed + " FROM w WHERE outcome"
                        + " <> 'delivered' AND " + slice + " ORDER BY time, file, line, seq")) {
                    while (rs.next()) {
                        bytes += rs.getBytes(4).length;
                    }
                }
            }
            String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .findFirst().orElse("VmHWM: ?");
            System.out.printf("%s, %d rows a slice: %d slices, %.1f s, %d MB read, %s%n", args[2], size, starts.size(),
                    (System.nanoTime() - t0) / 1e9, bytes >> 20, hwm.replaceAll("\\s+", " "));
        }
    }
}

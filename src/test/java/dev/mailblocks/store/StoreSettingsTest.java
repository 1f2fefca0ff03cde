package dev.mailblocks.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DuckDB's memory limit as set, and halved while an input is read. */
class StoreSettingsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"256MB, 256000000", "1GB, 1000000000", "512MiB, 536870912", "1.5GB, 1500000000", "64kib, 65536",
        "2048B, 2048"})
    void sizesAreReadAsDuckDbReadsThem(String size, long bytes) {
        assertEquals(bytes, new StoreSettings(size, 1, dir).memoryBytes());
    }

    @Test
    void aSizeWithoutUnitIsRefused() {
        assertThrows(StoreException.class, () -> new StoreSettings("256", 1, dir).memoryBytes());
    }

    @Test
    void anInputIsReadWithHalfTheLimitAndTheRestOfTheRunHasAllOfIt() throws SQLException {
        try (EventStore store = EventStore.open(dir.resolve("s.duckdb"))) {
            long whole = limit(store);
            // DuckDB shows its limit in MiB with one decimal: 256MB is 244.1 MiB
            assertEquals(256_000_000L / 1024 / 1024, whole / 1024 / 1024);
            try (InputBatch batch = store.begin("mail.log", "postfix")) {
                assertEquals(whole / 2 / 1024 / 1024, limit(store) / 1024 / 1024, "while reading");
            } // rolled back
            assertEquals(whole, limit(store), "after a rollback");
            try (InputBatch batch = store.begin("mail.log", "postfix")) {
                batch.commit("postfix", new InputCounts(0, 0, 0, 0, 0, 0), new InputBatch.Content(0, "", 0, "", 0, null), null);
            }
            assertEquals(whole, limit(store), "after a commit");
        }
    }

    /** DuckDB's memory limit now, in bytes (from its text, such as {@code 244.1 MiB}). */
    private static long limit(EventStore store) throws SQLException {
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit')")) {
            rs.next();
            String[] v = rs.getString(1).split(" ");
            double unit = switch (v[1]) {
                case "KiB" -> 1024;
                case "MiB" -> 1024 * 1024;
                default -> 1024.0 * 1024 * 1024;
            };
            return (long) (Double.parseDouble(v[0]) * unit);
        }
    }
}

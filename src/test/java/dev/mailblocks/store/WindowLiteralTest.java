package dev.mailblocks.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The window's values are written into the SQL as literals: they must read back as exactly the values given. */
class WindowLiteralTest {

    private static String one(Connection c, String expr) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + expr)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void textWithQuotesAndAnyCharacterIsOneValue() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String s : new String[] {"o'brien.example", "''; DROP TABLE events; --", "a\\'b", "%._", "日本.example",
                "😀", "", "\\x41", "tab\there\nnewline"}) {
                assertEquals(s, one(c, ReportQueries.literal(s)));
            }
        }
    }

    @Test
    void timesKeepTheirMicroseconds() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String t : new String[] {"2026-12-31T23:59:59Z", "2026-01-01T00:00:00.123456Z", "1969-12-31T23:59:59.5Z",
                "1970-01-01T00:00:00Z", "2400-02-29T12:00:00Z"}) {
                Instant i = Instant.parse(t);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT " + ReportQueries.literal(i))) {
                    rs.next();
                    assertEquals(LocalDateTime.ofInstant(i, ZoneOffset.UTC), rs.getObject(1, LocalDateTime.class), t);
                }
            }
        }
    }
}

package dev.mailblocks.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The IP a refusal quotes as ours: never the receiver's own address, and never part of a longer one. */
class QuotedIpTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "host mx.example.net[203.0.113.5] said: 554 5.7.1 Client host [203.0.113.50] blocked | 203.0.113.5 | 203.0.113.50",
        "554 5.7.1 Client host [198.51.100.7] blocked using zen.spamhaus.org | 203.0.113.5 | 198.51.100.7",
        "550 5.7.1 Service unavailable from 203.0.113.5, then 198.51.100.7 | 203.0.113.5 | 198.51.100.7",
        "550 5.1.1 User unknown | 203.0.113.5 | ''",
        "554 Client host [198.51.100.7] blocked | null | 198.51.100.7",
    })
    void quotedIpIsOursNotTheReceivers(String message, String remoteIp, String expected) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement ps = c.prepareStatement("SELECT " + ReportQueries.QUOTED_IP
                        + " FROM (SELECT ?::VARCHAR AS message, ?::VARCHAR AS remote_ip)")) {
            ps.setString(1, message);
            ps.setString(2, remoteIp);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(expected, rs.getString(1));
            }
        }
    }
}

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
        "250 2.0.0 OK 1798503922 queued as 4E5CC68A01 [192.0.2.9] | 192.0.2.25 | 192.0.2.9",
        "host mx.example.net[203.0.113.5] said: 250 ok | 203.0.113.5 | ''",
        "1234.5.6.7 and 10.0.0.1 | null | 234.5.6.7",
        "null | null | ''",
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
                assertEquals(expected, RunDelivered.quotedIp(message, remoteIp), "the same, in Java");
            }
        }
    }
}

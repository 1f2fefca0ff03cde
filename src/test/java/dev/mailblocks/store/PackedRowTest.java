package dev.mailblocks.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Text columns packed into one value by DuckDB come back exactly as they were, whatever they hold. */
class PackedRowTest {

    private static String[] roundTrip(Connection c, String... values) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT " + ReportQueries.Packed.of(columns(values.length)) + " FROM (SELECT ");
        for (int i = 0; i < values.length; i++) {
            select.append(i == 0 ? "" : ", ").append("?::VARCHAR AS c").append(i);
        }
        try (PreparedStatement ps = c.prepareStatement(select.append(")").toString())) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String[] out = new String[values.length];
                ReportQueries.Packed.unpack(rs.getBytes(1), out);
                return out;
            }
        }
    }

    private static String[] columns(int n) {
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            c[i] = "c" + i;
        }
        return c;
    }

    @Test
    void separatorsNullsAndAnyCharacterSurvive() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            String[][] rows = {
                {"outbound", null, "", "-", "12,3", "550 5.7.1 <a@b.example>, said: \"no\"\n next line"},
                {null, null, null, null, null, null},
                {"", "", "", "", "", ""},
                {"-1,", "3,abc", "😀 emoji", "e\u0301 combined", "日本語のメッセージ", "\u0000\u0001\t\r"},
                {"2,ab", "-", ",", ",,", "--", "0,"},
            };
            for (String[] row : rows) {
                assertArrayEquals(row, roundTrip(c, row));
            }
        }
    }

    @Test
    void randomTextRoundTrips() throws SQLException {
        Random random = new Random(7);
        String alphabet = "ab,-0123456789 \"'<>@é😀日\n";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            for (int n = 0; n < 200; n++) {
                String[] row = new String[4];
                for (int i = 0; i < row.length; i++) {
                    if (random.nextInt(5) == 0) {
                        continue;
                    }
                    StringBuilder s = new StringBuilder();
                    for (int k = random.nextInt(12); k > 0; k--) {
                        s.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                                random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                    }
                    row[i] = s.toString();
                }
                assertArrayEquals(row, roundTrip(c, row));
            }
        }
    }

    @Test
    void aRowLongerOrShorterThanItsColumnsIsAnError() {
        assertThrows(StoreException.class, () -> ReportQueries.Packed.unpack("1,a1,b1,c".getBytes(), new String[2]));
        assertThrows(StoreException.class, () -> ReportQueries.Packed.unpack("1,a".getBytes(), new String[2]));
    }
}

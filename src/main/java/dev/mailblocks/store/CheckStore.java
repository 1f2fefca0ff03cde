package dev.mailblocks.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of the sending-side DNS checks ({@code mailblocks check}): the newest result of
 * each (subject, check), with the time it was found. A "not checked" result never replaces a
 * real one: the older finding stays, with its own time, until DNS answers again. The table is
 * created on first use, so stores of every schema version take it without an upgrade step.
 */
public final class CheckStore {

    /** One check of one subject (an IP address or a domain). */
    public record Row(String subject, String check, String result, String detail, Instant checkedAt) {
    }

    /** How a result reads for us: good, a problem, neither, or unknown (not checked). */
    public enum Verdict {
        GOOD, BAD, NEUTRAL, UNKNOWN;

        /** The verdict of a row's result. */
        public static Verdict of(Row r) {
            String check = r.check().contains(":") ? r.check().substring(0, r.check().indexOf(':')) : r.check();
            String res = r.result();
            if (NOT_CHECKED.equals(res)) {
                return UNKNOWN;
            }
            return switch (check) {
                case "ptr" -> res.equals("present") ? GOOD : BAD;
                case "ptr-forward" -> res.equals("confirmed") ? GOOD : BAD;
                case "dnsbl" -> res.equals("listed") ? BAD : GOOD;
                case "spf" -> switch (res) {
                    case "pass" -> GOOD;
                    case "neutral", "none", "temperror" -> NEUTRAL;
                    default -> BAD;
                };
                case "spf-record" -> res.equals("present") ? GOOD : BAD;
                case "dmarc" -> switch (res) {
                    case "reject", "quarantine" -> GOOD;
                    case "none" -> NEUTRAL;
                    default -> BAD;
                };
                case "dkim" -> res.equals("present") ? GOOD : BAD;
                default -> NEUTRAL;
            };
        }
    }

    /** The result of a check that could not be made (no DNS, --no-dns, time used up). */
    public static final String NOT_CHECKED = "not checked";

    /** Made with the store's schema, so that report writers on connections of their own never race to make it. */
    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS sending_checks (
                subject VARCHAR NOT NULL, check_name VARCHAR NOT NULL, result VARCHAR NOT NULL, detail VARCHAR,
                checked_at TIMESTAMP NOT NULL, PRIMARY KEY (subject, check_name))""";

    private final Connection conn;

    CheckStore(Connection conn) {
        this.conn = conn;
    }

    private void create() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(TABLE);
        }
    }

    /** Keeps the rows; a "not checked" row only where the subject and check have no real result yet. */
    public void save(List<Row> rows) {
        try {
            create();
            Transaction.run(conn, () -> {
                try (PreparedStatement real = conn.prepareStatement(
                                "INSERT OR REPLACE INTO sending_checks VALUES (?, ?, ?, ?, ?)");
                        PreparedStatement soft = conn.prepareStatement("""
                                INSERT INTO sending_checks VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject, check_name)
                                DO UPDATE SET result = excluded.result, detail = excluded.detail, checked_at = excluded.checked_at
                                WHERE sending_checks.result = 'not checked'""")) {
                    for (Row r : rows) {
                        PreparedStatement ps = NOT_CHECKED.equals(r.result()) ? soft : real;
                        ps.setString(1, r.subject());
                        ps.setString(2, r.check());
                        ps.setString(3, r.result());
                        ps.setString(4, r.detail());
                        ps.setObject(5, LocalDateTime.ofInstant(r.checkedAt(), ZoneOffset.UTC));
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot store the DNS check results: " + e.getMessage(), e);
        }
    }

    /** When each subject was last checked with a real answer (subjects never checked are absent). */
    public Map<String, Instant> lastChecked(Collection<String> subjects) {
        Map<String, Instant> out = new HashMap<>();
        for (Row r : of(subjects)) {
            if (!NOT_CHECKED.equals(r.result())) {
                out.merge(r.subject(), r.checkedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return out;
    }

    /** The stored rows of these subjects, by subject and check. */
    public List<Row> of(Collection<String> subjects) {
        List<Row> out = new ArrayList<>();
        for (Row r : all()) {
            if (subjects.contains(r.subject())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every stored row, by subject and check. */
    public List<Row> all() {
        List<Row> out = new ArrayList<>();
        try {
            create();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT subject, check_name, result, detail, checked_at FROM sending_checks ORDER BY subject, check_name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDateTime t = rs.getObject(5, LocalDateTime.class);
                    out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            t.toInstant(ZoneOffset.UTC)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the DNS check results: " + e.getMessage(), e);
        }
        return out;
    }
}

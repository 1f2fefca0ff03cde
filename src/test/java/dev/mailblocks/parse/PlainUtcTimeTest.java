package dev.mailblocks.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read time gives the instant {@code LocalDateTime} gives, on every day of years 0 to 9999. */
class PlainUtcTimeTest {

    @Test
    void theEpochDayIsLocalDates() {
        for (LocalDate d = LocalDate.of(0, 1, 1); d.getYear() < 10_000; d = d.plusDays(1)) {
            assertEquals(d.toEpochDay(), PlainUtcTime.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()),
                    d.toString());
        }
    }

    @Test
    void aTimeReadsAsLocalDateTimeReadsIt() {
        Random rnd = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            LocalDateTime t = LocalDateTime.of(rnd.nextInt(10_000), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
                    rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60), rnd.nextBoolean() ? 0 : rnd.nextInt(1_000_000_000));
            String text = String.format("%04d-%02d-%02d%s%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), rnd.nextBoolean() ? "T" : " ", t.getHour(), t.getMinute(), t.getSecond())
                    + (t.getNano() == 0 ? "" : String.format(".%09d", t.getNano())) + (rnd.nextBoolean() ? "Z" : "");
            Instant want = t.toInstant(ZoneOffset.UTC);
            assertEquals(want, PlainUtcTime.read(text, true, false), text);
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59.5Z"), PlainUtcTime.read("2024-02-29 23:59:59.5", true, false));
        assertNull(PlainUtcTime.read("2023-02-29 00:00:00", true, false));
        assertNull(PlainUtcTime.read("1900-02-29 00:00:00", true, false));
        assertEquals(Instant.parse("2000-02-29T00:00:00Z"), PlainUtcTime.read("2000-02-29T00:00:00Z", false, true));
        assertNull(PlainUtcTime.read("2000-02-29 00:00:00Z", false, true));
        assertNull(PlainUtcTime.read("2000-02-29T00:00:00", false, true));
    }
}

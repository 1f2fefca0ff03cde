package dev.mailblocks.parse.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EspTimeTest {

    private static String t(EspTime f, String v) {
        return String.valueOf(f.parse(v));
    }

    @Test
    void unixTimesMayCarryAFraction() {
        assertEquals("2025-11-21T04:40:00Z", t(EspTime.UNIX_SECONDS, "1763700000"));
        assertEquals("2025-11-21T04:40:00.250Z", t(EspTime.UNIX_SECONDS, "1763700000.25"));
        assertEquals("2025-11-21T04:40:00.123Z", t(EspTime.UNIX_MILLIS, "1763700000123"));
        assertNull(EspTime.UNIX_SECONDS.parse("yesterday"));
    }

    @Test
    void rfc2822TakesNamedZonesOffsetsAndNoWeekday() {
        assertEquals("2011-10-21T11:02:55Z", t(EspTime.RFC2822, "Fri, 21 Oct 2011 11:02:55 UTC"));
        assertEquals("2011-10-21T11:02:55Z", t(EspTime.RFC2822, "Fri, 21 Oct 2011 11:02:55 GMT"));
        assertEquals("2011-10-21T09:02:55Z", t(EspTime.RFC2822, "21 Oct 2011 11:02:55 +0200"));
        assertEquals("2011-10-21T16:02:00Z", t(EspTime.RFC2822, "Fri, 21 Oct 2011 11:02 EST"));
        assertEquals("2011-10-21T11:02:55Z", t(EspTime.RFC2822, "Fri, 21 Oct 2011 11:02:55 -0000 (UTC)"));
        assertNull(EspTime.RFC2822.parse("Fri, 21 Foo 2011 11:02:55 UTC"));
        assertNull(EspTime.RFC2822.parse("Fri, 21 Oct 2011 11:02:55 XYZ"));
    }

    @Test
    void isoAndZonelessTimesReadAsUtcWhenNoOffsetIsGiven() {
        assertEquals("2025-11-05T16:33:54.907025900Z", t(EspTime.ISO8601, "2025-11-05T16:33:54.9070259Z"));
        assertEquals("2017-01-01T00:00:00Z", t(EspTime.ISO8601, "2017-01-01T02:00:00+02:00"));
        assertEquals("2017-01-01T00:00:00Z", t(EspTime.ISO8601, "2017-01-01T02:00:00+0200"));
        assertEquals("2015-11-03T10:22:19.956700Z", t(EspTime.DATETIME_UTC, "2015-11-03 10:22:19.9567"));
        assertEquals("2015-11-03T10:22:19Z", t(EspTime.DATETIME_UTC, "2015-11-03 10:22:19"));
        assertNull(EspTime.DATETIME_UTC.parse("03/11/2015 10:22"));
    }

    @Test
    void theHandReadShapeGivesWhatTheFormatterGivesAndLeavesTheRestToIt() {
        java.util.List<String> values = new java.util.ArrayList<>(java.util.List.of("2026-12-29 02:10:20",
                "2026-12-29T02:10:20", "2026-12-29 02:10:20.5", "2026-12-29 02:10:20.123456789", "2026-12-29T02:10:20Z",
                "2026-12-29T02:10:20.9070259Z", "2026-12-29t02:10:20z", "2026-02-28 23:59:59", "2024-02-29 00:00:00",
                "2026-12-31 23:59:59.000001", "0001-01-01 00:00:00"));
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 5000; i++) {
            values.add(String.format(java.util.Locale.ROOT, "%04d-%02d-%02d%c%02d:%02d:%02d%s%s", 1990 + r.nextInt(50),
                    1 + r.nextInt(12), 1 + r.nextInt(28), r.nextBoolean() ? ' ' : 'T', r.nextInt(24), r.nextInt(60),
                    r.nextInt(60), r.nextBoolean() ? "" : "." + (1 + r.nextInt(999_999)), r.nextBoolean() ? "" : "Z"));
        }
        for (String v : values) {
            assertEquals(EspTime.lenientByFormatter(v), EspTime.plainUtc(v), v);
        }
        // not the plain shape: left to the formatter (an offset, a day it must check, no seconds, a bad digit)
        for (String v : java.util.List.of("2026-12-29T02:10:20+01:00", "2026-02-30 10:00:00", "2026-04-31 10:00:00",
                "2026-12-29 02:10", "2026-12-29 02:10:20.", "2026-12-29 2:10:20", "2026-13-01 00:00:00",
                "2026-12-29 24:00:00", "2026-12-29 02:10:20 +0100", "2026-12-29 02:10:2x")) {
            assertNull(EspTime.plainUtc(v), v);
        }
        assertEquals(EspTime.lenientByFormatter("2026-02-30 10:00:00"), EspTime.lenient("2026-02-30 10:00:00"));
        assertEquals(java.time.Instant.parse("2026-12-29T01:10:20Z"), EspTime.lenient("2026-12-29T02:10:20+01:00"));
    }
}

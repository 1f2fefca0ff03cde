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
}

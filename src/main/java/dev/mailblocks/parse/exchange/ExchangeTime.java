package dev.mailblocks.parse.exchange;

import dev.mailblocks.parse.PlainUtcTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The {@code date-time} cell of Exchange message tracking logs. */
final class ExchangeTime {

    private ExchangeTime() {
    }

    /** {@code 2016-04-05T00:00:02.052Z}; an offset instead of Z is read too. */
    static Instant read(String value) {
        if (value == null) {
            return null;
        }
        Instant fast = plainUtc(value);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * The shape Exchange writes, read by hand: {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (any case), the
     * instant {@link Instant#parse} gives it; {@code null} for anything else (another shape, a day the
     * month does not have, a leap second, an offset), which {@link Instant#parse} then reads.
     */
    static Instant plainUtc(String v) {
        return PlainUtcTime.read(v, false, true);
    }
}

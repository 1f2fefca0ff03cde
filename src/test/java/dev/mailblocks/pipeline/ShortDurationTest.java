package dev.mailblocks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one reading of {@code --since 7d}, {@code --wait 10m} and {@code --keep 400d}. */
class ShortDurationTest {

    @Test
    void everyUnitReadsTheSameForEveryOption() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), ShortDuration.parse("30s"));
        assertEquals(Optional.of(Duration.ofMinutes(10)), ShortDuration.parse(" 10M "));
        assertEquals(Optional.of(Duration.ofHours(12)), ShortDuration.parse("12h"));
        assertEquals(Optional.of(Duration.ofDays(400)), ShortDuration.parse("400d"));
        assertEquals(Optional.of(Duration.ofDays(14)), ShortDuration.parse("2w"));
        assertTrue(ShortDuration.parse("2026-12-30").isEmpty());
        assertTrue(ShortDuration.parse("7").isEmpty());
        assertTrue(ShortDuration.parse("-7d").isEmpty());
    }

    @Test
    void retentionOfHoursIsNotPrintedAsZeroDays() {
        assertEquals("400 days", ShortDuration.words(Duration.ofDays(400)));
        assertEquals("12 hours", ShortDuration.words(Duration.ofHours(12)));
        assertEquals("1 minute", ShortDuration.words(Duration.ofMinutes(1)));
        assertEquals("90 seconds", ShortDuration.words(Duration.ofSeconds(90)));
    }
}

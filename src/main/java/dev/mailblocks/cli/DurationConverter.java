package dev.mailblocks.cli;

import dev.mailblocks.pipeline.ShortDuration;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/** Reads {@code 30s}, {@code 10m}, {@code 12h}, {@code 400d}, {@code 2w} (or an ISO-8601 {@code PT10M}). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Optional<Duration> d = ShortDuration.parse(value);
        if (d.isPresent()) {
            return d.get();
        }
        try {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (30s, 10m, 12h, 400d, 2w)");
        }
    }
}

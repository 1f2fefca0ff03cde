package dev.mailblocks.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The short durations every option takes: {@code 30s}, {@code 10m}, {@code 12h}, {@code 400d}, {@code 2w}. */
public final class ShortDuration {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

    private ShortDuration() {
    }

    /** The duration the text names, or empty when it is not a short duration. */
    public static Optional<Duration> parse(String text) {
        Matcher m = SHORT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        });
    }

    /** A duration in words, in its largest whole unit: {@code 400 days}, {@code 12 hours}, {@code 1 minute}. */
    public static String words(Duration d) {
        long s = d.getSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return plural(s / 86_400, "day");
        }
        if (s != 0 && s % 3_600 == 0) {
            return plural(s / 3_600, "hour");
        }
        return s != 0 && s % 60 == 0 ? plural(s / 60, "minute") : plural(s, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}

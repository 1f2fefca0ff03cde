package dev.mailblocks.parse.exim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written reading of Exim timestamps, message ids and wrappers agrees with the regular expressions it replaces. */
class EximScanTest {

    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?: ([+-])(\\d{2})(\\d{2}))?(?= |$)");
    private static final Pattern MESSAGE_ID = Pattern.compile(
            "^([0-9A-Za-z]{6}-(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{2}|[0-9A-Za-z]{11}-[0-9A-Za-z]{4}))(?: |$)");
    private static final Pattern EXIM_WRAPPER =
            Pattern.compile("^ ?(\\S+) (exim[\\w.-]*)(?:\\[\\d+\\])?: ?(.*)$", Pattern.DOTALL);

    private static final String[] PIECES = {"2026-11-22 10:27:01", ".123", ".1234567890", " +0100", " -0530", " +01001",
        " ", "1UlasQ-0003fr-45", "10HmaX-000000005vi-0000", "-", "a", "9", "\n", "\r\n", "\r", ".", "exim", "host", "[12]",
        ":", "\t", "2026-02-30 10:00:00", "x"};

    @Test
    void randomStartsReadTheSame() {
        Random rnd = new Random(5);
        EximPrefix prefix = new EximPrefix(ZoneId.of("Europe/Berlin"), Instant.parse("2027-01-01T00:00:00Z"));
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + rnd.nextInt(5);
            for (int p = 0; p < parts; p++) {
                sb.append(PIECES[rnd.nextInt(PIECES.length)]);
            }
            String s = sb.toString();
            Matcher iso = ISO.matcher(s);
            assertEquals(iso.find() ? iso.end() : -1, prefix.iso(s), () -> "iso: [" + s + "]");
            Matcher id = MESSAGE_ID.matcher(s);
            assertEquals(id.find() ? id.group(1).length() : -1, EximLogParser.messageIdEnd(s), () -> "id: [" + s + "]");
            if (EXIM_WRAPPER.matcher(s).matches()) {
                assertEquals(true, EximPrefix.mayBeWrapper(s), () -> "wrapper: [" + s + "]");
            }
        }
    }
}

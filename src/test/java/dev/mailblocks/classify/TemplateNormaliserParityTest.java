package dev.mailblocks.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The normaliser gives exactly the templates its earlier version gave: on the seed messages and on random text. */
class TemplateNormaliserParityTest {

    @Test
    void seedMessagesGiveTheSameTemplates() throws IOException {
        int n = 0;
        for (String file : new String[] {"seed-messages.tsv", "to-be-debugged.txt"}) {
            Path path = Path.of(System.getProperty("mailblocks.repo", "."), "src/test/resources/classify", file);
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                assertEquals(LegacyTemplateNormaliser.normalise(line), TemplateNormaliser.normalise(line), line);
                n++;
            }
        }
        assertEquals(true, n > 25, "messages read: " + n);
    }

    @Test
    void randomTextGivesTheSameTemplates() {
        Random rnd = new Random(9);
        String[] pieces = {"550", "5.7.1", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u001c", "a", "Z", "_", ":", "::", ".",
            "-", "@", "<", ">", "\"", "user@example.com", "2026-12-30T10:11:12.5+01:00", "9:04:02", "192.0.2.1",
            "2001:db8::1", "ipv6:2001:db8::2", "1234567", "ab12cd34ef56", "S3150", "é", "\uFFFD", "[", "]", "x"};
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = rnd.nextInt(12);
            for (int p = 0; p < parts; p++) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String t = sb.toString();
            assertEquals(LegacyTemplateNormaliser.normalise(t), TemplateNormaliser.normalise(t), () -> "[" + t + "]");
        }
        String huge = "x@y ".repeat(3000);
        assertEquals(LegacyTemplateNormaliser.normalise(huge), TemplateNormaliser.normalise(huge));
    }
}

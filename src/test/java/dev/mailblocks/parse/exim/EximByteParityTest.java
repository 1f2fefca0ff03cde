package dev.mailblocks.parse.exim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.parse.ByteParity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte path of {@link EximLogParser} gives exactly what the text parser gave before it
 * ({@link LegacyEximLogParser}): the same result for every record (the same reasons, the same events
 * field by field, the same state carried between entries), on the test logs, Exim's own test suite logs,
 * a generated log, mutated lines and hostile input.
 */
class EximByteParityTest {

    private static final String[] LINES = {
        "2026-12-26 04:00:00 vNEJdM-ISyIQz-us <= billing@example.com H=app1.example.com [198.51.100.30]:41134"
                + " I=[198.51.100.7]:25 P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=36510"
                + " id=vNEJdM-ISyIQz-us@app1.example.com",
        "2026-12-26 04:00:00 vNEJdM-ISyIQz-us => michael.mary@acme1.co.uk R=dnslookup T=remote_smtp"
                + " H=mx2.acme1.co.uk [203.0.113.181] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 OK - gsmtp\"",
        "2026-12-26 04:00:00 vNEJdM-ISyIQz-us Completed",
        "2026-12-26 04:00:01 vNEJdM-ISyIQz-us ** bob@example.net R=dnslookup T=remote_smtp H=mx.example.net"
                + " [192.0.2.9]: SMTP error from remote mail server after RCPT TO:<bob@example.net>: 550 5.1.1 no such user",
        "2026-12-26 04:00:01 vNEJdM-ISyIQz-us == carol@example.org R=dnslookup T=remote_smtp defer (-44)"
                + " H=mx.example.org [192.0.2.10]: SMTP error from remote mail server after RCPT TO:<carol@example.org>:"
                + " 451 4.7.1 greylisted\\n please retry",
        "2026-12-26 04:00:02 10HmaX-000000005vi-0000 ** dave@example.com: retry timeout exceeded",
        "  continued text of the entry above",
        "2026-12-31 10:30:00 H=mail.spam.example (spam.example) [198.51.100.23]:41234 I=[192.0.2.1]:25"
                + " F=<promo@spam.example> rejected RCPT <info@example.com>: Rejected because listed",
        "2026-12-31 10:30:02 [10099] H=(bulk.example) [198.51.100.24]:3755 F=bulk@spam.example rejected RCPT"
                + " sales@example.com: relay not permitted",
        "Dec 31 10:27:01 mx1 exim4[1234]: 2026-12-31 10:27:01 1UlasQ-0003fr-45 => a@b.example R=r T=appendfile",
        "Dec 31 10:27:01 mx1 dovecot[1]: imap-login: Login",
        "mx1 exim[1234]: 2026-12-31 10:27:01.123 +0100 1UlasQ-0003fr-45 Completed",
        "2026-12-31 10:27:01 Start queue run: pid=1234",
        "2026-02-30 10:27:01 1UlasQ-0003fr-45 Completed",
        "2026-12-31 10:27:01 1UlasQ-0003fr-45 H=x [1.2.3.4] F=<a@b> rejected after DATA: 550 spam",
        "2026-12-31 10:27:01 sender verify fail for <a@b>: no such user",
        "\tindented continuation",
    };

    private static void assertSame(byte[] input) throws IOException {
        ByteParity.assertSame(new LegacyEximLogParser(), new EximLogParser(), input, ZoneId.of("UTC"));
        ByteParity.assertSame(new LegacyEximLogParser(), new EximLogParser(), input, ZoneId.of("Europe/Berlin"));
    }

    @Test
    void theTestLogsParseTheSame() throws IOException {
        List<Path> logs = ByteParity.testLogs(p -> p.toString().contains("exim") || p.toString().contains("mainlog"));
        assertTrue(logs.size() >= 100, "test logs found: " + logs.size());
        for (Path log : logs) {
            assertSame(Files.readAllBytes(log));
        }
    }

    @Test
    void aGeneratedLogParsesTheSame(@TempDir Path dir) throws IOException {
        assertSame(ByteParity.generated("exim", 30_000, dir));
    }

    @Test
    void typicalAndMutatedLinesParseTheSame() throws IOException {
        assertSame((String.join("\n", LINES) + "\n").getBytes(StandardCharsets.UTF_8));
        assertSame(String.join("\r\n", LINES).getBytes(StandardCharsets.UTF_8));
        String[] inserts = {" ", "\t", "\"", "<", ">", "[", "]", ":", "=", "H=", "T=", "C=\"", "==", "**", "=>", "<=",
            "é", "\u0000", "\r", "\\n", "550 ", "5.7.1", "\uFFFD", "retry timeout exceeded", "\n  "};
        assertSame(ByteParity.mutated(LINES, inserts, 20_000, 13, "").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostileInputIsAccountedForTheSame() throws IOException {
        assertSame(ByteParity.hostile("", LINES[3], "2026-12-26 04:00:01 vNEJdM-ISyIQz-us ** "));
    }
}

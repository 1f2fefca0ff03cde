package dev.mailblocks.parse.exim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reading of a delivery line's fields in place in a whole line (by offsets, keeping some fields)
 * gives what the text reader before it gave ({@link LegacyEximDeliveryLine}) for those fields, and the
 * reading of the part after the flag gives all it gave, on real shapes of lines and on random edits of
 * them: quotes, escapes, brackets, separators, ports.
 */
class EximDeliveryLineTest {

    private static final String[] TAILS = {
        "michael.mary@acme1.co.uk R=dnslookup T=remote_smtp H=mx2.acme1.co.uk [203.0.113.181]"
                + " X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 OK aoxb063i - gsmtp\"",
        "billing@example.com H=app1.example.com [198.51.100.30]:41134 I=[198.51.100.7]:25 P=esmtps"
                + " X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=36510 id=vNEJdM-ISyIQz-us@app1.example.com",
        "ljames@prestige5.es R=dnslookup T=remote_smtp H=mx2.prestige5.es [203.0.113.238] : SMTP error from remote"
                + " mail server after RCPT TO:<ljames@prestige5.es>: 550 5.1.1 <ljames@prestige5.es>: Recipient rejected",
        "carol@example.org R=dnslookup T=remote_smtp defer (-44) H=mx.example.org [192.0.2.10]: SMTP error",
        "dave@example.com: retry timeout exceeded",
        "a@b.example <orig@b.example> R=r T=appendfile",
        "|/usr/bin/prog (x@y) <x@y> R=pipe T=address_pipe",
        "<> R=x T=remote_smtp: SMTP error from old exim",
        "x@y H=[2001:db8::1]:25 C=\"250 quoted \\\"escape\\\" here\\\\\" id=<1@2>",
        "x@y K L * DN=\"CN=a b: c\" C=\"250 ok:\" T=t:",
    };
    private static final String[] INSERTS = {" ", "\"", "\\", "<", ">", "(", ")", "[", "]", ":", ": ", "=", "H=", "T=",
        "C=\"", "id=", "defer (", "_", "x", "9"};

    @Test
    void aLineIsReadInPlaceAsTheTextReaderReadsItsTail() {
        Random rnd = new Random(7);
        for (int k = 0; k < 100_000; k++) {
            StringBuilder line = new StringBuilder(TAILS[rnd.nextInt(TAILS.length)]);
            for (int e = rnd.nextInt(4); e > 0; e--) {
                int at = rnd.nextInt(line.length() + 1);
                switch (rnd.nextInt(3)) {
                    case 0 -> line.insert(at, INSERTS[rnd.nextInt(INSERTS.length)]);
                    case 1 -> line.delete(at, Math.min(line.length(), at + 1 + rnd.nextInt(8)));
                    default -> line.setLength(at);
                }
            }
            String tail = line.toString();
            // the tail inside a whole line, as the parser reads it in place
            String whole = "2026-12-26 04:00:00 vNEJdM-ISyIQz-us => " + tail;
            int from = whole.length() - tail.length();
            LegacyEximDeliveryLine want = LegacyEximDeliveryLine.read(tail);
            EximDeliveryLine got = EximDeliveryLine.read(whole, from, whole.length(), "H", "T", "C", "id");
            String what = "[" + tail + "]";
            assertEquals(want.address(), got.address(), what);
            assertEquals(want.parent(), got.parent(), what);
            assertEquals(want.hostName(), got.hostName(), what);
            assertEquals(want.hostIp(), got.hostIp(), what);
            assertEquals(want.errno(), got.errno(), what);
            assertEquals(want.text(), got.text(), what);
            Map<String, String> kept = new HashMap<>(want.fields());
            kept.keySet().retainAll(java.util.Set.of("T", "C", "id"));
            assertEquals(kept, got.fields(), what);
            assertEquals(want, toLegacy(EximDeliveryLine.read(tail)), what);
            // without H, the host is stepped over: the rest is read the same
            EximDeliveryLine noHost = EximDeliveryLine.read(whole, from, whole.length(), "id");
            assertEquals(null, noHost.hostName(), what);
            assertEquals(null, noHost.hostIp(), what);
            assertEquals(want.address(), noHost.address(), what);
            assertEquals(want.text(), noHost.text(), what);
            assertEquals(want.fields().get("id"), noHost.fields().get("id"), what);
        }
    }

    private static LegacyEximDeliveryLine toLegacy(EximDeliveryLine d) {
        return new LegacyEximDeliveryLine(d.address(), d.parent(), d.fields(), d.hostName(), d.hostIp(), d.errno(),
                d.text());
    }
}

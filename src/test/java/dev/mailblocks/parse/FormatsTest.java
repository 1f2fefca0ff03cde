package dev.mailblocks.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private final Formats formats = Formats.builtIn();

    private String detected(String... head) {
        return formats.detect(List.of(head)).map(InputFormat::id).orElse("none");
    }

    @Test
    void exchangeAndEspAreSniffedBeforePostfix() {
        List<String> ids = formats.all().stream().map(InputFormat::id).toList();
        assertTrue(ids.indexOf("exchange") < ids.indexOf("postfix"));
        assertTrue(ids.indexOf("esp") < ids.indexOf("postfix"));
    }

    @Test
    void eachKindOfInputIsDetected() {
        assertEquals("exchange", detected("#Software: Microsoft Exchange Server", "#Version: 15.02.1118.007",
                "#Log-type: Message Tracking Log"));
        assertEquals("esp", detected("status,reason,email,created", "5.1.1,unknown,a@example.com,1763700000"));
        assertEquals("esp", detected("{\"RecordType\":\"Bounce\",\"MessageID\":\"m\",\"Email\":\"a@example.com\"}"));
        assertEquals("postfix", detected("Jan  3 10:00:00 mx postfix/smtp[1]: 1A2B3C4D5E: to=<a@example.net>, "
                + "relay=mx.example.net[203.0.113.5]:25, delay=1, dsn=2.0.0, status=sent (250 ok)"));
        assertEquals("none", detected("name,email,phone", "Ann,a@example.com,555"));
    }

    @Test
    void espProfileIdsSelectTheEspFormatLimitedToThem() {
        assertEquals("ses", formats.byId("ses").orElseThrow().id());
        assertEquals("esp", formats.byId("esp").orElseThrow().id());
        assertTrue(formats.byId("nosuch").isEmpty());
    }

    @Test
    void aSyslogFileMixingProgramsBelongsToTheProgramThatWroteMostOfIt() {
        List<String> head = List.of(
                "Dec 31 10:27:01 mx1 exim[1234]: 2026-12-31 10:27:01 1vQx7A-0004Xa-2B <= a@example.com H=x [192.0.2.2] P=esmtp",
                "Dec 31 10:27:02 mx1 exim[1234]: 2026-12-31 10:27:02 1vQx7A-0004Xa-2B Completed",
                "Jan  1 00:00:09 mx2 postfix/smtpd[900]: connect from unknown[198.51.100.1]");
        assertEquals("exim", Formats.builtIn().detect(head).orElseThrow().id());
    }
}

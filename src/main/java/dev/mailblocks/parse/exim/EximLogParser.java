package dev.mailblocks.parse.exim;

import dev.mailblocks.parse.ByteLineReader;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.LineReader;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.ParseSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Exim main logs, plain or through syslog or journald: delivery results ({@code =>}/{@code ->}
 * delivered, {@code **} bounced or expired, {@code ==} deferred) and refusals of incoming mail
 * ({@code rejected RCPT}, {@code rejected after DATA}, {@code temporarily rejected}...). Arrival
 * lines ({@code <=}) give the sender of later results for the same message id.
 *
 * <p>An entry whose text runs on over continuation lines (indented, as Exim writes multi-line
 * texts) is one record spanning those lines.
 */
public final class EximLogParser implements InputFormat {

    /** The most lines one entry may span; further indented lines stand alone as malformed. */
    static final int MAX_RECORD_LINES = 10_000;

    /** An old ({@code 1UlasQ-0003fr-45}) or 4.97+ ({@code 10HmaX-000000005vi-0000}) message id. */
    private static final Pattern MESSAGE_ID = Pattern.compile(
            "^([0-9A-Za-z]{6}-(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{2}|[0-9A-Za-z]{11}-[0-9A-Za-z]{4}))(?: |$)");
    /** Exim's own phrases, for sniffing plain logs whose first lines carry no message id. */
    private static final Pattern EXIM_PHRASE = Pattern.compile("^(?:[HUF]=|SMTP connection from|SMTP call from"
            + "|Start queue run|End queue run|exim \\S+ daemon started|no MAIL in SMTP connection|SMTP protocol"
            + "|TLS error on connection|no host name found for IP address|no IP address found for host"
            + "|(?:temporarily )?rejected (?:MAIL|RCPT|EHLO|HELO|connection)|ETRN |VRFY failed for |ignoring AUTH="
            + "|spool directory space check failed)"
            + "|authenticator failed for |sender verify fail for ");

    @Override
    public String id() {
        return "exim";
    }

    /**
     * {@link #MESSAGE_ID} read by hand: the length of the message id at the start of an entry
     * (followed by a space or the end), or -1.
     */
    static int messageIdEnd(String s) {
        return messageIdEnd(s, 0);
    }

    /** {@link #messageIdEnd(String)} of the entry that starts at {@code from}: where its message id ends, or -1. */
    static int messageIdEnd(String s, int from) {
        if (!alnum(s, from, 6) || s.length() < from + 7 || s.charAt(from + 6) != '-') {
            return -1;
        }
        if (alnum(s, from + 7, 6) && at(s, from + 13) == '-' && alnum(s, from + 14, 2)
                && EximPrefix.followedBySpaceOrEnd(s, from + 16)) {
            return from + 16;
        }
        if (alnum(s, from + 7, 11) && at(s, from + 18) == '-' && alnum(s, from + 19, 4)
                && EximPrefix.followedBySpaceOrEnd(s, from + 23)) {
            return from + 23;
        }
        return -1;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\uFFFF';
    }

    private static boolean alnum(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean sniff(List<String> head) {
        EximPrefix prefix = new EximPrefix(ZoneOffset.UTC, Instant.now());
        for (String line : head) {
            if (prefix.read(line) instanceof EximPrefix.Entry e
                    && (e.wrapped() || MESSAGE_ID.matcher(e.body()).find() || EXIM_PHRASE.matcher(e.body()).find())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String parse(Reader input, ParseContext context, ParseSink sink) throws IOException {
        LineReader lines = new LineReader(input);
        EximEntries entries = new EximEntries(new EximPrefix(context.zone(), context.yearReference()), context.fileId());
        Record pending = null;
        try {
            String line;
            while ((line = lines.next()) != null) {
                long number = lines.number();
                LineResult screened = lines.screen(line);
                boolean continuation = screened == null && Character.isWhitespace(line.charAt(0));
                if (continuation && pending != null && pending.lineCount < MAX_RECORD_LINES) {
                    pending.add(line);
                    continue;
                }
                flush(pending, entries, sink);
                pending = null;
                if (screened != null) {
                    sink.accept(number, 1, screened, line);
                } else if (continuation) {
                    sink.accept(number, 1, LineResult.malformed("continuation line without an entry before it"),
                            line);
                } else {
                    pending = new Record(number, line);
                }
            }
        } catch (IOException e) {
            // the entry read so far is still accounted for before the stream's failure is reported
            flush(pending, entries, sink);
            throw e;
        }
        flush(pending, entries, sink);
        return id();
    }

    /**
     * The byte path: lines are read as bytes and a line of printable ASCII (most of a log) becomes its
     * text by a plain copy, without a UTF-8 decoder; what each record is, is then read as
     * {@link #parse(Reader, ParseContext, ParseSink)} reads it.
     */
    @Override
    public String parse(InputStream input, ParseContext context, ParseSink sink) throws IOException {
        ByteLineReader lines = new ByteLineReader(input);
        EximEntries entries = new EximEntries(new EximPrefix(context.zone(), context.yearReference()), context.fileId());
        Record pending = null;
        try {
            while (lines.next()) {
                long number = lines.number();
                if (lines.plain() && lines.end() > lines.start() && !mayContinue(lines.bytes()[lines.start()])
                        && !mayContinue(lines.peek())) {
                    // a whole entry on one line of printable ASCII (its text a plain copy of its bytes): the
                    // common entries are read in place
                    flush(pending, entries, sink);
                    pending = null;
                    LineResult quick = entries.quick(lines.text(), number);
                    if (quick != null) {
                        sink.accept(number, 1, quick, quick instanceof LineResult.Ignored ? null : lines.text());
                        continue;
                    }
                }
                LineResult screened = lines.screen();
                boolean continuation = screened == null && Character.isWhitespace(lines.plain()
                        ? (char) lines.bytes()[lines.start()] : lines.text().charAt(0));
                if (continuation && pending != null && pending.lineCount < MAX_RECORD_LINES) {
                    pending.add(lines.text());
                    continue;
                }
                flush(pending, entries, sink);
                pending = null;
                if (screened != null) {
                    sink.accept(number, 1, screened, lines.text());
                } else if (continuation) {
                    sink.accept(number, 1, LineResult.malformed("continuation line without an entry before it"),
                            lines.text());
                } else {
                    pending = new Record(number, lines.text());
                }
            }
        } catch (IOException e) {
            flush(pending, entries, sink);
            throw e;
        }
        flush(pending, entries, sink);
        return id();
    }

    /**
     * Whether a line starting with this byte (-1: a line not read yet) may be blank or continue the
     * entry before it: a space, a tab, any control character, or a character past ASCII (some are spaces).
     */
    private static boolean mayContinue(int firstByte) {
        return firstByte < 0x21 || firstByte > 0x7e;
    }

    private static void flush(Record record, EximEntries entries, ParseSink sink) {
        if (record != null) {
            sink.accept(record.firstLine, record.lineCount, entries.parse(record.text(), record.firstLine),
                    record.first);
        }
    }

    /** One entry and its continuation lines, joined by spaces; the text kept is bounded. */
    private static final class Record {
        final long firstLine;
        final String first;
        /** The text with its continuations, made at the first one (most entries have none). */
        StringBuilder text;
        int lineCount = 1;

        Record(long firstLine, String first) {
            this.firstLine = firstLine;
            this.first = first;
        }

        void add(String continuation) {
            lineCount++;
            if (text == null) {
                text = new StringBuilder(first);
            }
            if (text.length() + continuation.length() < LineReader.MAX_LINE) {
                text.append(' ').append(continuation.strip());
            }
        }

        String text() {
            return text == null ? first : text.toString();
        }
    }

}

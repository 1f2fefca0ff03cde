package dev.mailblocks.parse.esp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mailblocks.parse.ByteLineReader;
import dev.mailblocks.parse.CsvRecordReader;
import dev.mailblocks.parse.CsvRows;
import dev.mailblocks.parse.InputFormat;
import dev.mailblocks.parse.InputFormatException;
import dev.mailblocks.parse.LineReader;
import dev.mailblocks.parse.LineResult;
import dev.mailblocks.parse.ParseContext;
import dev.mailblocks.parse.ParseSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * ESP exports, driven by {@link EspProfile profiles} (YAML data): CSV exports with a header row
 * (SendGrid, Mandrill, Mailgun and SparkPost suppression and activity exports) and JSON lines
 * (Amazon SES notifications, Postmark bounce records). The profile that recognises the header
 * row, or the first JSON object, reads the whole file; its id is recorded as the input's format
 * and in the events.
 *
 * <p>A CSV header that matches no profile, or JSON objects of no profile, stop the input with
 * an error naming the file and the profiles tried: guessing at columns would misread every row.
 */
public final class EspExportParser implements InputFormat {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final List<EspProfile> profiles;
    private final String id;

    /** The parser trying every profile, with the format id {@code esp}. */
    public EspExportParser(EspProfiles profiles) {
        this(profiles.all(), "esp");
    }

    private EspExportParser(List<EspProfile> profiles, String id) {
        this.profiles = List.copyOf(profiles);
        this.id = id;
    }

    /** The same parser limited to the profiles of one format id ({@code sendgrid}), for {@code --input-format}. */
    public static EspExportParser forId(EspProfiles profiles, String id) {
        List<EspProfile> some = profiles.withId(id);
        return some.isEmpty() ? null : new EspExportParser(some, id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean sniff(List<String> head) {
        if (head.isEmpty()) {
            return false;
        }
        String first = LineReader.withoutBom(head.get(0)).strip();
        if (first.startsWith("{")) {
            JsonNode n = json(first);
            return n != null && n.isObject() && profiles.stream().anyMatch(p -> subject(p, n) != null);
        }
        Set<String> header = headerSet(first);
        return header != null && profiles.stream().anyMatch(p -> p.matchesHeader(header));
    }

    @Override
    public String parse(Reader input, ParseContext context, ParseSink sink) throws IOException {
        return parse(CsvRecordReader.Lines.of(new LineReader(input)), context, sink);
    }

    /**
     * The byte path: lines are read as bytes, and a line of printable ASCII (most of an export) becomes
     * its text by a plain copy, without a UTF-8 decoder; records are then read as from text.
     */
    @Override
    public String parse(InputStream input, ParseContext context, ParseSink sink) throws IOException {
        return parse(CsvRecordReader.Lines.of(new ByteLineReader(input)), context, sink);
    }

    private String parse(CsvRecordReader.Lines lines, ParseContext context, ParseSink sink) throws IOException {
        String line;
        while ((line = lines.next()) != null) {
            if (!lines.truncated() && line.isBlank()) {
                sink.accept(lines.number(), 1, LineResult.ignored("blank line"), line);
                continue;
            }
            if (line.strip().startsWith("{")) {
                return jsonLines(line, lines, context, sink);
            }
            CsvRecordReader records = new CsvRecordReader(lines);
            records.unread(line);
            return csv(records, context, sink);
        }
        return id;
    }

    private String csv(CsvRecordReader records, ParseContext ctx, ParseSink sink) throws IOException {
        CsvRecordReader.Record head = records.next();
        if (head.problem() != null) {
            throw new InputFormatException(ctx.fileName() + ": cannot read the header row: " + head.problem());
        }
        List<String> names;
        try {
            names = CsvRows.cells(head.text()).stream().map(String::strip).toList();
        } catch (CsvRows.BadRow e) {
            throw new InputFormatException(ctx.fileName() + ": cannot read the header row: " + e.getMessage());
        }
        Set<String> header = lowerSet(names);
        EspProfile profile = profiles.stream().filter(p -> p.matchesHeader(header)).findFirst()
                .orElseThrow(() -> noProfile(ctx, "the header row (" + String.join(",", names) + ") matches"));
        sink.accept(head.firstLine(), head.lineCount(), LineResult.ignored("header row"), head.text());
        CSVFormat format = CsvRows.format(names);
        Map<String, Integer> columns = EspCellsRecord.columns(names);
        EspLineRecord lineRecord = columns == null ? null
                : new EspLineRecord(new EspLineRecord.Columns(columns, names.size()));
        CsvRecordReader.Record rec;
        while ((rec = records.next()) != null) {
            LineResult result;
            if (rec.problem() != null) {
                result = LineResult.malformed(rec.problem());
            } else if (rec.text().isBlank()) {
                result = LineResult.ignored("blank line");
            } else if (!rec.plain() && LineReader.looksBinary(rec.text())) { // a plain line has no control character
                result = LineResult.malformed("binary data");
            } else {
                result = csvRow(profile, format, columns, lineRecord, names.size(), rec, ctx);
            }
            sink.accept(rec.firstLine(), rec.lineCount(), result, rec.text());
        }
        return profile.id();
    }

    private static LineResult csvRow(EspProfile profile, CSVFormat format, Map<String, Integer> byName,
            EspLineRecord lineRecord, int columns, CsvRecordReader.Record rec, ParseContext ctx) {
        if (lineRecord != null && lineRecord.read(rec.text())) {
            // one line, each cell unquoted or quoted whole: values cut out only where the profile reads
            return EspEvents.of(profile, lineRecord, ctx, rec.firstLine());
        }
        // any other row (quotes inside a cell, a line break, another number of cells, or a header whose
        // names differ in case only) is Commons CSV's to read
        CSVRecord row;
        try {
            row = CsvRows.one(rec.text(), format);
        } catch (CsvRows.BadRow e) {
            return LineResult.malformed(e.getMessage());
        }
        if (row.size() != columns) {
            return LineResult.malformed(row.size() + " cells where the header has " + columns);
        }
        return EspEvents.of(profile, new EspCsvRecord(row), ctx, rec.firstLine());
    }

    private String jsonLines(String firstLine, CsvRecordReader.Lines lines, ParseContext ctx, ParseSink sink) throws IOException {
        EspProfile profile = null;
        EspJsonLine scan = null; // the chosen profile's reader of the fields it uses, once there is one
        boolean sawObject = false;
        String line = firstLine;
        do {
            LineResult result = null;
            if (lines.truncated()) {
                result = LineResult.malformed("line longer than " + LineReader.MAX_LINE + " characters");
            } else if (line.isBlank()) {
                result = LineResult.ignored("blank line");
            } else if (scan != null && scan.read(line, lines.plain())) {
                // what Jackson's tree would give, read without it; a record wrapped in an envelope is Jackson's
                if (scan.recognisedBy(profile)) {
                    result = EspEvents.of(profile, scan, ctx, lines.number());
                } else if (profile.unwrap() == null) {
                    result = LineResult.ignored("not a record of " + profile.name());
                }
            }
            if (result == null) {
                JsonNode n = json(line);
                if (n == null) {
                    result = LineResult.malformed("not JSON");
                } else if (!n.isObject()) {
                    result = LineResult.malformed("not a JSON object");
                } else {
                    sawObject = true;
                    if (profile == null) {
                        profile = profiles.stream().filter(p -> subject(p, n) != null).findFirst().orElse(null);
                        scan = profile == null ? null : EspJsonLine.of(profile);
                    }
                    JsonNode record = profile == null ? null : subject(profile, n);
                    result = record == null
                            ? LineResult.ignored("not a record of " + (profile == null ? "a known ESP" : profile.name()))
                            : EspEvents.of(profile, new EspJsonRecord(record), ctx, lines.number());
                }
            }
            sink.accept(lines.number(), 1, result, line);
        } while ((line = lines.next()) != null);
        if (profile == null && sawObject) {
            throw noProfile(ctx, "its JSON objects match");
        }
        return profile == null ? id : profile.id();
    }

    /** The object to read for a profile: the object itself, or the record its envelope wraps. */
    private static JsonNode subject(EspProfile p, JsonNode n) {
        if (p.recognises(n)) {
            return n;
        }
        if (p.unwrap() != null && p.kind() == EspProfile.Kind.JSON_LINES) {
            JsonNode wrapped = n.get(p.unwrap());
            if (wrapped != null && wrapped.isTextual()) {
                JsonNode inner = json(wrapped.asText());
                if (p.recognises(inner)) {
                    return inner;
                }
            }
        }
        return null;
    }

    private InputFormatException noProfile(ParseContext ctx, String what) {
        return new InputFormatException(ctx.fileName() + ": " + what + " no ESP export profile (tried "
                + String.join(", ", profiles.stream().map(EspProfile::name).toList())
                + "); describe the export in a profile file and pass it with --esp-profile");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A header line's column names, lower-cased, empty ones left out; null when not CSV. */
    private static Set<String> headerSet(String line) {
        if (CsvRecordReader.endsQuoted(line, false)) {
            return null;
        }
        try {
            return lowerSet(CsvRows.cells(line));
        } catch (CsvRows.BadRow e) {
            return null;
        }
    }

    private static Set<String> lowerSet(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            String s = n.strip().toLowerCase(Locale.ROOT);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}

package dev.mailblocks.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.mailblocks.store.ReportQueries;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes {@code report.json}: the window, the headline figures and every report table, each
 * rendered from its {@link TableSpec} like the CSV files; the events are streamed last.
 */
public final class JsonReportWriter {

    private final ReportQueries queries;
    private final ReportTables tables;
    private final Redactor redactor;
    private final Instant generated;

    public JsonReportWriter(ReportQueries queries, ReportTables tables, Redactor redactor, Instant generated) {
        this.queries = queries;
        this.tables = tables;
        this.redactor = redactor;
        this.generated = generated;
    }

    /** Writes the file. */
    public void write(Path file) {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        ReportFiles.write(file, w -> {
            JsonGenerator g = new JsonFactory().createGenerator(w);
            g.setPrettyPrinter(pretty);
            ReportTables t = tables;
            g.writeStartObject();
            g.writeStringField("generated", CsvCells.time(generated));
            window(g, "window", t.filter());
            if (t.previous() != null) {
                window(g, "previous_window", t.previous());
            }
            headline(g, "headline", t.headline());
            if (t.headlineBefore() != null) {
                headline(g, "previous_headline", t.headlineBefore());
            }
            table(g, Tables.BLOCKING_DOMAINS, t.blockingDomains());
            table(g, Tables.CHANGES, t.changes());
            table(g, Tables.PROVIDERS, t.providers());
            table(g, Tables.SENDING_IPS, t.sendingIps());
            table(g, Tables.SENDER_DOMAINS, t.senderDomains());
            table(g, Tables.ERROR_PATTERNS, t.errorPatterns());
            table(g, Tables.GROUPS, t.groups());
            table(g, Tables.INCOMING, t.incoming());
            table(g, Tables.UNCLASSIFIED, t.unclassified());
            table(g, Tables.INPUTS, t.inputs());
            stream(g, Tables.EVENTS, sink -> queries.events(t.filter(), sink));
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
        });
    }

    private static void window(JsonGenerator g, String name, dev.mailblocks.store.ReportFilter f) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("since", f.since() == null ? null : CsvCells.time(f.since()));
        g.writeStringField("until", f.until() == null ? null : CsvCells.time(f.until()));
        g.writeEndObject();
    }

    private static void headline(JsonGenerator g, String name, dev.mailblocks.store.ReportRows.Headline h)
            throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("recipients", h.recipients());
        g.writeNumberField("delivered", h.delivered());
        g.writeNumberField("blocked", h.blocked());
        g.writeFieldName("block_rate");
        g.writeNumber(new java.math.BigDecimal(CsvCells.rate(h.blockRate())));
        g.writeNumberField("blocking_domains", h.blockingDomains());
        g.writeNumberField("refusals", h.refusals());
        g.writeNumberField("delivered_after_retries", h.deferredThenDelivered());
        g.writeNumberField("incoming_refused", h.incomingRefused());
        g.writeEndObject();
    }

    private <R> void table(JsonGenerator g, TableSpec<R> spec, List<R> rows) throws IOException {
        stream(g, spec, rows::forEach);
    }

    private <R> void stream(JsonGenerator g, TableSpec<R> spec, Consumer<Consumer<R>> source) throws IOException {
        g.writeArrayFieldStart(spec.id().replace('-', '_'));
        source.accept(row -> {
            try {
                g.writeStartObject();
                for (Column<R> c : spec.columns()) {
                    g.writeFieldName(c.name());
                    Cells.json(g, c.kind(), c.value().apply(row), redactor);
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        g.writeEndArray();
    }
}

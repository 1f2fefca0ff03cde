package dev.mailblocks.spark;

import dev.mailblocks.model.Classification;
import dev.mailblocks.model.DeliveryEvent;
import java.time.LocalDateTime;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows the tasks make and the Parquet tables the job writes. The tasks make one kind of wide
 * row ({@link #RAW}: an event, a malformed line or an input's accounting, told apart by
 * {@code kind}); the job turns them into the store's tables (schema 3, {@code store.EventStore}),
 * each partitioned by {@code day} and {@code input_id}.
 */
final class Tables {

    static final String EVENT = "event";
    static final String MALFORMED = "malformed";
    static final String INPUT = "input";

    private static final DataType S = DataTypes.StringType;
    private static final DataType L = DataTypes.LongType;
    private static final DataType I = DataTypes.IntegerType;
    private static final DataType T = DataTypes.TimestampNTZType;

    /** The columns of the store's {@code events} table, in its order. */
    static final String[] EVENT_COLUMNS = {"input_id", "line", "seq", "time", "direction", "source_format",
        "reporting_host", "queue_id", "message_id", "sender", "recipient", "recipient_domain", "outcome", "reply_code",
        "enhanced_status", "remote_host", "remote_ip", "phase", "message", "category", "grp", "pattern_id", "provider",
        "template", "row_key"};

    static final StructType RAW = new StructType(new StructField[] {
        f("kind", S), f("input_id", L), f("input_order", I),
        // events (and line for malformed lines)
        f("line", L), f("seq", I), f("time", T), f("hour", T), f("direction", S), f("source_format", S),
        f("reporting_host", S), f("queue_id", S), f("message_id", S), f("sender", S), f("recipient", S),
        f("recipient_domain", S), f("outcome", S), f("reply_code", I), f("enhanced_status", S), f("remote_host", S),
        f("remote_ip", S), f("phase", S), f("message", S), f("category", S), f("grp", S), f("pattern_id", S),
        f("provider", S), f("template", S), f("row_key", S), f("sender_domain", S), f("sending_ip", S),
        // malformed lines
        f("reason", S), f("text", S),
        // an input's accounting
        f("name", S), f("format", S), f("bytes", L), f("total_lines", L), f("lines", L), f("event_lines", L),
        f("events", L), f("ignored", L), f("malformed", L), f("error", S), f("failed", DataTypes.BooleanType),
        f("file_size", L), f("file_modified", L), f("day", S),
    });

    private static final int WIDTH = RAW.fields().length;

    private Tables() {
    }

    private static StructField f(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    static Row eventRow(long inputId, int order, DeliveryEvent e, int seq, LocalDateTime time, LocalDateTime hour,
            Classification c, String provider, String rowKey, String senderDomain, String sendingIp) {
        Object[] v = new Object[WIDTH];
        int i = 0;
        v[i++] = EVENT;
        v[i++] = inputId;
        v[i++] = order;
        v[i++] = e.line();
        v[i++] = seq;
        v[i++] = time;
        v[i++] = hour;
        v[i++] = e.direction().id();
        v[i++] = e.sourceFormat();
        v[i++] = e.reportingHost();
        v[i++] = e.queueId();
        v[i++] = e.messageId();
        v[i++] = e.sender();
        v[i++] = e.recipient();
        v[i++] = e.recipientDomain();
        v[i++] = e.outcome().id();
        v[i++] = e.replyCode();
        v[i++] = e.enhancedStatus();
        v[i++] = e.remoteHost();
        v[i++] = e.remoteIp();
        v[i++] = e.phase() == null ? null : e.phase().id();
        v[i++] = e.diagnostic();
        v[i++] = c == null ? null : c.category().id();
        v[i++] = c == null ? null : c.group().id();
        v[i++] = c == null ? null : c.patternId();
        v[i++] = provider;
        v[i++] = c == null ? null : c.template();
        v[i++] = rowKey;
        v[i++] = senderDomain;
        v[i++] = sendingIp;
        return RowFactory.create(v);
    }

    static Row malformedRow(long inputId, int order, long line, String reason, String text) {
        Object[] v = new Object[WIDTH];
        v[0] = MALFORMED;
        v[1] = inputId;
        v[2] = order;
        v[3] = line;
        v[RAW.fieldIndex("reason")] = reason;
        v[RAW.fieldIndex("text")] = text;
        return RowFactory.create(v);
    }

    static Row inputRow(InputSpec spec, long inputId, String format, long bytes, long totalLines, long lines,
            long eventLines, long events, long ignored, long malformed, String error, boolean failed, String day) {
        Object[] v = new Object[WIDTH];
        v[0] = INPUT;
        v[1] = inputId;
        v[2] = spec.order();
        int i = RAW.fieldIndex("name");
        v[i++] = spec.name();
        v[i++] = format;
        v[i++] = bytes;
        v[i++] = totalLines;
        v[i++] = lines;
        v[i++] = eventLines;
        v[i++] = events;
        v[i++] = ignored;
        v[i++] = malformed;
        v[i++] = error;
        v[i++] = failed;
        v[i++] = spec.size();
        v[i++] = spec.modifiedMillis();
        v[i++] = day;
        return RowFactory.create(v);
    }
}

package dev.mailblocks.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mailblocks.classify.CatalogueException;
import dev.mailblocks.classify.CatalogueLoader;
import dev.mailblocks.classify.CatalogueReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The nightly job's ingest on Apache Spark: lists the inputs on the driver, reads each file in a
 * task of its own (parse and classify with the library the local run uses), and writes the
 * store's tables as Parquet under {@code --parquet DIR}, partitioned by day and input, for
 * {@code mailblocks report --parquet DIR}. See README "Running on Apache Spark".
 */
public final class MailblocksSparkJob {

    /** The tables written, each a folder under the output. */
    static final List<String> TABLES = List.of("events", "delivered_counts", "inputs", "malformed", "row_keys");

    /** What the job did: the inputs read and those that failed or were cut. */
    public record Result(int inputs, long lines, long events, long malformed, List<String> errors) {
    }

    /** The options, as {@code run} names them. */
    record Options(String out, String master, String zone, Integer year, String patterns, List<String> paths) {

        static Options parse(String[] args) {
            String out = null;
            String master = null;
            String zone = ZoneId.systemDefault().getId();
            Integer year = null;
            String patterns = null;
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = a.contains("=") && a.startsWith("--") ? a.substring(a.indexOf('=') + 1) : null;
                String name = v == null ? a : a.substring(0, a.indexOf('='));
                switch (name) {
                    case "--parquet" -> out = v != null ? v : value(args, ++i, name);
                    case "--master" -> master = v != null ? v : value(args, ++i, name);
                    case "--timezone" -> zone = v != null ? v : value(args, ++i, name);
                    case "--patterns" -> patterns = v != null ? v : value(args, ++i, name);
                    case "--year" -> {
                        String y = v != null ? v : value(args, ++i, name);
                        try {
                            year = Integer.valueOf(y);
                        } catch (NumberFormatException e) {
                            throw new Usage("--year " + y + ": not a year");
                        }
                        if (year < 1970 || year > 9999) {
                            throw new Usage("--year " + y + ": not a year between 1970 and 9999");
                        }
                    }
                    case "-h", "--help" -> throw new Usage(null);
                    default -> {
                        if (a.startsWith("--")) {
                            throw new Usage(a + ": unknown option");
                        }
                        paths.add(a);
                    }
                }
            }
            if (out == null) {
                throw new Usage("--parquet DIR is required (where the tables are written)");
            }
            if (paths.isEmpty()) {
                throw new Usage("no input: name files or folders (local, hdfs://, s3a://...)");
            }
            try {
                ZoneId.of(zone);
            } catch (java.time.DateTimeException e) {
                throw new Usage("--timezone " + zone + ": not a time zone (UTC, Europe/Berlin...)");
            }
            return new Options(out, master, zone, year, patterns, paths);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new Usage(option + ": needs a value");
            }
            return args[i];
        }
    }

    /** Bad usage: exit 2, one line. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    static final String USAGE = "usage: MailblocksSparkJob --parquet DIR [--master URL] [--timezone ZONE] [--year YEAR]"
            + " [--patterns DIR] PATH...";

    private MailblocksSparkJob() {
    }

    public static void main(String[] args) {
        int code;
        try {
            Options o = Options.parse(args);
            SparkSession.Builder b = SparkSession.builder().appName("mailblocks");
            if (o.master() != null) {
                b = b.master(o.master());
            } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
                b = b.master("local[*]");
            }
            SparkSession spark = b.getOrCreate();
            try {
                Result r = run(spark, o, System.err);
                System.out.println("mailblocks-spark: " + r.inputs() + " inputs, " + r.lines() + " lines, "
                        + r.events() + " events, " + r.malformed() + " malformed lines -> " + o.out());
                code = r.errors().isEmpty() ? 0 : 2;
            } finally {
                spark.stop();
            }
        } catch (Usage e) {
            System.err.println(e.getMessage() == null ? USAGE : "mailblocks-spark: " + e.getMessage() + "\n" + USAGE);
            code = e.getMessage() == null ? 0 : 2;
        } catch (CatalogueException e) {
            System.err.println("mailblocks-spark: " + e.getMessage());
            code = 3;
        } catch (Failure e) {
            System.err.println("mailblocks-spark: " + e.getMessage());
            code = 1;
        } catch (RuntimeException e) {
            // the job as a whole failed (Spark could not start, the output cannot be written...): one line
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            System.err.println("mailblocks-spark: the job failed: " + m);
            if (Boolean.getBoolean("mailblocks.debug")) {
                e.printStackTrace();
            }
            code = 1;
        }
        System.exit(code);
    }

    /** A failure of the whole job (the output cannot be written...): exit 1, one line. */
    static final class Failure extends RuntimeException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Runs the job in a session; says each input's error on {@code err} in one line. */
    public static Result run(SparkSession spark, Options o, PrintStream err) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Map<String, String> bundled = CatalogueLoader.bundledFiles();
        Map<String, String> site = o.patterns() == null ? Map.of() : siteCatalogue(o.patterns(), hadoop);
        new CatalogueReader().read(bundled, site); // an invalid catalogue stops here, before anything is read
        List<String> errors = new ArrayList<>();
        List<InputSpec> specs = list(o.paths(), hadoop, errors);
        errors.forEach(e -> err.println("mailblocks-spark: " + e));
        if (specs.isEmpty()) {
            throw new Usage("no input file found in " + String.join(" ", o.paths()));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Map<String, String>> bundledB = jsc.broadcast(new TreeMap<>(bundled));
        Broadcast<Map<String, String>> siteB = jsc.broadcast(new TreeMap<>(site));
        Broadcast<SerializableConfiguration> confB = jsc.broadcast(new SerializableConfiguration(hadoop));
        String zone = o.zone();
        Integer year = o.year();
        // one file, one partition, one task: a file is the unit of parsing (syslog years, queue ids)
        JavaRDD<Row> raw = jsc.parallelize(specs, specs.size()).mapPartitions(it -> {
            List<Iterator<Row>> parts = new ArrayList<>();
            while (it.hasNext()) {
                InputSpec spec = it.next();
                parts.add(lazy(() -> {
                    Path p = new Path(spec.path());
                    Configuration conf = confB.value().value();
                    return FileTask.rows(spec, () -> p.getFileSystem(conf).open(p),
                            new FileTask.Classifiers(bundledB.value(), siteB.value()), ZoneId.of(zone), year);
                }));
            }
            return concat(parts);
        });
        Dataset<Row> rows = spark.createDataFrame(raw, Tables.RAW).persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            return write(spark, rows, o.out(), specs, errors, err);
        } finally {
            rows.unpersist();
        }
    }

    private static Result write(SparkSession spark, Dataset<Row> rows, String out, List<InputSpec> specs,
            List<String> errors, PrintStream err) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        long started = startedAt(out, hadoop);
        // First the inputs' accounting rows, one small row per input: this reads every file once,
        // in one stage, and fills the cache of parsed rows that every table below is made from.
        List<Row> read = rows.filter(col("kind").equalTo(Tables.INPUT))
                .select("input_id", "input_order", "name", "day", "failed", "total_lines").collectAsList();
        List<Row> kept = once(read, err);
        Set<Long> ids = new HashSet<>();
        read.forEach(r -> ids.add(r.getLong(0)));
        Dataset<Row> keep = broadcast(spark.createDataFrame(kept, KEPT));
        Dataset<Row> inputs = rows.filter(col("kind").equalTo(Tables.INPUT)).join(keep.select("input_id", "input_order"),
                new String[] {"input_id", "input_order"});
        Dataset<Row> alive = keep.filter("NOT failed").select("input_id", "input_order", "day");
        // a failed input keeps nothing, as a local run rolls its transaction back
        Dataset<Row> events = rows.filter(col("kind").equalTo(Tables.EVENT)).drop("day")
                .join(alive, new String[] {"input_id", "input_order"});

        // an export row read twice (overlapping exports) counts once: for the first input, its first line
        Dataset<Row> keyed = events.filter(col("row_key").isNotNull()).withColumn("rn",
                row_number().over(Window.partitionBy("row_key").orderBy("input_order", "line", "seq")));
        Dataset<Row> lineDrops = keyed.groupBy("input_id", "line").agg(
                sum(when(col("rn").equalTo(1), 1).otherwise(0)).as("kept"),
                sum(when(col("rn").gt(1), 1).otherwise(0)).as("dropped"));
        Dataset<Row> drops = lineDrops.groupBy("input_id").agg(sum("dropped").as("dropped_events"),
                sum(when(col("kept").equalTo(0).and(col("dropped").gt(0)), 1).otherwise(0)).as("dropped_lines"));
        events = events.filter(col("row_key").isNull())
                .unionByName(keyed.filter(col("rn").equalTo(1)).drop("rn"));

        // the fold (store.DeliveredCounts): a delivered result stays a row when another result of its
        // (message, recipient) is stored, or its recipient has a final failure stored
        events = events
                .withColumn("row_ref", expr("concat('row:', input_id, ':', line, ':', seq)"))
                .withColumn("rk", expr("concat(coalesce(nullif(queue_id, ''), nullif(message_id, ''), row_ref), '|',"
                        + " coalesce(lower(recipient), row_ref))"))
                .withColumn("rcpt", expr("lower(nullif(recipient, ''))"));
        Dataset<Row> shared = events.groupBy("rk").count().filter(col("count").gt(1)).select(col("rk"),
                lit(true).as("shared"));
        Dataset<Row> failedRcpt = events.filter(expr("direction = 'outbound' AND outcome IN ('bounced', 'rejected',"
                + " 'expired') AND rcpt IS NOT NULL")).select("rcpt").distinct().withColumn("rcpt_failed", lit(true));
        Dataset<Row> flagged = events.join(shared, new String[] {"rk"}, "left")
                .join(failedRcpt, new String[] {"rcpt"}, "left")
                .withColumn("fold", expr("outcome = 'delivered' AND shared IS NULL"
                        + " AND NOT (direction = 'outbound' AND rcpt_failed IS NOT NULL)"))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            Column[] eventCols = Arrays.stream(Tables.EVENT_COLUMNS).map(c -> col(c)).toArray(Column[]::new);
            Column[] withDay = Arrays.copyOf(eventCols, eventCols.length + 1);
            withDay[eventCols.length] = col("day");
            save(flagged.filter("NOT fold").select(withDay), out, "events");
            save(flagged.filter("fold").groupBy("day", "input_id", "hour", "direction", "source_format",
                    "recipient_domain", "remote_host", "provider", "sender_domain", "sending_ip")
                    .agg(min("time").as("first_time"), max("time").as("last_time"), count(lit(1)).as("results"))
                    .select(col("hour"), col("first_time"), col("last_time"), col("direction"), col("source_format"),
                            col("recipient_domain"), col("remote_host"), col("provider"), col("sender_domain"),
                            col("sending_ip"), col("results"), col("day"), col("input_id")), out, "delivered_counts");
            save(flagged.filter("fold AND row_key IS NOT NULL").select("row_key", "time", "day", "input_id"), out,
                    "row_keys");
            save(rows.filter(col("kind").equalTo(Tables.MALFORMED)).drop("day")
                    .join(alive, new String[] {"input_id", "input_order"})
                    .select("input_id", "line", "reason", "text", "day"), out, "malformed");
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
            Dataset<Row> accounting = inputs.join(drops, "input_id", "left").select(
                    col("input_id").as("id"), col("name"), col("format"), lit(null).cast("int").as("head_length"),
                    lit(null).cast("string").as("head_hash"), col("bytes"), lit(null).cast("string").as("content_hash"),
                    col("total_lines"), lit(0L).as("skipped_lines"),
                    nullIfFailed(col("lines")).as("lines"),
                    nullIfFailed(col("event_lines").minus(expr("coalesce(dropped_lines, 0)"))).as("event_lines"),
                    nullIfFailed(col("events").minus(expr("coalesce(dropped_events, 0)"))).as("events"),
                    nullIfFailed(col("ignored").plus(expr("coalesce(dropped_lines, 0)"))).as("ignored"),
                    nullIfFailed(col("malformed")).as("malformed"), col("error"),
                    lit(now).as("ingested_at"), col("file_size"), col("file_modified"),
                    lit(null).cast("string").as("file_key"), col("failed"), col("day"), col("input_id"));
            save(accounting, out, "inputs");
            // last, what earlier jobs wrote for these inputs and this job did not rewrite (another day,
            // rows that now fold differently, an input that now fails): only now, so that a job that
            // dies on the way leaves the earlier output whole for the next run to replace
            dropStale(out, ids, started, hadoop);

            // what the job did: one small row per input (its accounting), never its lines or events
            long lines = 0;
            long evs = 0;
            long mal = 0;
            List<Row> summary = accounting.select("name", "lines", "events", "malformed", "error")
                    .orderBy("name").collectAsList();
            for (Row r : summary) {
                lines += r.isNullAt(1) ? 0 : r.getLong(1);
                evs += r.isNullAt(2) ? 0 : r.getLong(2);
                mal += r.isNullAt(3) ? 0 : r.getLong(3);
                if (!r.isNullAt(4)) {
                    errors.add(r.getString(4));
                    err.println("mailblocks-spark: " + r.getString(4));
                }
            }
            return new Result(summary.size(), lines, evs, mal, errors);
        } finally {
            flagged.unpersist();
        }
    }

    private static Column nullIfFailed(Column c) {
        return when(col("failed"), lit(null).cast("long")).otherwise(c.cast("long"));
    }

    /** {@code -Dmailblocks.spark.timings=true} prints how long each table took to write (the benchmark's breakdown). */
    private static final boolean TIMINGS = Boolean.getBoolean("mailblocks.spark.timings");

    /** Writes one table, one file per input: only the partitions of this run's inputs are replaced. */
    private static void save(Dataset<Row> table, String out, String name) {
        long start = System.nanoTime();
        saveNow(table, out, name);
        if (TIMINGS) {
            System.err.printf("mailblocks-spark: %s written in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
        }
    }

    private static void saveNow(Dataset<Row> table, String out, String name) {
        table.repartition(col("day"), col("input_id"))
                .write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
                .partitionBy("day", "input_id").parquet(out + "/" + name);
    }

    /** The inputs kept, one per id: see {@link #once}. */
    static final org.apache.spark.sql.types.StructType KEPT = new org.apache.spark.sql.types.StructType()
            .add("input_id", "long").add("input_order", "int").add("day", "string").add("failed", "boolean");

    /**
     * One input per id: files of the same content (the same file under two names, a rotated or
     * compressed copy beside the original) are read once, from the most complete (most lines; the
     * first named when equal). Says each one left out on {@code err}. Rows: {@link #KEPT}.
     */
    static List<Row> once(List<Row> read, PrintStream err) {
        Map<Long, Row> best = new TreeMap<>();
        for (Row r : read) {
            best.merge(r.getLong(0), r, (a, b) -> better(b, a) ? b : a);
        }
        List<Row> kept = new ArrayList<>();
        for (Row r : best.values()) {
            kept.add(org.apache.spark.sql.RowFactory.create(r.getLong(0), r.getInt(1), r.getString(3), r.getBoolean(4)));
        }
        read.stream().filter(r -> best.get(r.getLong(0)) != r).sorted((a, b) -> Integer.compare(a.getInt(1), b.getInt(1)))
                .forEach(r -> err.println("mailblocks-spark: " + r.getString(2) + ": the same content as "
                        + best.get(r.getLong(0)).getString(2)
                        + " (the same first 64 KiB, or all of it when shorter): read once, from the latter"));
        return kept;
    }

    private static boolean better(Row a, Row b) {
        long la = a.isNullAt(5) ? 0 : a.getLong(5);
        long lb = b.isNullAt(5) ? 0 : b.getLong(5);
        return la != lb ? la > lb : a.getInt(1) < b.getInt(1);
    }

    /**
     * The output's file system's time now: files written after it are this job's. Taken from a
     * marker file, so that the executors', the driver's and the storage's clocks need not agree.
     */
    private static long startedAt(String out, Configuration hadoop) {
        try {
            Path marker = new Path(out, "_mailblocks-started-" + java.util.UUID.randomUUID());
            FileSystem fs = marker.getFileSystem(hadoop);
            fs.create(marker, true).close();
            long t = fs.getFileStatus(marker).getModificationTime();
            fs.delete(marker, false);
            return t;
        } catch (IOException | IllegalArgumentException e) {
            throw new Failure(out + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes, in every table, the partitions of this job's inputs that hold no file written by
     * this job: an earlier job's rows for an input now under another day, or in a table where the
     * input has no rows now.
     */
    static void dropStale(String out, Set<Long> ids, long started, Configuration hadoop) {
        try {
            Path root = new Path(out);
            FileSystem fs = root.getFileSystem(hadoop);
            for (String table : TABLES) {
                FileStatus[] parts = fs.globStatus(new Path(root, table + "/day=*/input_id=*"));
                if (parts == null) {
                    continue;
                }
                for (FileStatus p : parts) {
                    String n = p.getPath().getName();
                    long id;
                    try {
                        id = Long.parseLong(n.substring(n.indexOf('=') + 1));
                    } catch (NumberFormatException e) {
                        continue; // not a partition of this job's making: left alone
                    }
                    if (!ids.contains(id)) {
                        continue;
                    }
                    long newest = Long.MIN_VALUE;
                    for (FileStatus f : fs.listStatus(p.getPath())) {
                        newest = Math.max(newest, f.getModificationTime());
                    }
                    if (newest < started) {
                        fs.delete(p.getPath(), true);
                    }
                }
            }
        } catch (IOException e) {
            throw new Failure(out + ": cannot remove the earlier output of these inputs: " + e.getMessage(), e);
        }
    }

    /** The site catalogue's YAML files (a folder on any Hadoop file system), read on the driver. */
    static Map<String, String> siteCatalogue(String dir, Configuration hadoop) {
        Map<String, String> files = new TreeMap<>();
        try {
            Path p = new Path(dir);
            FileSystem fs = p.getFileSystem(hadoop);
            if (!fs.getFileStatus(p).isDirectory()) {
                throw new Usage("--patterns " + dir + ": not a folder");
            }
            for (FileStatus s : fs.listStatus(p)) {
                String n = s.getPath().getName();
                if (s.isFile() && (n.endsWith(".yaml") || n.endsWith(".yml"))) {
                    try (InputStream in = fs.open(s.getPath())) {
                        files.put(n, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (java.io.FileNotFoundException e) {
            throw new Usage("--patterns " + dir + ": no such folder");
        } catch (IOException e) {
            throw new Usage("--patterns " + dir + ": cannot read: " + e.getMessage());
        }
        return files;
    }

    /**
     * The input files the arguments name, as a local run resolves them: a file, a folder (every
     * file below it, in name order, hidden ones left out) or a glob; an argument that names
     * nothing is skipped with its reason in {@code errors}.
     */
    static List<InputSpec> list(List<String> args, Configuration hadoop, List<String> errors) {
        Map<String, String[]> found = new LinkedHashMap<>(); // path -> name, size, modified
        for (String arg : args) {
            String base = arg.length() > 1 && arg.endsWith("/") ? arg.replaceAll("/+$", "") : arg;
            try {
                Path p = new Path(base);
                FileSystem fs = p.getFileSystem(hadoop);
                FileStatus[] matches = fs.globStatus(p);
                if (matches == null || matches.length == 0) {
                    errors.add(arg + ": " + (isGlob(arg) ? "no file matches this pattern" : "no such file or folder"));
                    continue;
                }
                Arrays.sort(matches, (a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
                for (FileStatus m : matches) {
                    String name = isGlob(arg) ? display(m.getPath(), base) : base;
                    if (m.isFile()) {
                        found.putIfAbsent(m.getPath().toString(), new String[] {name, "" + m.getLen(),
                            "" + m.getModificationTime()});
                        continue;
                    }
                    String prefix = m.getPath().toString();
                    List<String[]> below = new ArrayList<>();
                    RemoteIterator<LocatedFileStatus> files = fs.listFiles(m.getPath(), true);
                    while (files.hasNext()) {
                        LocatedFileStatus f = files.next();
                        String rel = f.getPath().toString().substring(prefix.length()).replaceFirst("^/+", "");
                        if (hidden(rel)) {
                            continue;
                        }
                        below.add(new String[] {f.getPath().toString(), name + "/" + rel, "" + f.getLen(),
                            "" + f.getModificationTime()});
                    }
                    below.sort((a, b) -> a[1].compareTo(b[1]));
                    for (String[] f : below) {
                        found.putIfAbsent(f[0], new String[] {f[1], f[2], f[3]});
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                errors.add(arg + ": cannot list: " + e.getMessage());
            }
        }
        List<InputSpec> specs = new ArrayList<>();
        for (Map.Entry<String, String[]> e : found.entrySet()) {
            String[] v = e.getValue();
            specs.add(new InputSpec(InputSpec.idOf(e.getKey()), specs.size(), v[0], e.getKey(), Long.parseLong(v[1]),
                    Long.parseLong(v[2])));
        }
        return specs;
    }

    private static boolean isGlob(String arg) {
        return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** A glob match's name: relative to the working folder when the pattern was, else the full path. */
    private static String display(Path p, String pattern) {
        String s = p.toString();
        if (!pattern.contains(":") && !pattern.startsWith("/") && "file".equals(p.toUri().getScheme())) {
            java.nio.file.Path local = java.nio.file.Path.of(p.toUri().getPath());
            java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
            return local.startsWith(cwd) ? cwd.relativize(local).toString() : local.toString();
        }
        if ("file".equals(p.toUri().getScheme()) && !pattern.startsWith("file:")) {
            return p.toUri().getPath();
        }
        return s;
    }

    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** An iterator made when first asked, so that one task opens its files one after another. */
    private static Iterator<Row> lazy(java.util.function.Supplier<Iterator<Row>> make) {
        return new Iterator<>() {
            private Iterator<Row> it;

            @Override
            public boolean hasNext() {
                if (it == null) {
                    it = make.get();
                }
                return it.hasNext();
            }

            @Override
            public Row next() {
                if (it == null) {
                    it = make.get();
                }
                return it.next();
            }
        };
    }

    private static Iterator<Row> concat(List<Iterator<Row>> parts) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                while (i < parts.size()) {
                    if (parts.get(i).hasNext()) {
                        return true;
                    }
                    i++;
                }
                return false;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return parts.get(i).next();
            }
        };
    }
}

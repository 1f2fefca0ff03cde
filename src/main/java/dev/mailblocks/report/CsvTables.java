package dev.mailblocks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes any {@link TableSpec} as a CSV file with Commons CSV (RFC 4180, LF line ends). */
public final class CsvTables {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private CsvTables() {
    }

    /** Writes the rows of a table. */
    public static <R> void write(Path file, TableSpec<R> spec, List<R> rows, Redactor redactor) {
        stream(file, spec, sink -> rows.forEach(sink), redactor);
    }

    /**
     * Writes a table whose rows are streamed by the source (events: they can be many). Every cell
     * goes through {@link CsvCells.Printer}, and the file is replaced whole ({@link ReportFiles}).
     */
    public static <R> void stream(Path file, TableSpec<R> spec, Consumer<Consumer<R>> source, Redactor redactor) {
        ReportFiles.write(file, w -> {
            CSVPrinter p = new CSVPrinter(w, FORMAT);
            CsvCells.Printer printer = new CsvCells.Printer(p);
            printer.printRecord(spec.names());
            List<Object> cells = new ArrayList<>(spec.columns().size());
            source.accept(row -> {
                cells.clear();
                for (Column<R> c : spec.columns()) {
                    cells.add(Cells.csv(c.kind(), c.value().apply(row), redactor));
                }
                try {
                    printer.printRecord(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            p.flush();
        });
    }
}

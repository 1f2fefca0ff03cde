package dev.mailblocks.report;

import dev.mailblocks.store.CheckStore.Row;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes {@code sending-checks.csv}: {@code subject,check,result,detail,checked_at}, one row per subject and check. */
public final class SendingChecksCsv {

    /** The file name in the output folder. */
    public static final String FILE = "sending-checks.csv";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private SendingChecksCsv() {
    }

    /** Writes the rows (already in subject, check order) into the folder; returns the file. */
    public static Path write(Path out, List<Row> rows) {
        Path file = out.resolve(FILE);
        ReportFiles.write(file, w -> {
            CsvCells.Printer p = new CsvCells.Printer(new CSVPrinter(w, FORMAT));
            p.printRecord("subject", "check", "result", "detail", "checked_at");
            for (Row r : rows) {
                p.printRecord(r.subject(), r.check(), r.result(), r.detail(), r.checkedAt());
            }
        });
        return file;
    }
}

package dev.mailblocks.parse.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.parse.CsvRows;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Where the hand split of a row gives a field, the RFC 4180 reader gives the same field and field count. */
class ExchangeSimpleFieldTest {

    @Test
    void theHandSplitAgreesWithTheCsvReader() {
        Random rnd = new Random(3);
        String[] pieces = {"a", "RECEIVE", "\"", "\"\"", ",", " ", "x y", "\r", "é", "\"q,uoted\"", "", "FAIL"};
        CSVFormat format = CsvRows.format(List.of("a", "b", "c", "d"));
        int checked = 0;
        for (int i = 0; i < 100_000; i++) {
            String line = randomRow(rnd, pieces);
            String[] split = CsvRows.simpleFields(line, 4);
            for (int index = 0; index < 4 && split != null; index++) {
                String quick = split[index];
                checked++;
                CSVRecord r;
                try {
                    r = CsvRows.one(line, format);
                } catch (CsvRows.BadRow e) {
                    throw new AssertionError("hand split read a row the CSV reader refuses: [" + line + "]", e);
                }
                assertEquals(4, r.size(), "[" + line + "]");
                assertEquals(r.get(index), quick, "[" + line + "] field " + index);
            }
        }
        assertEquals(true, checked > 10_000, "rows the hand split read: " + checked);
    }

    @Test
    void theEventCellReadAloneIsTheCellTheHandSplitGives() {
        Random rnd = new Random(9);
        String[] pieces = {"a", "RECEIVE", "\"", ",", " ", "\r", "é", "", "FAIL", "DELIVER"};
        int read = 0;
        for (int i = 0; i < 100_000; i++) {
            String line = randomRow(rnd, pieces);
            int eventIndex = rnd.nextInt(4);
            String alone = ExchangeTrackingLogParser.plainEventCell(line, 4, eventIndex);
            String[] split = CsvRows.simpleFields(line, 4);
            if (alone != null) {
                // read alone only where the whole split gives the same cell (a row the split refuses is split whole)
                assertEquals(split == null ? null : split[eventIndex], alone, line);
                read++;
            }
        }
        assertTrue(read > 10_000, "read alone: " + read);
    }

    /** A row of 3 to 5 cells, each of 0 to 2 random pieces. */
    private static String randomRow(Random rnd, String[] pieces) {
        StringBuilder sb = new StringBuilder();
        int fields = 3 + rnd.nextInt(3);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                sb.append(',');
            }
            for (int p = rnd.nextInt(3); p > 0; p--) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
        }
        return sb.toString();
    }
}

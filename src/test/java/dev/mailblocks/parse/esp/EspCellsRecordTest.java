package dev.mailblocks.parse.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailblocks.parse.CsvRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/** A row split by hand reads, by every column name in any case, what the CSV reader's row reads. */
class EspCellsRecordTest {

    @Test
    void splitRowsReadAsCsvRows() throws IOException, CsvRows.BadRow {
        Path repo = Path.of(System.getProperty("mailblocks.repo", "."));
        List<Path> exports = new ArrayList<>();
        for (String dir : List.of("sample-logs/esp", "src/test/resources/golden/esp/input", "src/test/resources/parse")) {
            if (Files.isDirectory(repo.resolve(dir))) {
                try (Stream<Path> walk = Files.walk(repo.resolve(dir))) {
                    walk.filter(p -> p.toString().endsWith(".csv")).forEach(exports::add);
                }
            }
        }
        int rows = 0;
        for (Path export : exports) {
            List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                continue;
            }
            List<String> names = CsvRows.cells(lines.get(0).replace("\uFEFF", "")).stream().map(String::strip).toList();
            Map<String, Integer> columns = EspCellsRecord.columns(names);
            if (columns == null) {
                continue;
            }
            CSVFormat format = CsvRows.format(names);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = CsvRows.simpleFields(line, names.size());
                if (cells == null || line.isBlank()) { // the parser takes blank lines before it splits rows
                    continue;
                }
                rows++;
                EspRecord split = new EspCellsRecord(cells, columns);
                EspRecord csv = new EspCsvRecord(CsvRows.one(line, format));
                EspLineRecord cut = new EspLineRecord(new EspLineRecord.Columns(columns, names.size()));
                assertTrue(cut.read(line), line);
                for (String name : names) {
                    for (String asked : List.of(name, name.toUpperCase(Locale.ROOT), name + "x", name + "[]")) {
                        assertEquals(csv.value(asked, 0), split.value(asked, 0), export + ": " + asked + " in " + line);
                        assertEquals(csv.value(asked, 0), cut.value(asked, 0), export + ": " + asked + " in " + line);
                        assertEquals(csv.size(asked), split.size(asked));
                        assertEquals(csv.size(asked), cut.size(asked));
                    }
                }
            }
        }
        assertTrue(rows > 50, "rows compared: " + rows);
    }

    /** {@code CsvRows.cellBounds} splits exactly the rows {@code simpleFields} splits, into the same cells. */
    @Test
    void cellBoundsSplitAsSimpleFieldsSplits() {
        String[] rows = {
            "2026-12-26 03:59:59,a@b.example,s@x,Hi,sent,,2,1,",
            "2026-12-26 04:00:00,a@b.example,s@x,\"Hi, there\",bounced,,0,0,\"smtp;550 5.1.1 \"\"x\"\" unknown\"",
            "\"\",\"\"\"\",\" a \",,\"\"\"\"\"\",x,y,z,\"q\"",
            " x , \"y\" ,\"z\"w,a\"b,,,,,",
        };
        String[] inserts = {"\"", ",", "\r", "\n", " ", "\"\"", ",\"", "\",", "\u00e9", "\t"};
        java.util.Random rnd = new java.util.Random(11);
        int split = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder line = new StringBuilder(rows[rnd.nextInt(rows.length)]);
            for (int e = rnd.nextInt(4); e > 0; e--) {
                int at = rnd.nextInt(line.length() + 1);
                if (rnd.nextBoolean()) {
                    line.insert(at, inserts[rnd.nextInt(inserts.length)]);
                } else {
                    line.delete(at, Math.min(line.length(), at + 1 + rnd.nextInt(5)));
                }
            }
            String row = line.toString();
            for (int count : new int[] {8, 9, 10}) {
                String[] cells = CsvRows.simpleFields(row, count);
                int[] bounds = new int[2 * count];
                boolean[] doubled = new boolean[count];
                boolean cut = CsvRows.cellBounds(row, count, bounds, doubled);
                assertEquals(cells != null, cut, row);
                if (cells != null) {
                    split++;
                    for (int i = 0; i < count; i++) {
                        assertEquals(cells[i], CsvRows.cell(row, bounds, doubled, i), row);
                    }
                }
            }
        }
        assertTrue(split > 20_000, "rows split: " + split);
    }
}

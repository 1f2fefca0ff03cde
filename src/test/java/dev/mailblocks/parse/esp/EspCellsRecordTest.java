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
                for (String name : names) {
                    for (String asked : List.of(name, name.toUpperCase(Locale.ROOT), name + "x", name + "[]")) {
                        assertEquals(csv.value(asked, 0), split.value(asked, 0), export + ": " + asked + " in " + line);
                        assertEquals(csv.size(asked), split.size(asked));
                    }
                }
            }
        }
        assertTrue(rows > 50, "rows compared: " + rows);
    }
}

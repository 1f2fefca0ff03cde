package dev.mailblocks.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputResolverTest {

    @TempDir
    Path dir;

    private List<String> names(String... args) {
        return InputResolver.resolve(List.of(args)).stream().map(Input::name).toList();
    }

    @Test
    void foldersAreWalkedRecursivelyInNameOrderSkippingHiddenFiles() throws IOException {
        Files.createDirectories(dir.resolve("b/.git"));
        Files.writeString(dir.resolve("b/maillog.1"), "x");
        Files.writeString(dir.resolve("b/.git/config"), "x");
        Files.writeString(dir.resolve("a.log"), "x");
        Files.writeString(dir.resolve(".hidden"), "x");
        assertEquals(List.of(dir.resolve("a.log").toString(), dir.resolve("b/maillog.1").toString()),
                names(dir.toString()));
    }

    @Test
    void globsMatchRotatedFilesAndEachInputIsListedOnce() throws IOException {
        for (String f : List.of("mail.log", "mail.log.1", "mail.log.2.gz", "other.log")) {
            Files.writeString(dir.resolve(f), "x");
        }
        List<String> got = names(dir + "/mail.log*", dir.resolve("mail.log").toString());
        assertEquals(List.of(dir + "/mail.log", dir + "/mail.log.1", dir + "/mail.log.2.gz"), got);
    }

    @Test
    void dashIsStandardInput() {
        assertTrue(InputResolver.resolve(List.of("-")).get(0).isStdin());
    }

    @Test
    void aMissingPathOrAnEmptyGlobIsAnErrorNamingIt() {
        InputException e = assertThrows(InputException.class, () -> names(dir.resolve("nope").toString()));
        assertTrue(e.getMessage().endsWith("nope: no such file or folder"), e.getMessage());
        InputException g = assertThrows(InputException.class, () -> names(dir + "/*.zzz"));
        assertTrue(g.getMessage().contains("no file matches"), g.getMessage());
    }
}

package dev.mailblocks.pipeline;

import dev.mailblocks.parse.Formats;
import dev.mailblocks.parse.InputFormatException;
import dev.mailblocks.parse.esp.EspProfiles;
import dev.mailblocks.source.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the user's ESP profile files ({@code --esp-profile}) for the parse library, which opens no
 * files itself. A file that cannot be read or used stops the run with an {@link InputException}
 * naming it.
 */
public final class EspProfileFiles {

    private EspProfileFiles() {
    }

    /** The formats of a run with these profile files on top of the built-in profiles. */
    public static Formats formats(List<Path> profileFiles) {
        return Formats.withEspProfiles(profiles(profileFiles));
    }

    /** The profiles in these files, then the built-in ones they do not replace. */
    public static EspProfiles profiles(List<Path> files) {
        List<EspProfiles.Source> sources = new ArrayList<>();
        for (Path file : files) {
            try {
                sources.add(new EspProfiles.Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (NoSuchFileException e) {
                throw new InputException(file + ": no such ESP profile file");
            } catch (IOException e) {
                throw new InputException(file + ": cannot read the ESP profile: " + e.getMessage());
            }
        }
        try {
            return EspProfiles.of(sources);
        } catch (InputFormatException e) {
            throw new InputException(e.getMessage());
        }
    }
}

package dev.mailblocks.parse;

import dev.mailblocks.parse.esp.EspExportParser;
import dev.mailblocks.parse.esp.EspProfiles;
import dev.mailblocks.parse.exchange.ExchangeTrackingLogParser;
import dev.mailblocks.parse.exim.EximLogParser;
import dev.mailblocks.parse.postfix.PostfixLogParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The supported input formats of a run, in detection order: adding a format adds one line to
 * {@link #Formats(EspProfiles)}. Built once per run, because the ESP format carries the run's
 * profiles ({@code --esp-profile}).
 */
public final class Formats {

    private final List<InputFormat> all;
    private final EspProfiles espProfiles;

    private Formats(EspProfiles espProfiles) {
        this.espProfiles = espProfiles;
        this.all = List.of(
                new ExchangeTrackingLogParser(),
                new EspExportParser(espProfiles),
                new PostfixLogParser(),
                new EximLogParser());
    }

    /** The formats with the built-in ESP profiles. */
    public static Formats builtIn() {
        return new Formats(EspProfiles.builtIn());
    }

    /** The formats with these ESP profiles (the user's on top of the built-in ones, see {@link EspProfiles#of}). */
    public static Formats withEspProfiles(EspProfiles profiles) {
        return new Formats(profiles);
    }

    /** Every format, in detection order. */
    public List<InputFormat> all() {
        return all;
    }

    /**
     * The format with this id; an ESP profile's id ({@code sendgrid}) gives the ESP format limited
     * to that profile.
     */
    public Optional<InputFormat> byId(String id) {
        Optional<InputFormat> format = all.stream().filter(f -> f.id().equals(id)).findFirst();
        if (format.isPresent()) {
            return format;
        }
        return Optional.ofNullable(EspExportParser.forId(espProfiles, id));
    }

    /**
     * The format that recognises the most of these first lines one by one (a syslog file mixing
     * programs belongs to the program that wrote most of it); at a tie the earlier format. When no
     * single line is enough for any format, the first whose sniff accepts the lines together.
     */
    public Optional<InputFormat> detect(List<String> head) {
        InputFormat best = null;
        long bestScore = 0;
        for (InputFormat f : all) {
            long score = head.stream().filter(line -> f.sniff(List.of(line))).count();
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        return all.stream().filter(f -> f.sniff(head)).findFirst();
    }

    /** The format ids, then the ESP profile ids, for messages and {@code --help}. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>(all.stream().map(InputFormat::id).toList());
        for (String id : espProfiles.ids()) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}

package dev.mailblocks.parse;

import java.util.List;
import java.util.Optional;

/** The supported input formats, in detection order: adding a format adds one line here. */
public final class Formats {

    private static final List<InputFormat> ALL = List.of(
            new PostfixLogParser(),
            new EximLogParser());

    private Formats() {
    }

    /** Every format, in detection order. */
    public static List<InputFormat> all() {
        return ALL;
    }

    /** The format with this id. */
    public static Optional<InputFormat> byId(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The first format whose sniff accepts these first lines. */
    public static Optional<InputFormat> detect(List<String> head) {
        return ALL.stream().filter(f -> f.sniff(head)).findFirst();
    }

    /** The ids, for messages and {@code --help}. */
    public static List<String> ids() {
        return ALL.stream().map(InputFormat::id).toList();
    }
}

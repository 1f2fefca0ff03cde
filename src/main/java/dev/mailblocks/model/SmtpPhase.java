package dev.mailblocks.model;

import java.util.Locale;

/** The step of the SMTP dialogue at which a reply was given. */
public enum SmtpPhase {
    CONNECT, EHLO, MAIL, RCPT, DATA, END_OF_DATA;

    /** The id used in the catalogue and reports: {@code END-OF-DATA}, {@code RCPT}. */
    public String id() {
        return name().replace('_', '-');
    }

    /** Parses {@code RCPT}, {@code end-of-data}, {@code END_OF_DATA}; throws on anything else. */
    public static SmtpPhase fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * The phase of an SMTP command word as logs name it ({@code RCPT}, {@code EHLO},
     * {@code END-OF-MESSAGE}, {@code BDAT}, {@code CONNECT}...; only the first word counts, case
     * does not matter), or {@code null} for anything else.
     */
    public static SmtpPhase ofCommand(String command) {
        if (command == null) {
            return null;
        }
        String word = command.strip().toUpperCase(Locale.ROOT);
        int space = word.indexOf(' ');
        if (space > 0) {
            word = word.substring(0, space);
        }
        return switch (word) {
            case "CONN", "CONNECT" -> CONNECT;
            case "EHLO", "HELO" -> EHLO;
            case "MAIL" -> MAIL;
            case "RCPT", "VRFY", "ETRN" -> RCPT;
            case "DATA", "BDAT" -> DATA;
            case "END-OF-MESSAGE", "END-OF-DATA", "." -> END_OF_DATA;
            default -> null;
        };
    }
}

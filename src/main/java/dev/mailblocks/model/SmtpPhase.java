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
}

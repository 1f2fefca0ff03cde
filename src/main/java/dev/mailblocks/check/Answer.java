package dev.mailblocks.check;

import java.util.List;
import org.xbill.DNS.Record;

/** What one DNS query gave: records, a name that does not exist, no records of the type, or no usable answer. */
public sealed interface Answer {

    /** The records of the asked type (CNAMEs followed by the server are not included). */
    record Records(List<Record> records) implements Answer {
        public Records {
            records = List.copyOf(records);
        }
    }

    /** NXDOMAIN: the name does not exist. */
    record NxDomain() implements Answer {
    }

    /** The name exists but has no record of the asked type. */
    record NoData() implements Answer {
    }

    /** No usable answer: timeout, SERVFAIL, refused, a garbled reply, the run's time used up. */
    record Failure(String reason) implements Answer {
    }

    /** Whether the name has no record of the type (NXDOMAIN or no data): a "void lookup" in RFC 7208 terms. */
    default boolean isVoid() {
        return this instanceof NxDomain || this instanceof NoData;
    }
}

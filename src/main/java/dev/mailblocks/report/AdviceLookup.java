package dev.mailblocks.report;

import java.util.List;

/**
 * The one small lookup the report stage has into the catalogue: advice and links for a
 * pattern or category, a provider's name and postmaster page, and the provider of an MX host.
 */
public interface AdviceLookup {

    /** What to do, and where to read more. */
    record Advice(String text, List<String> links) {
        public Advice {
            links = List.copyOf(links);
        }
    }

    /** The entry's advice (else the category's), its links and the provider's postmaster page. */
    Advice advice(String patternId, String category, String provider);

    /** The provider id of a receiving MX host, or null. */
    String providerOf(String host);

    /** A provider's display name, or the id itself. */
    String providerName(String id);

    /** A provider's postmaster or delisting page, or null. */
    String postmasterPage(String id);

    /** A lookup that knows nothing (tests, reports without a catalogue). */
    AdviceLookup NONE = new AdviceLookup() {
        @Override
        public Advice advice(String patternId, String category, String provider) {
            return new Advice("", List.of());
        }

        @Override
        public String providerOf(String host) {
            return null;
        }

        @Override
        public String providerName(String id) {
            return id;
        }

        @Override
        public String postmasterPage(String id) {
            return null;
        }
    };
}

package dev.mailblocks.store;

/**
 * One distinct refusal as the classifier sees it: the template and its context. Events that
 * share it share their classification, so a new catalogue classifies each context once.
 */
public record RefusalContext(String template, Integer replyCode, String enhancedStatus, String phase,
        String remoteHost, String outcome) {
}

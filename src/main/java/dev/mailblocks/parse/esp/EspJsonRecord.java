package dev.mailblocks.parse.esp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON object of an ESP export: a path is dotted ({@code bounce.remoteMtaIp}); a segment
 * ending in {@code []} is an array whose element {@code index} is taken.
 */
record EspJsonRecord(JsonNode root) implements EspRecord {

    @Override
    public String value(String path, int index) {
        JsonNode n = resolve(root, path, index);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String v = n.asText().strip();
        return v.isEmpty() ? null : v;
    }

    @Override
    public int size(String path) {
        int brackets = path.indexOf("[]");
        if (brackets < 0) {
            return -1;
        }
        JsonNode array = resolve(root, path.substring(0, brackets), 0);
        return array != null && array.isArray() ? array.size() : 0;
    }

    /** Whether the object has a non-null value at the path (the first element, for {@code []}). */
    static boolean has(JsonNode object, String path) {
        JsonNode n = resolve(object, path, 0);
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    private static JsonNode resolve(JsonNode from, String path, int index) {
        JsonNode n = from;
        for (String segment : path.split("\\.")) {
            if (n == null) {
                return null;
            }
            boolean each = segment.endsWith("[]");
            String key = each ? segment.substring(0, segment.length() - 2) : segment;
            if (!key.isEmpty()) {
                n = n.isObject() ? n.get(key) : null;
            }
            if (each) {
                n = n != null && n.isArray() ? n.get(index) : null;
            }
        }
        return n;
    }
}

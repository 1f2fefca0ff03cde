package dev.mailblocks.parse.esp;

/** One row or JSON object of an ESP export, read by the paths of a profile. */
interface EspRecord {

    /**
     * The value at a path, stripped; {@code null} when absent or empty. A {@code []} in the path
     * takes element {@code index} of that array.
     */
    String value(String path, int index);

    /**
     * How many elements the array at the path's first {@code []} has (0 when absent), or -1 when
     * the path has no {@code []}.
     */
    int size(String path);
}

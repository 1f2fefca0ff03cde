package dev.mailblocks.parse.exchange;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Cutting a row of a message tracking log at its commas without a CSV reader, for the rows with no
 * quote and no line break (all of them, as Exchange writes them, but for texts holding a comma):
 * their cells are what lies between the commas, as {@code CsvRows.simpleFields} and the CSV reader
 * give them. Any other row is left to those.
 */
final class ExchangeCells {

    private ExchangeCells() {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long SEVENS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The commas in {@code b[from, to)} of printable ASCII, eight bytes at a time; {@code Integer.MIN_VALUE}
     * when there is a quote. (For a byte below 0x80, adding 0x7F sets its high bit unless it is zero, with
     * no carry into the next byte: so the high bits left clear mark the bytes equal to the one xored in.)
     */
    static int commasAfter(byte[] b, int from, int to) {
        int commas = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            if ((~((w ^ (ONES * '"')) + SEVENS) & HIGHS) != 0) {
                return Integer.MIN_VALUE;
            }
            commas += Long.bitCount(~((w ^ (ONES * ',')) + SEVENS) & HIGHS);
        }
        for (; i < to; i++) {
            if (b[i] == '"') {
                return Integer.MIN_VALUE;
            }
            if (b[i] == ',') {
                commas++;
            }
        }
        return commas;
    }
}

package dev.mailblocks.parse;

/**
 * The part of a syslog line after the timestamp: {@code host program[pid]: message}. Read by
 * hand rather than by a regular expression because it runs on every line of every syslog file.
 */
public record SyslogHeader(String host, String program, String message) {

    /** Reads the header starting at {@code from} (just after the timestamp), or returns null. */
    public static SyslogHeader read(String line, int from) {
        int n = line.length();
        if (from >= n || line.charAt(from) != ' ') {
            return null;
        }
        int hostStart = from + 1;
        int hostEnd = line.indexOf(' ', hostStart);
        if (hostEnd <= hostStart) {
            return null;
        }
        int progStart = hostEnd + 1;
        int i = progStart;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '[' || c == ':' || c == ' ') {
                break;
            }
            i++;
        }
        if (i == progStart || i >= n) {
            return null;
        }
        int progEnd = i;
        if (line.charAt(i) == '[') {
            int close = line.indexOf(']', i);
            if (close < 0) {
                return null;
            }
            i = close + 1;
        }
        if (i >= n || line.charAt(i) != ':') {
            return null;
        }
        int msgStart = i + 1 < n && line.charAt(i + 1) == ' ' ? i + 2 : i + 1;
        return new SyslogHeader(line.substring(hostStart, hostEnd), line.substring(progStart, progEnd),
                line.substring(msgStart));
    }

    /**
     * Where the parts of a syslog header are in a line held as bytes: {@link #read(byte[], int, int, int)}
     * fills it as {@link SyslogHeader#read(String, int)} reads a line, without making strings.
     */
    public static final class Span {
        public int hostStart;
        public int hostEnd;
        public int programStart;
        public int programEnd;
        public int messageStart;

        /**
         * Reads the header of {@code b[lineStart, to)} starting at {@code from} (just after the
         * timestamp); {@code false} where {@link SyslogHeader#read(String, int)} gives null.
         */
        public boolean read(byte[] b, int lineStart, int from, int to) {
            if (from >= to || b[from] != ' ') {
                return false;
            }
            int hs = from + 1;
            int he = hs;
            while (he < to && b[he] != ' ') {
                he++;
            }
            if (he >= to || he <= hs) {
                return false;
            }
            int ps = he + 1;
            int i = ps;
            while (i < to) {
                byte c = b[i];
                if (c == '[' || c == ':' || c == ' ') {
                    break;
                }
                i++;
            }
            if (i == ps || i >= to) {
                return false;
            }
            int pe = i;
            if (b[i] == '[') {
                int close = i;
                while (close < to && b[close] != ']') {
                    close++;
                }
                if (close >= to) {
                    return false;
                }
                i = close + 1;
            }
            if (i >= to || b[i] != ':') {
                return false;
            }
            hostStart = hs;
            hostEnd = he;
            programStart = ps;
            programEnd = pe;
            messageStart = i + 1 < to && b[i + 1] == ' ' ? i + 2 : i + 1;
            return true;
        }
    }
}

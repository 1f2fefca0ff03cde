package dev.mailblocks.source;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what of an input was already read: an earlier ledger entry whose content is a prefix
 * of this input's content. A file whose {@link FileStamp} (size, modification time, inode) and head
 * are those of an earlier reading is that reading, unchanged, without a second pass. Otherwise the
 * head hash narrows the candidates; a second pass over the content confirms the whole prefix, so a
 * file that merely starts alike is read anew.
 */
public final class Ledger {

    private Ledger() {
    }

    /** The earlier reading of this input, if one exists; {@code exact} when nothing new follows it. */
    public record Previous(LedgerEntry entry, boolean exact) {
    }

    /** SHA-256 of bytes, in hex. */
    public static String sha256(byte[] bytes, int length) {
        MessageDigest d = digest();
        d.update(bytes, 0, length);
        return HexFormat.of().formatHex(d.digest());
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Finds the longest earlier reading that is a prefix of this input. Reopens the file for the
     * confirming pass; standard input is never matched.
     */
    public static Optional<Previous> find(OpenedInput opened, List<LedgerEntry> entries) throws IOException {
        if (opened.input().isStdin()) {
            return Optional.empty();
        }
        byte[] head = opened.head();
        Map<Integer, String> headHashes = new HashMap<>(); // nearly every entry covers the same 64 KiB
        for (int i = entries.size() - 1; i >= 0; i--) {
            LedgerEntry e = entries.get(i);
            if (e.stamp() != null && e.stamp().sameAs(opened.stamp()) && e.headLength() <= head.length
                    && e.headHash().equals(headHashes.computeIfAbsent(e.headLength(), n -> sha256(head, n)))) {
                return Optional.of(new Previous(e, true)); // the file was not written since: no second reading
            }
        }
        List<LedgerEntry> candidates = entries.stream()
                .filter(e -> e.headLength() <= head.length && e.bytes() >= e.headLength())
                .filter(e -> e.headHash().equals(headHashes.computeIfAbsent(e.headLength(), n -> sha256(head, n))))
                .sorted(Comparator.comparingLong(LedgerEntry::bytes).reversed())
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        try (OpenedInput again = OpenedInput.open(opened.input())) {
            return confirm(again.content(), candidates);
        }
    }

    private static boolean nothingMore(InputStream in) {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true; // unreadable past what was read before (a truncated archive): nothing new
        }
    }

    private static Optional<Previous> confirm(InputStream in, List<LedgerEntry> longestFirst) throws IOException {
        List<LedgerEntry> byOffset = longestFirst.stream().sorted(Comparator.comparingLong(LedgerEntry::bytes)).toList();
        MessageDigest d = digest();
        byte[] buf = new byte[64 * 1024];
        long offset = 0;
        LedgerEntry best = null;
        for (LedgerEntry e : byOffset) {
            while (offset < e.bytes()) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, e.bytes() - offset));
                if (n < 0) {
                    break;
                }
                d.update(buf, 0, n);
                offset += n;
            }
            if (offset < e.bytes()) {
                break; // this input is shorter than the earlier reading: not the same file
            }
            try {
                MessageDigest copy = (MessageDigest) d.clone();
                if (HexFormat.of().formatHex(copy.digest()).equals(e.contentHash())) {
                    best = e;
                }
            } catch (CloneNotSupportedException ex) {
                throw new IllegalStateException(ex);
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        boolean exact = offset == best.bytes() && nothingMore(in);
        return Optional.of(new Previous(best, exact));
    }
}

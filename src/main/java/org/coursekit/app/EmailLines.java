package org.coursekit.app;

import java.util.Arrays;

/**
 * The first line of every e-mail address (its key: {@code Values.emailKey}) of an import file, for
 * "line N has the address of line M", in 12 bytes per slot instead of a map of strings (about 150
 * bytes per address): an open-addressing table of 64-bit hashes and lines. Equal hashes are taken
 * for equal addresses, which {@link ParticipantImport} confirms afterwards from the file itself,
 * re-reading only the lines concerned; should two addresses merely share a hash, the import checks
 * the file again with the addresses themselves ({@link Exact}).
 */
abstract class EmailLines {
    /** A 64-bit hash of an address key; tests give one that collides. */
    @FunctionalInterface
    interface Hash {
        long of(String key);
    }

    /** 64 bits of the key's characters, mixed as in MurmurHash3's finaliser. */
    static final Hash DEFAULT = key -> {
        long h = 0x9E3779B97F4A7C15L ^ key.length();
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    };

    /** The line of an earlier row with this key (by hash, for {@link Hashed}), or 0: then {@code line} is remembered. */
    abstract int firstLine(String key, int line);

    /** Whether a line given by {@link #firstLine} may belong to another address and needs confirming. */
    abstract boolean needsConfirming();

    /** Makes room for about {@code rows} addresses in all (an estimate). */
    void expect(long rows) {
    }

    /** Hashes and lines; see the class comment. */
    static final class Hashed extends EmailLines {
        private static final int MIN = 1 << 10;

        private final Hash hash;
        private long[] hashes = new long[MIN];
        private int[] lines = new int[MIN];     // 0: a free slot (lines start at 1)
        private int size;

        Hashed(Hash hash) {
            this.hash = hash;
        }

        @Override
        int firstLine(String key, int line) {
            long h = hash.of(key);
            int mask = lines.length - 1;
            for (int i = slot(h, mask); ; i = (i + 1) & mask) {
                int l = lines[i];
                if (l == 0) {
                    hashes[i] = h;
                    lines[i] = line;
                    if (++size > lines.length - (lines.length >> 2)) {
                        resize(lines.length * 2);
                    }
                    return 0;
                }
                if (hashes[i] == h) {
                    return l;
                }
            }
        }

        @Override
        boolean needsConfirming() {
            return true;
        }

        private static int slot(long h, int mask) {
            return (int) (h ^ (h >>> 32)) & mask;
        }

        @Override
        void expect(long rows) {
            // at most 3/4 full; an estimate beyond 2^22 slots (48 MiB, 3 million addresses) is not trusted that far
            long want = Math.min(Long.highestOneBit(Math.max(MIN, rows + rows / 3 + 1)) * 2, 1 << 22);
            if (want > lines.length) {
                resize((int) want);
            }
        }

        private void resize(int capacity) {
            long[] oldHashes = hashes;
            int[] oldLines = lines;
            hashes = new long[capacity];
            lines = new int[capacity];
            int mask = lines.length - 1;
            for (int j = 0; j < oldLines.length; j++) {
                if (oldLines[j] != 0) {
                    int i = slot(oldHashes[j], mask);
                    while (lines[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    hashes[i] = oldHashes[j];
                    lines[i] = oldLines[j];
                }
            }
        }

        /** Slots in use (for tests). */
        int size() {
            return size;
        }

        @Override
        public String toString() {
            return "EmailLines.Hashed[" + size + " of " + lines.length + "]";
        }
    }

    /** The addresses themselves: after two addresses shared a hash. */
    static final class Exact extends EmailLines {
        private final java.util.Map<String, Integer> lines = new java.util.HashMap<>();

        @Override
        int firstLine(String key, int line) {
            Integer earlier = lines.putIfAbsent(key, line);
            return earlier == null ? 0 : earlier;
        }

        @Override
        boolean needsConfirming() {
            return false;
        }
    }

    /**
     * Pairs of lines (later, earlier) said to hold the same address, in the order found: what
     * {@link ParticipantImport} confirms from the file at the end.
     */
    static final class Pairs {
        private int[] later = new int[16];
        private int[] earlier = new int[16];
        private int size;

        void add(int laterLine, int earlierLine) {
            if (size == later.length) {
                later = Arrays.copyOf(later, size * 2);
                earlier = Arrays.copyOf(earlier, size * 2);
            }
            later[size] = laterLine;
            earlier[size] = earlierLine;
            size++;
        }

        int size() {
            return size;
        }

        int later(int i) {
            return later[i];
        }

        int earlier(int i) {
            return earlier[i];
        }

        /** The earlier lines, sorted, without repeats. */
        int[] earlierLines() {
            int[] e = Arrays.copyOf(earlier, size);
            Arrays.sort(e);
            int n = 0;
            for (int i = 0; i < e.length; i++) {
                if (n == 0 || e[n - 1] != e[i]) {
                    e[n++] = e[i];
                }
            }
            return Arrays.copyOf(e, n);
        }
    }
}

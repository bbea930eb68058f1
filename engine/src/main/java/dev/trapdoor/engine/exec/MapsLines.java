package dev.trapdoor.engine.exec;

/**
 * Reads Linux's {@code /proc/self/maps} text (one mapping a line: {@code start-end perms offset dev inode [name]},
 * addresses in hex, lines in address order) for {@link PageMap}: parsed from the bytes by hand, as a JVM that is
 * starting should not load regex or string-splitting machinery for it.
 */
final class MapsLines {
    private MapsLines() {
    }

    /**
     * True when {@code [from, to)} is covered, without a gap, by readable and writable private mappings of no file:
     * inode 0, and no name, {@code [heap]}, or a name given to anonymous memory ({@code [anon:...]}). Anything else (a
     * file, shared memory, {@code /dev/zero}, hugetlbfs, a line that does not parse) answers false.
     */
    static boolean coverAnonymously(byte[] maps, long from, long to) {
        long covered = from;
        int i = 0;
        while (i < maps.length && Long.compareUnsigned(covered, to) < 0) {
            int lineEnd = i;
            while (lineEnd < maps.length && maps[lineEnd] != '\n') {
                lineEnd++;
            }
            Line line = Line.parse(maps, i, lineEnd);
            i = lineEnd + 1;
            if (line == null) {
                return false;
            }
            if (Long.compareUnsigned(line.end, covered) <= 0) {
                continue;
            }
            if (Long.compareUnsigned(line.start, covered) > 0 || !line.privateAnonymous) {
                return false;
            }
            covered = line.end;
        }
        return Long.compareUnsigned(covered, to) >= 0;
    }

    private record Line(long start, long end, boolean privateAnonymous) {
        static Line parse(byte[] b, int from, int to) {
            int[] at = {from};
            long start = hex(b, at, to, '-');
            long end = hex(b, at, to, ' ');
            if (at[0] + 5 > to || b[at[0] + 4] != ' ') {
                return null;
            }
            boolean rwp = b[at[0]] == 'r' && b[at[0] + 1] == 'w' && b[at[0] + 3] == 'p';
            at[0] += 5;
            if (start == -1 || end == -1 || hex(b, at, to, ' ') == -1 || !skipField(b, at, to)) {
                return null;
            }
            boolean noInode = at[0] < to && b[at[0]] == '0' && (at[0] + 1 == to || b[at[0] + 1] == ' ');
            if (!skipField(b, at, to) && at[0] < to) {
                return null;
            }
            while (at[0] < to && b[at[0]] == ' ') {
                at[0]++;
            }
            return new Line(start, end, rwp && noInode && anonymousName(b, at[0], to));
        }

        private static boolean anonymousName(byte[] b, int from, int to) {
            return from == to || startsWith(b, from, to, "[heap]") && to - from == 6 || startsWith(b, from, to,
                    "[anon:");
        }

        private static boolean startsWith(byte[] b, int from, int to, String s) {
            if (to - from < s.length()) {
                return false;
            }
            for (int k = 0; k < s.length(); k++) {
                if (b[from + k] != s.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /** A hex number ending at {@code stop}, which is skipped too; -1 when there is none. */
        private static long hex(byte[] b, int[] at, int to, char stop) {
            long v = 0;
            int i = at[0];
            int digits = 0;
            for (; i < to && b[i] != stop; i++, digits++) {
                int d = Character.digit(b[i], 16);
                if (d < 0 || digits == 16) {
                    return -1;
                }
                v = v << 4 | d;
            }
            if (digits == 0 || i == to) {
                return -1;
            }
            at[0] = i + 1;
            return v;
        }

        /** Skips one field and the space after it; false when the line ends first. */
        private static boolean skipField(byte[] b, int[] at, int to) {
            int i = at[0];
            while (i < to && b[i] != ' ') {
                i++;
            }
            at[0] = Math.min(i + 1, to);
            return i < to;
        }
    }
}

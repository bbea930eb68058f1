package dev.trapdoor.dap.session;

import java.util.Locale;

/**
 * A memory budget as users write it: bytes, or a number with a binary suffix ({@code 64k}, {@code 256M},
 * {@code 2GiB}; k, M and G are 1024, 1024^2 and 1024^3, with or without {@code iB} or {@code B}). The same spelling
 * for {@code --max-memory} and the launch argument {@code maxMemory}.
 */
public final class MemorySize {
    private MemorySize() {
    }

    /** @throws IllegalArgumentException with a message naming what was wrong */
    public static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < t.length() && Character.isDigit(t.charAt(end))) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size (a number of bytes, or e.g. 64M, 2G)");
        }
        String unit = t.substring(end).trim();
        int shift = switch (unit) {
            case "", "b" -> 0;
            case "k", "kb", "kib" -> 10;
            case "m", "mb", "mib" -> 20;
            case "g", "gb", "gib" -> 30;
            default -> throw new IllegalArgumentException("'" + text + "': unknown unit '" + unit
                    + "' (use k, M or G)");
        };
        long n;
        try {
            n = Long.parseLong(t.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        if (n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return n << shift;
    }
}

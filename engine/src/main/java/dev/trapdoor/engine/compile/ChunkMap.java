package dev.trapdoor.engine.compile;

import java.util.Arrays;

/**
 * The chunk loop's entry id → chunk map as an array indexed by the id, for a function of many entries: the loop
 * then reads one byte and jumps through one {@code tableswitch}, where a {@code lookupswitch} over a hundred sparse
 * ids is a binary search that C2 compiles to a tree of compares. An interpreter's loop of many cases spread over
 * its chunks (a C VM's {@code switch}) picks a different chunk on almost every pass, so every level of that tree is
 * a branch the CPU guesses wrong half the time; the array read costs the same whichever chunk comes next.
 *
 * <p>The compiler decides whether the loop reads it, the installer builds the array (in the function's
 * {@code JitContext}) whenever the ids fit, whatever the switch says, so the two cannot disagree. On unless
 * {@code -Dtrapdoor.jit.chunkMap=false}, read at each function's translation.
 */
public final class ChunkMap {
    static final String SWITCH = "trapdoor.jit.chunkMap";
    /** Fewer ids than this stay a {@code lookupswitch}: a few compares, no load. */
    static final int MIN_IDS = 32;
    /** Widest id range mapped (bytes of array: ids are module offsets times eight, so about eight bytes per byte of
     * the function); a wider function keeps its {@code lookupswitch}. */
    static final int MAX_SPAN = 1 << 18;
    /** The byte of an id that no chunk takes (read as 255 after masking: past every chunk index). */
    static final byte NONE = (byte) 0xFF;

    private ChunkMap() {
    }

    /** Whether the chunk loop of a function with these sorted entry ids reads a map (chunks fit in one class). */
    static boolean used(int[] ids) {
        return !"false".equals(System.getProperty(SWITCH)) && fits(ids);
    }

    private static boolean fits(int[] ids) {
        return ids.length >= MIN_IDS && (long) ids[ids.length - 1] - ids[0] < MAX_SPAN;
    }

    /**
     * The map for a function of one class's chunks ({@code chunks} of them, at most 255): index {@code id - ids[0]},
     * value the chunk, or {@link #NONE}; null when its loop cannot read one.
     */
    public static byte[] of(int[] ids, int[] idChunks, int chunks) {
        if (chunks <= 1 || chunks > ClassParts.CHUNKS_PER_CLASS || !fits(ids)) {
            return null;
        }
        byte[] map = new byte[ids[ids.length - 1] - ids[0] + 1];
        Arrays.fill(map, NONE);
        for (int i = 0; i < ids.length; i++) {
            map[ids[i] - ids[0]] = (byte) idChunks[i];
        }
        return map;
    }
}

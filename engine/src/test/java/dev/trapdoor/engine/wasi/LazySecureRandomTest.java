package dev.trapdoor.engine.wasi;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LazySecureRandomTest {
    /** The default source still gives fresh bytes on every call, and different sources give different ones. */
    @Test
    void theDefaultSourceGivesFreshBytes() {
        LazySecureRandom a = new LazySecureRandom();
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        a.nextBytes(first);
        a.nextBytes(second);
        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(first, new byte[32]));
        byte[] other = new byte[32];
        new LazySecureRandom().nextBytes(other);
        assertFalse(Arrays.equals(first, other));
        assertNotEquals(a.nextLong(), a.nextLong());
    }
}

package dev.trapdoor.dap.source;

import org.junit.jupiter.api.Test;

import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HitConditionTest {
    private static int[] hits(String condition) {
        IntPredicate p = HitCondition.parse(condition);
        return IntStream.rangeClosed(1, 6).filter(p).toArray();
    }

    @Test
    void formsOfHitConditions() {
        assertArrayEquals(new int[] {3, 4, 5, 6}, hits("3"));
        assertArrayEquals(new int[] {3}, hits("== 3"));
        assertArrayEquals(new int[] {4, 5, 6}, hits(">3"));
        assertArrayEquals(new int[] {1, 2}, hits("<3"));
        assertArrayEquals(new int[] {2, 4, 6}, hits("%2"));
        assertThrows(IllegalArgumentException.class, () -> HitCondition.parse("often"));
        assertThrows(IllegalArgumentException.class, () -> HitCondition.parse("%0"));
    }
}

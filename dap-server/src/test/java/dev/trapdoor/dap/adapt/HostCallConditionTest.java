package dev.trapdoor.dap.adapt;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostCallConditionTest {
    private static final Map<String, Object> OPEN = new HashMap<>(Map.of("fd", 3L, "path", "config.toml",
            "oflags", 9L, "errno", 44L));

    static {
        OPEN.put("opened_fd", null); // a failed call wrote no descriptor
    }

    @Test
    void stringsNumbersAndErrnoNamesCompare() {
        assertTrue(HostCallCondition.holds("path == \"config.toml\"", OPEN));
        assertFalse(HostCallCondition.holds("path != \"config.toml\"", OPEN));
        assertTrue(HostCallCondition.holds("errno != 0 && fd >= 3", OPEN));
        assertTrue(HostCallCondition.holds("errno == ENOENT", OPEN));
        assertTrue(HostCallCondition.holds("fd == 0x3 || path < \"a\"", OPEN));
        assertTrue(HostCallCondition.holds("!(fd == 1)", OPEN));
        assertTrue(HostCallCondition.holds("oflags", OPEN));
        assertTrue(HostCallCondition.holds("path == \"config\\x\" || 1", OPEN));
    }

    @Test
    void aHostImportsRawFloatsCompareAsNumbers() {
        java.util.Map<String, Object> raw = new java.util.HashMap<>();
        raw.put("arg0", 7L);
        raw.put("arg1", 0.25);
        raw.put("result", Double.NaN);
        assertTrue(HostCallCondition.holds("arg1 < 0.3 && arg1 >= 2.5e-1", raw));
        assertTrue(HostCallCondition.holds("arg0 == 7.0 && arg1 == 0.25 && arg1 > 1.5e-3", raw));
        assertFalse(HostCallCondition.holds("arg1 >= 1", raw));
        assertFalse(HostCallCondition.holds("result == result", raw), "NaN equals nothing");
        assertTrue(HostCallCondition.holds("result != 0.0", raw));
        assertEquals(Set.of("arg1"), HostCallCondition.names("arg1 < 1.5e-3"));
    }

    @Test
    void aResultTheCallDidNotWriteMakesComparisonsFalse() {
        assertFalse(HostCallCondition.holds("opened_fd >= 3", OPEN));
        assertFalse(HostCallCondition.holds("opened_fd != 3", OPEN));
        assertFalse(HostCallCondition.holds("opened_fd", OPEN));
    }

    @Test
    void mistakesAreExplained() {
        EvalException unknown = assertThrows(EvalException.class, () -> HostCallCondition.holds("nbytes > 0", OPEN));
        assertTrue(unknown.getMessage().contains("no value named 'nbytes'"), unknown.getMessage());
        EvalException mixed = assertThrows(EvalException.class, () -> HostCallCondition.holds("path == 3", OPEN));
        assertTrue(mixed.getMessage().contains("cannot compare"), mixed.getMessage());
        assertThrows(EvalException.class, () -> HostCallCondition.holds("fd ==", OPEN));
        assertThrows(EvalException.class, () -> HostCallCondition.holds("(fd == 3", OPEN));
        assertThrows(EvalException.class, () -> HostCallCondition.holds("path == \"open", OPEN));
        assertThrows(EvalException.class, () -> HostCallCondition.holds("fd == 3 fd", OPEN));
    }

    @Test
    void namesAreWhatTheConditionReadsNotErrnoNamesStringsOrNumbers() {
        assertEquals(Set.of("errno", "path"), HostCallCondition.names("errno == ENOENT && path != \"a b\" || 0x10"));
    }
}

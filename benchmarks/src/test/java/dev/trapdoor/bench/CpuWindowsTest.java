package dev.trapdoor.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CpuWindowsTest {
    @Test
    void windowsKeepCallOrderAndCountTheSlowSpell() {
        // Three windows of four calls: fast, a slow spell, fast again; the odd outliers do not move a window's median.
        double[] ms = {0.10, 0.11, 0.10, 0.90, 0.17, 0.16, 0.17, 0.18, 0.12, 0.13, 0.05, 0.12, 0.30};
        CpuWindows w = CpuWindows.of(ms, 4);
        assertArrayEquals(new double[]{0.11, 0.17, 0.12}, w.medians());
        assertEquals(0.11, w.best());
        assertEquals(0.12, w.median());
        assertEquals(1, w.slow());
        assertEquals("0.110 0.170 0.120", w.series());
    }

    @Test
    void aWindowWithinTheThresholdIsNotSlow() {
        double[] ms = {0.100, 0.100, 0.124, 0.124, 0.126, 0.126};
        CpuWindows w = CpuWindows.of(ms, 2);
        assertEquals(1, w.slow());
        assertEquals(0.124, w.median());
    }

    @Test
    void tooFewCallsForOneWindowAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CpuWindows.of(new double[]{0.1, 0.2}, 3));
    }
}

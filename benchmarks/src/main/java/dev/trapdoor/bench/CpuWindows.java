package dev.trapdoor.bench;

import java.util.Arrays;

/**
 * A long series of timed calls cut into windows of consecutive calls, each summarized by its median. This machine has
 * slow spells that last from a few windows to seconds, in which every kernel of every engine takes about 1.5-1.8x its
 * CPU time with the same compiled code (benchmarks/RESULTS.md, session 29): a median of a few calls says which spell
 * it fell in, the fastest window says what the code costs.
 *
 * @param medians each window's median call, in ms, in the order measured
 * @param best    the fastest window's median
 * @param median  the median of the window medians
 * @param slow    how many windows took more than {@link #SLOW} times {@code best}
 */
record CpuWindows(double[] medians, double best, double median, int slow) {
    /** A window this much slower than the best one is counted as in a slow spell. */
    static final double SLOW = 1.25;

    /**
     * The windows of {@code perWindow} consecutive calls of {@code ms} (unsorted, in call order); a partial last one
     * is dropped.
     */
    static CpuWindows of(double[] ms, int perWindow) {
        int n = ms.length / perWindow;
        if (n == 0) {
            throw new IllegalArgumentException(ms.length + " calls make no window of " + perWindow);
        }
        double[] medians = new double[n];
        for (int w = 0; w < n; w++) {
            double[] window = Arrays.copyOfRange(ms, w * perWindow, (w + 1) * perWindow);
            Arrays.sort(window);
            medians[w] = window[perWindow / 2];
        }
        double[] sorted = medians.clone();
        Arrays.sort(sorted);
        int slow = 0;
        for (double m : medians) {
            if (m > SLOW * sorted[0]) {
                slow++;
            }
        }
        return new CpuWindows(medians, sorted[0], sorted[n / 2], slow);
    }

    /** The window medians as printed: three decimals, in call order. */
    String series() {
        StringBuilder sb = new StringBuilder();
        for (double m : medians) {
            sb.append(sb.isEmpty() ? "" : " ").append(String.format("%.3f", m));
        }
        return sb.toString();
    }
}

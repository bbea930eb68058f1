package dev.trapdoor.dap.warm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Touches the part of the serial collector's eden that the warm-up left untouched, before the server listens. The OS
 * maps a page of the Java heap on its first write: the warm-up reaches ~65 MB of a 160 MB eden ({@code bin/trapdoor
 * dap --port}'s {@code -Xmn200m}), so a fresh server's first clients faulted in the rest as they launched and
 * stepped, ~4% of their stepping phase's CPU. After the collection that ends the warm-up, allocation starts again at
 * eden's bottom, over pages that stay mapped. The cost is the resident memory of the pages touched (up to eden's
 * size, ~95 MB more at "listening"), most of which the first 50 clients would have touched anyway
 * (benchmarks/RESULTS.md, session 22). Only the serial collector's eden ("Eden Space"): another collector sizes its
 * young generation as it goes. {@code -Dtrapdoor.dap.warmUp.touchEden=false} leaves it out.
 */
final class EdenTouch {
    private static final boolean ON = !"false".equals(System.getProperty("trapdoor.dap.warmUp.touchEden"));
    /** The last array allocated: kept reachable, so that no compiler drops the allocation. */
    static volatile byte[] sink;
    private static final int CHUNK = 1 << 20;
    /** Stops short of a full eden, so that touching does not start a collection. */
    private static final long MARGIN = 4L << 20;

    private EdenTouch() {
    }

    /**
     * Touches eden up to {@link #MARGIN} short of its capacity; returns the bytes allocated (0: switched off, or not
     * the serial eden).
     */
    static long touch() {
        MemoryPoolMXBean eden = ON ? serialEden() : null;
        if (eden == null) {
            return 0;
        }
        long allocated = 0;
        for (;;) {
            MemoryUsage u = eden.getUsage();
            if (u.getCommitted() - u.getUsed() < MARGIN + CHUNK) {
                break;
            }
            // A new array is zeroed as it is allocated: that write maps its pages.
            sink = new byte[CHUNK];
            allocated += CHUNK;
        }
        sink = null;
        return allocated;
    }

    private static MemoryPoolMXBean serialEden() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().equals("Eden Space")) {
                return pool;
            }
        }
        return null;
    }
}

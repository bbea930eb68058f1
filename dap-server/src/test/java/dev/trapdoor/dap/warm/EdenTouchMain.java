package dev.trapdoor.dap.warm;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;

/**
 * Run by {@link EdenTouchTest} in a JVM of its own (its collector chosen by the test): touches eden and prints how much
 * it allocated, how much of eden is left free, and how many collections ran meanwhile.
 */
public final class EdenTouchMain {
    private EdenTouchMain() {
    }

    public static void main(String[] args) {
        long before = collections();
        long touched = EdenTouch.touch();
        long free = -1;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Eden Space")) {
                MemoryUsage u = pool.getUsage();
                free = u.getCommitted() - u.getUsed();
            }
        }
        System.out.println("touched " + (touched >> 20) + " MB, free " + (free < 0 ? -1 : free >> 20) + " MB, collections "
                + (collections() - before));
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}

package dev.trapdoor.engine.wasi;

import java.time.Duration;
import java.time.Instant;

/**
 * The time sources behind {@code clock_time_get}, {@code clock_res_get} and {@code poll_oneoff}. Pluggable so tests
 * and a paused debugger can control what the guest sees. All values are nanoseconds.
 */
public interface WasiClocks {
    long realtime();

    long monotonic();

    long processCpuTime();

    long threadCpuTime();

    /** Resolution of the clock, in nanoseconds. */
    default long resolution(int clockId) {
        return clockId == Flags.CLOCK_REALTIME ? 1_000L : 1L;
    }

    /** Blocks the calling thread for about {@code nanos}; {@code poll_oneoff} waits through it. */
    default void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    /** The host's clocks. */
    WasiClocks SYSTEM = new WasiClocks() {
        @Override
        public long realtime() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public long monotonic() {
            return System.nanoTime();
        }

        @Override
        public long processCpuTime() {
            return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElseGet(this::monotonic);
        }

        @Override
        public long threadCpuTime() {
            // Not every JVM measures thread CPU time; the guest still gets a clock that advances.
            long t = ThreadCpuClock.nanos();
            return t >= 0 ? t : monotonic();
        }
    };
}

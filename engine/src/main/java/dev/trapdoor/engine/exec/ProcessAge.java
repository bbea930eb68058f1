package dev.trapdoor.engine.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long this process has been running, read from Linux's {@code /proc}: the process's start and the uptime are
 * both counted from boot there, so their difference is exact to a clock tick. ({@code ProcessHandle}'s start instant
 * adds the boot time, which {@code /proc/stat} gives in whole seconds: up to a second early.)
 */
final class ProcessAge {
    private ProcessAge() {
    }

    /** Clock ticks per second in {@code /proc} (USER_HZ, 100 on every Linux architecture the JDK runs on). */
    private static final long TICKS_PER_SECOND = 100;

    /** Milliseconds since this process started, or -1 where {@code /proc} cannot say. */
    static long millis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after "(comm) "; starttime is field 22 of stat(5), the 20th of these.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]);
            String uptime = Files.readString(Path.of("/proc/uptime"));
            long upMillis = (long) (Double.parseDouble(uptime.substring(0, uptime.indexOf(' '))) * 1000);
            long age = upMillis - startTicks * 1000 / TICKS_PER_SECOND;
            return age >= 0 ? age : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Milliseconds until this process is {@code targetAgeMillis} old, from an age of {@code processAgeMillis}; 0 if it
     * is older already or its age is unknown (negative).
     */
    static long delayLeft(long targetAgeMillis, long processAgeMillis) {
        return processAgeMillis < 0 ? 0 : Math.max(0, targetAgeMillis - processAgeMillis);
    }

    /** The wall clock ({@code currentTimeMillis}) when this process is {@code targetAgeMillis} old; now if unknown. */
    static long wallClockAtAge(long targetAgeMillis) {
        return System.currentTimeMillis() + delayLeft(targetAgeMillis, millis());
    }
}

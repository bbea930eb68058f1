package dev.trapdoor.dap.session;

import dev.trapdoor.engine.exec.EngineConfig;

/**
 * The host limits a user sets on a guest, from {@code trapdoor run} flags or {@code launch} arguments.
 *
 * @param maxTableElements elements a table may hold ({@code null}: the engine's default, 10,000,000)
 * @param timeLimitMillis  wall-clock time the program may run, stops in the debugger excluded (0: none)
 */
public record GuestLimits(Integer maxTableElements, long timeLimitMillis) {
    public static final GuestLimits NONE = new GuestLimits(null, 0);

    public EngineConfig apply(EngineConfig config) {
        EngineConfig c = config.withTimeLimitMillis(timeLimitMillis);
        return maxTableElements == null ? c : c.withMaxTableElements(maxTableElements);
    }

    /** Seconds as a user writes them (0.5, 10) to milliseconds; rejects what is not a positive finite number. */
    public static long millis(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds) || seconds > 1e9) {
            throw new IllegalArgumentException("must be a positive number of seconds, not " + seconds);
        }
        return Math.max(1, Math.round(seconds * 1000));
    }
}

package dev.trapdoor.dap.session;

import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Recording;
import dev.trapdoor.engine.exec.Tier;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.CapabilitiesEventArguments;

/**
 * The launch option {@code record}: the program runs interpreted and is recorded from its first instruction
 * ({@link Recording}), on a translation of its optimized code counted in exact instructions until it first goes back,
 * on the exact code from then on; line steps back compare the source lines of the DWARF (or the
 * {@code .wat}), line 0 counting as no line. The client learns that step back works from a {@code capabilities}
 * event, since {@code initialize} answered before the launch said whether to record.
 */
final class RecordingSetup {
    private RecordingSetup() {
    }

    static EngineConfig engine(EngineConfig config) {
        return config.withTier(Tier.INTERPRETER);
    }

    static void start(Program program, ClientEvents events) {
        Recording r;
        try {
            r = program.debugger().record(program.instance(), Recording.DEFAULT_INTERVAL,
                    Recording.DEFAULT_BUDGET_BYTES, true);
        } catch (IllegalStateException e) {
            // "not supported in recordings: GC objects ...": launch without record to debug it.
            throw Failures.failure("launch: " + e.getMessage() + "; launch without \"record\" to debug it");
        }
        SourceMap map = program.sourceMap();
        r.lines((funcIndex, moduleOffset) -> map.locate(moduleOffset).filter(l -> l.line() > 0)
                .map(l -> ((long) l.file().hashCode() << 32) | l.line()).orElse(-1L));
        if (events != null) {
            Capabilities c = new Capabilities();
            c.setSupportsStepBack(true);
            CapabilitiesEventArguments e = new CapabilitiesEventArguments();
            e.setCapabilities(c);
            events.send(client -> client.capabilities(e));
        }
    }
}

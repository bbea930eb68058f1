package dev.trapdoor.engine.debug;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** A handler that records each stop (event, innermost function, depth, offset) and answers with a script. */
final class Recorder implements DebugHandler {
    record Stop(DebugEvent event, String function, int frames, int moduleOffset, List<String> stack) {
    }

    final List<Stop> stops = new ArrayList<>();
    private final BiFunction<DebugEvent, List<DebugFrame>, Resume> script;

    Recorder(BiFunction<DebugEvent, List<DebugFrame>, Resume> script) {
        this.script = script;
    }

    @Override
    public Resume onEvent(DebugEvent event, List<DebugFrame> frames) {
        List<String> names = new ArrayList<>();
        frames.forEach(f -> names.add(f.functionName()));
        DebugFrame top = frames.isEmpty() ? null : frames.get(0);
        stops.add(new Stop(event, top == null ? null : top.functionName(), frames.size(),
                top == null ? -1 : top.moduleOffset(), names));
        return script.apply(event, frames);
    }

    List<Stop> of(Class<? extends DebugEvent> kind) {
        return stops.stream().filter(s -> kind.isInstance(s.event())).toList();
    }
}

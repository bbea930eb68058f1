package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.dwarf.BreakpointResolution;
import dev.trapdoor.engine.dwarf.EvaluationException;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.dwarf.SourceVariables;
import dev.trapdoor.engine.dwarf.Value;
import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.WasmModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One of the typed-variable fixtures ({@code src/test/c/vars/vars.c}, built by its {@code build.sh}) instantiated in a
 * fresh store, with breakpoints on marker lines and a way to inspect variables while stopped.
 */
final class VarsProgram {
    static final List<String> ALL = List.of("vars-O0.wasm", "vars-O2.wasm", "vars-O0-dwarf5.wasm",
            "vars-O2-dwarf5.wasm");
    static final List<String> O0 = List.of("vars-O0.wasm", "vars-O0-dwarf5.wasm");
    static final List<String> O2 = List.of("vars-O2.wasm", "vars-O2-dwarf5.wasm");

    final String fixture;
    final WasmModule module;
    final Instance instance;
    final Debugger debugger;
    final SourceMap map;
    final SourceVariables vars;

    VarsProgram(String fixture) {
        this.fixture = fixture;
        try (InputStream in = VarsProgram.class.getResourceAsStream("/vars/" + fixture)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + fixture + "; run src/test/c/vars/build.sh");
            }
            this.module = Wasm.load(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Store store = new Store(EngineConfig.DEFAULT);
        this.instance = store.instantiate(module, ImportResolver.NONE);
        this.debugger = store.debugger();
        debugger.setEntryEvents(false);
        this.map = SourceMap.of(module);
        this.vars = map.variables();
    }

    boolean optimized() {
        return fixture.contains("-O2");
    }

    /** The 1-based line of vars.c holding {@code /* marker}. */
    static int markerLine(String marker) {
        Path source = Path.of("src/test/c/vars/vars.c");
        if (!Files.exists(source)) {
            source = Path.of("engine/src/test/c/vars/vars.c");
        }
        try {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("/* " + marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no marker " + marker);
    }

    /** Breakpoints at every place the marker's line resolves to; fails when it resolves nowhere. */
    void breakAt(String marker) {
        BreakpointResolution r = map.resolve("vars.c", markerLine(marker));
        assertTrue(r.resolved(), fixture + ": " + marker + " resolves");
        for (int offset : r.moduleOffsets()) {
            debugger.addBreakpoint(instance, offset);
        }
    }

    /** Calls an export, running {@code atStop} at each stop; assertion failures inside are rethrown here. */
    long run(String function, Consumer<Stop> atStop, long... args) {
        List<Throwable> failures = new ArrayList<>();
        int[] stops = {0};
        debugger.setHandler((event, frames) -> {
            stops[0]++;
            try {
                atStop.accept(new Stop(frames));
            } catch (Throwable t) {
                failures.add(t);
            }
            return Resume.CONTINUE;
        });
        long result = instance.invoke(function, args)[0];
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof Error e) {
                throw e;
            }
            throw new AssertionError(first);
        }
        if (stops[0] == 0) {
            fail(fixture + ": never stopped in " + function);
        }
        return result;
    }

    /** The program stopped: its frames, innermost first, and their variables. */
    final class Stop {
        final List<DebugFrame> frames;

        Stop(List<DebugFrame> frames) {
            this.frames = frames;
        }

        FrameMachineState state(int frame) {
            return new FrameMachineState(frames.get(frame), instance);
        }

        int offset(int frame) {
            return frames.get(frame).moduleOffset();
        }

        List<VariableScope> scopes(int frame) {
            return vars.scopesAt(offset(frame));
        }

        /** A variable visible in a frame, innermost scope first; null when none has that name. */
        Variable find(int frame, String name) {
            for (VariableScope scope : scopes(frame)) {
                for (Variable v : scope.variables()) {
                    if (v.name().equals(name)) {
                        return v;
                    }
                }
            }
            for (Variable v : vars.globals(offset(frame))) {
                if (v.name().equals(name)) {
                    return v;
                }
            }
            return null;
        }

        Value value(String name) {
            return value(0, name);
        }

        Value value(int frame, String name) {
            Variable v = find(frame, name);
            if (v == null) {
                fail(fixture + ": no variable " + name + " at 0x" + Integer.toHexString(offset(frame)));
            }
            return vars.read(v, state(frame));
        }

        Value eval(String expression) throws EvaluationException {
            return vars.evaluator().evaluate(expression, offset(0), state(0));
        }

        void write(String name, String text) throws EvaluationException {
            vars.write(value(name), text, state(0));
        }
    }
}

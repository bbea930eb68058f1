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
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.wasi.WasiConfig;
import dev.trapdoor.engine.wasi.WasiExit;
import dev.trapdoor.engine.wasi.WasiImports;
import dev.trapdoor.engine.wasi.WasiPreview1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One of the Rust, C++ and SIMD examples ({@code examples/inventory.rs}, {@code examples/shapes.cpp},
 * {@code examples/simd.c}, built by
 * {@code examples/build.sh}) run under WASI with breakpoints on its {@code BP_*} marker lines.
 */
final class ExampleProgram {
    static final List<String> RUST = List.of("inventory-debug.wasm", "inventory-release.wasm");
    static final List<String> CPP = List.of("shapes-debug.wasm", "shapes-release.wasm");

    final String fixture;
    final String source;
    final WasmModule module;
    final Instance instance;
    final Debugger debugger;
    final SourceMap map;
    final SourceVariables vars;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    ExampleProgram(String fixture) {
        this.fixture = fixture;
        this.source = fixture.startsWith("inventory") ? "inventory.rs"
                : fixture.startsWith("simd") ? "simd.c" : "shapes.cpp";
        try {
            this.module = Wasm.load(Files.readAllBytes(examples().resolve(fixture)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Store store = new Store(EngineConfig.DEFAULT);
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().arg(fixture).stdout(stdout)
                .stderr(new ByteArrayOutputStream()).build());
        this.instance = store.instantiate(module, new WasiImports(store, wasi));
        this.debugger = store.debugger();
        debugger.setEntryEvents(false);
        this.map = SourceMap.of(module);
        this.vars = map.variables();
    }

    static Path examples() {
        Path p = Path.of("../examples");
        return Files.isDirectory(p) ? p : Path.of("examples");
    }

    boolean release() {
        return fixture.contains("release");
    }

    /** The 1-based line of the source holding {@code /* marker}. */
    int markerLine(String marker) {
        try {
            List<String> lines = Files.readAllLines(examples().resolve(source));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("/* " + marker + " */")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no marker " + marker);
    }

    void breakAt(String marker) {
        BreakpointResolution r = map.resolve(source, markerLine(marker));
        assertTrue(r.resolved(), fixture + ": " + marker + " resolves");
        for (int offset : r.moduleOffsets()) {
            debugger.addBreakpoint(instance, offset);
        }
    }

    /** Runs {@code _start}, calling {@code atStop} at each stop; assertion failures inside are rethrown here. */
    void run(Consumer<Stop> atStop) {
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
        try {
            instance.invoke("_start");
        } catch (WasiExit exit) {
            // proc_exit(0) ends a Rust program
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof Error e) {
                throw e;
            }
            throw new AssertionError(first);
        }
        if (stops[0] == 0) {
            fail(fixture + ": never stopped");
        }
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

        Variable find(int frame, String name) {
            for (VariableScope scope : scopes(frame)) {
                for (Variable v : scope.variables()) {
                    if (v.name().equals(name)) {
                        return v;
                    }
                }
            }
            return null;
        }

        Value value(String name) {
            Variable v = find(0, name);
            if (v == null) {
                fail(fixture + ": no variable " + name + " at 0x" + Integer.toHexString(offset(0)) + " in "
                        + scopes(0));
            }
            return vars.read(v, state(0));
        }

        Value eval(String expression) throws EvaluationException {
            return vars.evaluator().evaluate(expression, offset(0), state(0));
        }

        /** Every variable visible in the innermost frame, as "name : type = display", for messages. */
        String dump() {
            StringBuilder out = new StringBuilder();
            for (VariableScope scope : scopes(0)) {
                out.append("[").append(scope.name()).append("]\n");
                for (Variable v : scope.variables()) {
                    out.append("  ").append(vars.read(v, state(0))).append('\n');
                }
            }
            return out.toString();
        }
    }
}

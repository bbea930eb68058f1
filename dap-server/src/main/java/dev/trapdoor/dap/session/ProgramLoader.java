package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.WasmValues;
import dev.trapdoor.dap.source.TextProgram;
import dev.trapdoor.engine.dwarf.PathMapping;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.error.WasmException;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.MemoryBudget;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.SharedModules;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.wasi.WasiConfig;
import dev.trapdoor.engine.wasi.WasiImports;
import dev.trapdoor.engine.wasi.WasiPreview1;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link LaunchConfig} into a {@link Program}: reads and validates the module, gives it WASI (stdout and
 * stderr become output events, stdin a file or nothing), instantiates it in a store of its own, and prepares the
 * entry ({@code _start}, or the {@code invoke} export with its arguments). Every failure is an error response that
 * names the problem.
 */
public final class ProgramLoader {
    private ProgramLoader() {
    }

    public static Program load(LaunchConfig config, OutputStream stdout, OutputStream stderr, ClientEvents events) {
        return load(config, stdout, stderr, events, null);
    }

    /**
     * As {@link #load(LaunchConfig, OutputStream, OutputStream, ClientEvents)}, with the program's memories also
     * charged to {@code serverMemory} (the budget all sessions of a server share; null for none).
     */
    public static Program load(LaunchConfig config, OutputStream stdout, OutputStream stderr, ClientEvents events,
                               MemoryBudget serverMemory) {
        WasiConfig.Builder wasi = WasiConfig.builder().stdout(stdout).stderr(stderr).stdin(stdin(config));
        wasi.arg(config.program().getFileName().toString());
        if (config.invoke() == null) {
            wasi.args(config.args());
        }
        config.env().forEach(wasi::env);
        for (Map.Entry<Path, String> d : config.dirs().entrySet()) {
            if (!Files.isDirectory(d.getKey())) {
                throw Failures.failure("launch: 'dirs': " + d.getKey() + " is not a directory");
            }
            wasi.preopen(d.getKey(), d.getValue());
        }
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(config.program(), BoundedFiles.MAX_PROGRAM_BYTES);
        } catch (IOException e) {
            throw Failures.failure("launch: cannot read program " + config.program() + ": "
                    + BoundedFiles.reason(e));
        }
        WasmModule module;
        TextProgram text = null;
        try {
            if (TextProgram.isText(config.program())) {
                text = TextProgram.compile(config.program(), bytes);
                bytes = text.binary();
            }
            module = SharedModules.load(bytes); // sessions of one program share it and its translations
        } catch (WasmException e) {
            throw Failures.failure("launch: " + config.program() + ": " + e.getMessage());
        }
        EngineConfig engine = config.limits().apply(EngineConfig.DEFAULT.withFunctionPointerCastEmulation(
                config.emulateFunctionPointerCasts()).withTier(config.tier()));
        if (config.maxCallDepth() != null) {
            engine = engine.withMaxCallDepth(config.maxCallDepth());
        }
        if (config.maxMemory() != null) {
            engine = engine.withMaxMemory(config.maxMemory());
        }
        if (config.record() && config.coredump() == null) {
            engine = RecordingSetup.engine(engine);
        }
        Store store = new Store(engine, serverMemory);
        WasiPreview1 preview1 = new WasiPreview1(wasi.build());
        Instance instance;
        WasiReturns returns = new WasiReturns();
        try {
            WasiImports imports = new WasiImports(store, preview1).onReturn(returns::record);
            if (config.traceWasi() && events != null) {
                imports.trace(call -> {
                    preview1.flush();
                    events.output("console", WasiTraceLine.format(call) + "\n");
                });
            }
            instance = store.instantiate(module, imports);
        } catch (WasmException e) {
            throw Failures.failure("launch: " + config.program() + ": cannot instantiate: " + e.getMessage());
        }
        PostMortem postMortem = config.coredump() == null ? null : PostMortem.open(config, instance);
        Program.Entry entry = postMortem != null ? PostMortem.NO_ENTRY
                : config.invoke() == null ? start(instance, config) : invoke(instance, config, events);
        PathMapping paths = PathMapping.NONE;
        for (Map.Entry<String, String> rule : config.sourceMap().entrySet()) {
            paths = paths.with(rule.getKey(), rule.getValue());
        }
        SourceMap textLines = text == null ? null : text.sourceMap(module);
        Program program = new Program(config.program().toString(), instance, paths, textLines,
                Program.sourceRoots(config.cwd(), config.program()), entry, () -> {
                    preview1.flush();
                    flushQuietly(stdout);
                    flushQuietly(stderr);
                });
        program.wasiReturns(returns);
        program.postMortem(postMortem);
        program.useShortFunctionNames(config.shortFunctionNames());
        program.useJustMyCode(config.justMyCode());
        if (config.record() && postMortem == null) {
            RecordingSetup.start(program, events);
        }
        return program;
    }

    private static void flushQuietly(OutputStream out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // output events cannot fail; a file stream that does has nowhere to report it
        }
    }

    private static InputStream stdin(LaunchConfig config) {
        if (config.stdin() == null) {
            return new ByteArrayInputStream(new byte[0]);
        }
        if (!BoundedFiles.opensWithoutBlocking(config.stdin())) {
            throw Failures.failure("launch: 'stdin': " + config.stdin() + " is a FIFO or socket; give a file");
        }
        try {
            return Files.newInputStream(config.stdin());
        } catch (IOException e) {
            throw Failures.failure("launch: 'stdin': cannot read " + config.stdin());
        }
    }

    private static Program.Entry start(Instance instance, LaunchConfig config) {
        FunctionInstance start = instance.function("_start");
        if (start == null) {
            throw Failures.failure("launch: " + config.program() + " has no _start export; use 'invoke' to call"
                    + " one of its exports");
        }
        return () -> {
            start.call();
            return 0;
        };
    }

    private static Program.Entry invoke(Instance instance, LaunchConfig config, ClientEvents events) {
        FunctionInstance f = instance.function(config.invoke());
        if (f == null) {
            throw Failures.failure("launch: 'invoke': no exported function \"" + config.invoke() + "\"");
        }
        FuncType type = f.type();
        if (config.args().size() != type.paramCount()) {
            throw Failures.failure("launch: 'invoke': " + config.invoke() + " takes " + type.paramCount()
                    + " arguments " + type + ", 'args' has " + config.args().size());
        }
        long[] args = new long[type.paramCount()];
        for (int i = 0; i < args.length; i++) {
            try {
                args[i] = WasmValues.parse(type.param(i), config.args().get(i));
            } catch (IllegalArgumentException e) {
                throw Failures.failure("launch: 'args'[" + i + "]: " + e.getMessage());
            }
        }
        FunctionInstance init = instance.function("_initialize");
        return () -> {
            if (init != null && init != f && init.type().paramCount() == 0) {
                init.call();
            }
            long[] results = f.call(args);
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < results.length; i++) {
                shown.add(WasmValues.format(type.result(i), results[i], false));
            }
            events.output("stdout", config.invoke() + " returned " + (shown.isEmpty() ? "nothing"
                    : String.join(", ", shown)) + "\n");
            return 0;
        };
    }
}

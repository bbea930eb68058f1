package dev.trapdoor.dap.cli;

import dev.trapdoor.dap.source.TextProgram;
import dev.trapdoor.engine.Wasm;
import dev.trapdoor.dap.session.CoredumpFiles;
import dev.trapdoor.engine.coredump.Coredump;
import dev.trapdoor.engine.coredump.TrapCapture;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.error.UnsupportedFeatureException;
import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.error.UnlinkableException;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.dap.session.BoundedFiles;
import dev.trapdoor.engine.exec.EngineConfig;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.TextFormatException;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.dap.session.WasiTraceLine;
import dev.trapdoor.engine.wasi.HostStdio;
import dev.trapdoor.engine.wasi.WasiConfig;
import dev.trapdoor.engine.wasi.WasiExit;
import dev.trapdoor.engine.wasi.WasiImports;
import dev.trapdoor.engine.wasi.WasiPreview1;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads a module, gives it WASI, runs {@code _start} or one export, and turns every outcome into an exit status:
 * the guest's {@code proc_exit} code, {@link ExitCodes#TRAP} after a trap report, or a {@link CliException} with one
 * line for unusable input.
 */
final class ProgramRunner {
    private final Console console;
    private final TrapReport.SourceLocator locator;
    /** The program when it was given as text ({@code .wat}), for its source positions; else {@code null}. */
    private TextProgram text;
    /**
     * Called with the instance before it runs ({@code run --listen} waits there for a debugger to attach); {@code null}
     * when nothing waits. Not a no-op lambda: linking the first lambda of its shape spins a class at run time, a few
     * ms of a hello-world run.
     */
    private java.util.function.Consumer<Instance> beforeRun;

    /** A runner whose trap reports take source positions from the module's DWARF. */
    ProgramRunner(Console console) {
        this(console, null);
    }

    /** A runner with a given source locator ({@code null}: the module's DWARF). */
    ProgramRunner(Console console, TrapReport.SourceLocator locator) {
        this.console = console;
        this.locator = locator;
    }

    ProgramRunner beforeRun(java.util.function.Consumer<Instance> hook) {
        this.beforeRun = hook;
        return this;
    }

    int run(RunRequest req) {
        WasiConfig config = wasiConfig(req); // checks --dir first: a usage problem beats a module problem
        WasmModule module = load(req.program());
        WasiPreview1 wasi = new WasiPreview1(config);
        Store store = new Store(req.limits().apply(EngineConfig.DEFAULT.withTier(req.tier())
                .withTranslation(req.translation()).withMaxMemory(req.maxMemory())));
        TrapCapture coredump = null;
        if (req.coredumpOnTrap() != null) {
            coredump = new TrapCapture(Path.of(req.program()).getFileName().toString());
            store.debugger().setEntryEvents(false);
            store.debugger().setHandler(coredump);
        }
        try {
            WasiImports imports = new WasiImports(store, wasi);
            if (req.traceWasi()) {
                imports.trace(call -> {
                    wasi.flush(); // the guest's own output first, so the trace interleaves as it happened
                    console.err().println(WasiTraceLine.format(call));
                    console.err().flush();
                });
            }
            Instance instance = instantiate(req.program(), store, module, imports);
            if (coredump != null) {
                coredump.instance(instance);
            }
            if (beforeRun != null) {
                beforeRun.accept(instance);
            }
            return req.invoke() == null ? runStart(req, instance) : invoke(req, instance);
        } catch (WasiExit exit) {
            return exit.exitCode();
        } catch (dev.trapdoor.engine.exec.WasmThrow uncaught) {
            wasi.flush();
            console.out().flush();
            TrapReport.SourceLocator sources = locator != null ? locator : TrapReport.SourceLocator.of(
                    text != null ? text.sourceMap(module) : SourceMap.of(module));
            for (String line : TrapReport.lines(req.program(), uncaught, sources, req.shortNames())) {
                console.err().println(line);
            }
            console.err().flush();
            return ExitCodes.TRAP;
        } catch (Trap trap) {
            wasi.flush();
            int status;
            if (locator != null) {
                status = reportTrap(req, trap, locator);
            } else {
                SourceMap sources = text != null ? text.sourceMap(module) : SourceMap.of(module);
                status = reportTrap(req, trap, TrapReport.SourceLocator.of(sources));
                // Damaged debug info costs source positions, not the report: say why they are missing.
                sources.warning().ifPresent(w -> console.err().println("trapdoor: warning: " + req.program()
                        + ": debug info: " + w));
            }
            if (coredump != null) {
                writeCoredump(req.coredumpOnTrap(), coredump.dump());
            }
            console.err().flush();
            return status;
        } finally {
            wasi.flush();
        }
    }

    private void writeCoredump(Path file, Coredump dump) {
        if (dump == null) {
            console.err().println("trapdoor: no coredump: the trap happened outside the program's Wasm code");
            return;
        }
        try {
            CoredumpFiles.write(file, dump);
            console.err().println("trapdoor: coredump written to " + file);
        } catch (IOException e) {
            console.err().println("trapdoor: cannot write the coredump to " + file + ": " + BoundedFiles.reason(e));
        }
    }

    private WasmModule load(String program) {
        byte[] bytes;
        Path path = Path.of(program);
        try {
            if (Files.isDirectory(path)) {
                throw new CliException(ExitCodes.BAD_INPUT, program + ": is a directory");
            }
            bytes = BoundedFiles.read(path, BoundedFiles.MAX_PROGRAM_BYTES);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.BAD_INPUT, program + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(ExitCodes.BAD_INPUT, program + ": permission denied");
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, program + ": cannot read: " + e.getMessage());
        }
        try {
            if (TextProgram.isText(path)) {
                text = TextProgram.compile(path, bytes);
                bytes = text.binary();
            }
            return Wasm.load(bytes);
        } catch (MalformedModuleException | InvalidModuleException | UnsupportedFeatureException
                 | TextFormatException e) {
            throw new CliException(ExitCodes.BAD_INPUT, program + ": " + e.getMessage());
        }
    }

    private WasiConfig wasiConfig(RunRequest req) {
        WasiConfig.Builder b = WasiConfig.builder()
                .stdin(console.in()).stdout(console.out()).stderr(console.err());
        b.arg(req.program());
        if (req.invoke() == null) {
            b.args(req.args());
        }
        for (EnvSetting e : req.env()) {
            b.env(e.name(), e.value());
        }
        for (DirMapping d : req.dirs()) {
            if (!Files.isDirectory(d.host())) {
                throw new CliException(ExitCodes.BAD_INPUT, "--dir " + d.host() + ": no such directory");
            }
            b.preopen(d.host(), d.guest());
        }
        Object[] streams = {console.in(), console.out(), console.err()};
        Object[] host = {System.in, System.out, System.err};
        for (int fd = 0; fd < 3; fd++) {
            int type = -1;
            for (StdioType t : req.stdioTypes()) {
                if (t.appliesTo(fd)) {
                    type = t.filetype();
                }
            }
            if (type < 0 && streams[fd] == host[fd]) {
                type = HostStdio.filetype(fd);
            }
            if (type >= 0) {
                b.stdioFiletype(fd, type);
            }
        }
        return b.build();
    }

    private Instance instantiate(String program, Store store, WasmModule module, WasiImports imports) {
        try {
            return store.instantiate(module, imports);
        } catch (UnlinkableException e) {
            throw new CliException(ExitCodes.BAD_INPUT, program + ": " + e.getMessage());
        } catch (UninstantiableException e) {
            if (e.getCause() instanceof Trap trap && !trap.stack().isEmpty()) {
                throw trap; // the start function trapped in Wasm code: report it like any other trap
            }
            throw new CliException(ExitCodes.BAD_INPUT, program + ": cannot instantiate: "
                    + e.getMessage());
        }
    }

    private int runStart(RunRequest req, Instance instance) {
        FunctionInstance start = instance.function("_start");
        if (start == null) {
            throw new CliException(ExitCodes.BAD_INPUT, req.program()
                    + ": no _start export to run (use --invoke EXPORT to call a function)");
        }
        start.call();
        return ExitCodes.OK;
    }

    private int invoke(RunRequest req, Instance instance) {
        FunctionInstance f = instance.function(req.invoke());
        if (f == null) {
            throw new CliException(ExitCodes.USAGE, req.program() + ": no exported function \""
                    + req.invoke() + "\"");
        }
        FuncType type = f.type();
        long[] args = InvokeValues.parseArgs(req.invoke(), type, req.args());
        // A reactor module (no main) expects _initialize to run its constructors before any export.
        FunctionInstance init = instance.function("_initialize");
        if (init != null && init != f && init.type().paramCount() == 0) {
            init.call();
        }
        long[] results = f.call(args);
        for (int i = 0; i < results.length; i++) {
            console.out().println(InvokeValues.format(type.result(i), results[i]));
        }
        console.out().flush();
        return ExitCodes.OK;
    }

    private int reportTrap(RunRequest req, Trap trap, TrapReport.SourceLocator sources) {
        console.out().flush();
        for (String line : TrapReport.lines(req.program(), trap, sources, req.shortNames())) {
            console.err().println(line);
        }
        console.err().flush();
        return ExitCodes.TRAP;
    }
}

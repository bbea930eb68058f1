package dev.trapdoor.dap.session;

import dev.trapdoor.dap.source.SourceLocator;
import org.eclipse.lsp4j.debug.LoadedSourceEventArguments;
import org.eclipse.lsp4j.debug.LoadedSourceEventArgumentsReason;
import org.eclipse.lsp4j.debug.Module;
import org.eclipse.lsp4j.debug.ModuleEventArguments;
import org.eclipse.lsp4j.debug.ModuleEventArgumentsReason;
import org.eclipse.lsp4j.debug.Source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The program as DAP's modules and loaded sources describe it. */
public final class ModuleInfo {
    private ModuleInfo() {
    }

    public static Module module(Program program) {
        Module m = new Module();
        m.setId(0);
        m.setName(Path.of(program.path()).getFileName().toString());
        m.setPath(program.path());
        boolean dwarf = program.sourceMap().hasDwarf();
        m.setSymbolStatus(dwarf ? "DWARF loaded" : "name section only");
        m.setIsOptimized(false);
        m.setAddressRange(String.format("0x0-0x%x", program.instance().module().bytes().length));
        return m;
    }

    /** Source files of the module that exist here; without DWARF, the disassembly of each defined function. */
    public static List<Source> loadedSources(Program program) {
        List<Source> out = new ArrayList<>();
        if (program.sourceMap().hasDwarf()) {
            for (String file : program.sourceMap().sourceFiles()) {
                Optional<Path> local = program.sources().localFile(file);
                local.ifPresent(p -> out.add(SourceLocator.fileSource(p)));
            }
            return out;
        }
        var module = program.instance().module();
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            out.add(program.sources().disassemblySource(f));
        }
        return out;
    }

    /** Sends {@code module} and {@code loadedSource} events for a newly loaded program. */
    static void announce(Program program, ClientEvents events) {
        ModuleEventArguments m = new ModuleEventArguments();
        m.setReason(ModuleEventArgumentsReason.NEW);
        m.setModule(module(program));
        events.send(c -> c.module(m));
        for (Source s : loadedSources(program)) {
            LoadedSourceEventArguments e = new LoadedSourceEventArguments();
            e.setReason(LoadedSourceEventArgumentsReason.NEW);
            e.setSource(s);
            events.send(c -> c.loadedSource(e));
        }
    }
}

package dev.trapdoor.dap.source;

import dev.trapdoor.engine.dwarf.SourceLocation;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.model.WasmModule;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Turns code positions into DAP sources. A DWARF path becomes a file source when the file exists locally (absolute,
 * or relative to one of the search roots: the launch {@code cwd}, then the program's directory and its parents).
 * Anything else (no DWARF, libc code whose sources are not here) gets the "Wasm disassembly" source of its function:
 * a {@code sourceReference} of {@code funcIndex + 1} whose text the {@code source} request returns, one instruction
 * per line after a header line.
 */
public final class SourceLocator {
    /** A position to show: the source and its 1-based line and column. */
    public record Position(Source source, int line, int column) {
    }

    public static final String DISASSEMBLY_ORIGIN = "Wasm disassembly";

    private final WasmModule module;
    private final SourceMap sourceMap;
    private final List<Path> roots;
    private final DisassemblyIndex disassembly;
    private final IntFunction<String> functionName;
    private final Map<String, Optional<Path>> resolved = new ConcurrentHashMap<>();

    public SourceLocator(WasmModule module, SourceMap sourceMap, List<Path> roots, DisassemblyIndex disassembly,
                         IntFunction<String> functionName) {
        this.module = module;
        this.sourceMap = sourceMap;
        this.roots = List.copyOf(roots);
        this.disassembly = disassembly;
        this.functionName = functionName;
    }

    /** The local file for a path from the debug info (after path mapping), when it exists. */
    public Optional<Path> localFile(String debugPath) {
        if (debugPath == null) {
            return Optional.empty();
        }
        return resolved.computeIfAbsent(debugPath, p -> {
            Path path = Path.of(p);
            if (path.isAbsolute()) {
                return Files.isRegularFile(path) ? Optional.of(path.normalize()) : Optional.empty();
            }
            for (Path root : roots) {
                Path candidate = root.resolve(path).toAbsolutePath().normalize();
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        });
    }

    public static Source fileSource(Path path) {
        Source s = new Source();
        s.setName(path.getFileName().toString());
        s.setPath(path.toString());
        return s;
    }

    /** Where the code at {@code moduleOffset} (in defined function {@code funcIndex}) is shown. */
    public Position position(int moduleOffset, int funcIndex) {
        Optional<SourceLocation> loc = sourceMap.locate(moduleOffset);
        if (loc.isPresent() && loc.get().line() > 0) {
            Optional<Path> file = localFile(loc.get().file());
            if (file.isPresent()) {
                return new Position(fileSource(file.get()), loc.get().line(), Math.max(1, loc.get().column()));
            }
        }
        return new Position(disassemblySource(funcIndex), disassemblyLine(funcIndex, moduleOffset), 1);
    }

    /** A source-level position (an inlined frame's), or the disassembly when its file is not here. */
    public Position position(String file, int line, int column, int moduleOffset, int funcIndex) {
        Optional<Path> local = line > 0 ? localFile(file) : Optional.empty();
        if (local.isPresent()) {
            return new Position(fileSource(local.get()), line, Math.max(1, column));
        }
        return position(moduleOffset, funcIndex);
    }

    public Source disassemblySource(int funcIndex) {
        Source s = new Source();
        s.setName(functionName.apply(funcIndex) + ".wat");
        s.setSourceReference(funcIndex + 1);
        s.setOrigin(DISASSEMBLY_ORIGIN);
        s.setPresentationHint(SourcePresentationHint.DEEMPHASIZE);
        return s;
    }

    /** The function a disassembly source reference shows, or -1 when the reference is not one of ours. */
    public int functionOfReference(int sourceReference) {
        int f = sourceReference - 1;
        return f >= module.importedFunctionCount() && f < module.functionCount() ? f : -1;
    }

    /** Line of an instruction in its function's disassembly source (line 1 is the header). */
    public int disassemblyLine(int funcIndex, int moduleOffset) {
        List<DisassemblyIndex.Instruction> insns = disassembly.function(funcIndex);
        int line = 2;
        for (int i = 0; i < insns.size(); i++) {
            if (insns.get(i).moduleOffset() <= moduleOffset) {
                line = i + 2;
            }
        }
        return line;
    }

    /** The module offset shown on a line of a function's disassembly source, or -1. */
    public int disassemblyOffset(int funcIndex, int line) {
        List<DisassemblyIndex.Instruction> insns = disassembly.function(funcIndex);
        int i = line - 2;
        return i >= 0 && i < insns.size() ? insns.get(i).moduleOffset() : -1;
    }

    public String disassemblyText(int funcIndex) {
        StringBuilder sb = new StringBuilder();
        sb.append(";; function ").append(funcIndex).append(' ').append(functionName.apply(funcIndex)).append(' ')
                .append(module.functionType(funcIndex)).append('\n');
        for (DisassemblyIndex.Instruction in : disassembly.function(funcIndex)) {
            sb.append(String.format("0x%06x: %s\n", in.moduleOffset(), in.text()));
        }
        return sb.toString();
    }
}

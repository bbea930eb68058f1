package dev.trapdoor.dap.source;

import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.dwarf.TextLines;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.SExprReader;
import dev.trapdoor.engine.text.TextPositions;
import dev.trapdoor.engine.text.Wat;

import java.nio.file.Path;

/**
 * A program given as a {@code .wat} file: compiled to a binary module, with its instructions' text positions kept
 * for a {@link SourceMap} whose source file is the {@code .wat} itself.
 *
 * @param binary    the compiled module
 * @param positions the text position of each instruction
 * @param path      the text file's absolute path, as breakpoints and frames name it
 */
public record TextProgram(byte[] binary, TextPositions positions, String path) {

    /** Whether a program path names a text module. */
    public static boolean isText(Path program) {
        return program.getFileName() != null && program.getFileName().toString().endsWith(".wat");
    }

    /**
     * Compiles the text; a syntax error is a {@link dev.trapdoor.engine.text.TextFormatException} naming
     * {@code file:line:col}.
     */
    public static TextProgram compile(Path program, byte[] text) {
        String path = program.toAbsolutePath().normalize().toString();
        Wat.Result r = Wat.compile(path, SExprReader.decode(path, text));
        return new TextProgram(r.binary(), r.positions(), path);
    }

    /** The source map answering from the text's lines instead of DWARF. */
    public SourceMap sourceMap(WasmModule module) {
        return SourceMap.of(module, new TextLines(path, positions.moduleOffsets(), positions.lines(),
                positions.columns()));
    }
}

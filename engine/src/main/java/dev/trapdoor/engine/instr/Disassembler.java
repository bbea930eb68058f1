package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a function body one instruction per line, {@code 0x1a2f: i32.load offset=4 align=2}, each line starting
 * with the instruction's module offset so it can be matched with trap locations and breakpoints.
 */
public final class Disassembler {
    private Disassembler() {
    }

    /**
     * Disassembles defined function {@code funcIndex} (an index in the function space, imports first).
     *
     * @throws IllegalArgumentException if the index is out of range or names an imported function
     * @throws dev.trapdoor.engine.error.MalformedModuleException if the body's instructions are not well encoded
     *         (bodies are decoded lazily, so this is the first place that may notice)
     */
    public static List<String> disassemble(WasmModule module, int funcIndex) {
        if (funcIndex < module.importedFunctionCount() || funcIndex >= module.functionCount()) {
            throw new IllegalArgumentException("function " + funcIndex + " has no body in this module");
        }
        FunctionBody body = module.body(funcIndex);
        ByteReader r = new ByteReader(module.bytes(), body.bodyOffset(), body.endOffset());
        List<String> lines = new ArrayList<>();
        while (!r.atEnd()) {
            Instruction instruction = InstructionReader.read(r);
            lines.add(String.format("0x%x: %s", instruction.moduleOffset(), InstructionText.of(instruction)));
        }
        return lines;
    }
}

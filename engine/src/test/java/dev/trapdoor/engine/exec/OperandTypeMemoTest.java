package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kept operand types answer as the validator's walk does, at every instruction of real programs. */
class OperandTypeMemoTest {
    private static final List<String> FIXTURES = List.of("/dwarf/prog-O0.wasm", "/dwarf/prog-O2.wasm",
            "/debug/debuggee.wasm");

    /** One instruction of a function, with the types the validator had before it. */
    private record Pc(int funcIndex, int moduleOffset, ValType[] types) {
    }

    private static WasmModule load(String resource) throws IOException {
        try (InputStream in = OperandTypeMemoTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return Wasm.load(in.readAllBytes());
        }
    }

    /** Every instruction of every defined function, as one full validation sees it. */
    private static List<Pc> everyPc(WasmModule module) {
        List<Pc> pcs = new ArrayList<>();
        ModuleContext ctx = new ModuleContext(module);
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            int func = f;
            CodeSink sink = (opcode, offset, v) -> {
                ValType[] t = new ValType[v.height()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = v.operandType(i);
                }
                pcs.add(new Pc(func, offset, t));
            };
            new FunctionValidator(ctx, sink).validate(f, module.body(f));
        }
        return pcs;
    }

    @Test
    void everyInstructionOfThreeProgramsAnswersAsTheWalkTwice() throws IOException {
        for (String fixture : FIXTURES) {
            WasmModule module = load(fixture);
            List<Pc> pcs = everyPc(module);
            assertTrue(pcs.size() > 100, fixture + ": " + pcs.size() + " instructions");
            // Each session has a context of its own; the memo is the module's.
            ModuleContext first = new ModuleContext(module);
            ModuleContext second = new ModuleContext(module);
            for (int round = 0; round < 2; round++) {
                for (Pc pc : pcs) {
                    ModuleContext ctx = round == 0 ? first : second;
                    String where = fixture + " function " + pc.funcIndex() + " at 0x"
                            + Integer.toHexString(pc.moduleOffset()) + ", round " + round;
                    ValType[] walked = OperandTypes.walk(ctx, pc.funcIndex(), pc.moduleOffset());
                    assertArrayEquals(pc.types(), walked, where);
                    assertArrayEquals(walked, OperandTypes.at(ctx, pc.funcIndex(), pc.moduleOffset()), where);
                }
            }
        }
    }

    @Test
    void aSecondAskIsTheKeptAnswerAndAnotherModuleHasItsOwn() throws IOException {
        WasmModule module = load("/dwarf/prog-O2.wasm");
        Pc deepest = everyPc(module).stream().max((a, b) -> Integer.compare(a.types().length, b.types().length))
                .orElseThrow();
        assertTrue(deepest.types().length > 0);
        ModuleContext ctx = new ModuleContext(module);
        ValType[] once = OperandTypes.at(ctx, deepest.funcIndex(), deepest.moduleOffset());
        assertSame(once, OperandTypes.at(new ModuleContext(module), deepest.funcIndex(), deepest.moduleOffset()));
        WasmModule again = load("/dwarf/prog-O2.wasm");
        ValType[] other = OperandTypes.at(new ModuleContext(again), deepest.funcIndex(), deepest.moduleOffset());
        assertTrue(once != other, "a module loaded again walks again");
        assertArrayEquals(once, other);
    }

    @Test
    void pastItsLimitTheMemoStartsAfreshAndStillAnswersRight() throws IOException {
        WasmModule module = load("/dwarf/prog-O0.wasm");
        List<Pc> pcs = everyPc(module);
        assertTrue(pcs.size() > OperandTypeMemo.LIMIT, pcs.size() + " instructions");
        ModuleContext ctx = new ModuleContext(module);
        OperandTypeMemo memo = OperandTypeMemo.of(module);
        int most = 0;
        for (Pc pc : pcs) {
            assertTrue(Arrays.equals(pc.types(), OperandTypes.at(ctx, pc.funcIndex(), pc.moduleOffset())));
            most = Math.max(most, memo.size());
        }
        assertEquals(OperandTypeMemo.LIMIT, most);
        assertTrue(memo.size() < pcs.size() - OperandTypeMemo.LIMIT + 1, "kept " + memo.size());
    }

    @Test
    void anOffsetPastTheFunctionHasAnEmptyStack() throws IOException {
        WasmModule module = load("/debug/debuggee.wasm");
        int f = module.importedFunctionCount();
        ModuleContext ctx = new ModuleContext(module);
        assertEquals(0, OperandTypes.at(ctx, f, Integer.MAX_VALUE).length);
        assertEquals(0, OperandTypes.walk(ctx, f, Integer.MAX_VALUE).length);
    }
}

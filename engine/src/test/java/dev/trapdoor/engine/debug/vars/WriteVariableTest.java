package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.dwarf.EvaluationException;
import dev.trapdoor.engine.dwarf.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing variables while stopped changes what the program computes afterwards. */
class WriteVariableTest {
    static final List<String> ALL = VarsProgram.ALL;
    static final List<String> O0 = VarsProgram.O0;

    private static long plain(String fixture, String function, long... args) {
        return new VarsProgram(fixture).instance.invoke(function, args)[0];
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void writingAStructMemberInMemory(String fixture) {
        long before = plain(fixture, "inspect", 5);
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_INSPECT");
        long after = p.run("inspect", stop -> {
            try {
                Value x = stop.value("p").children().get(0);
                p.vars.write(x, "100", stop.state(0));
                assertEquals("100", stop.value("p").children().get(0).display());
            } catch (EvaluationException e) {
                throw new AssertionError(e);
            }
        }, 5);
        assertEquals(before + 95, after, "return p.x + ...");
    }

    @ParameterizedTest
    @FieldSource("O0")
    void writingBaseTypesEnumsBitfieldsAndPointers(String fixture) {
        long before = plain(fixture, "inspect", 5);
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_INSPECT");
        long after = p.run("inspect", stop -> {
            try {
                stop.write("c", "RED");
                assertEquals("RED", stop.value("c").display());
                stop.write("uc", "'A'");
                assertEquals("65", stop.value("uc").display());
                stop.write("f", "7.9");
                assertEquals("7.9", stop.value("f").display());
                stop.write("b", "false");
                stop.write("ll", "-1000000000");
                Value fb = stop.value("fl").children().get(1);
                p.vars.write(fb, "7", stop.state(0));
                assertEquals("{a=5, b=7, c=1, rest=1000}", stop.value("fl").display(), "neighbours kept");
                stop.write("pp", "0x" + Long.toHexString(stop.value("pts").address().orElseThrow()));
                assertEquals("{x=7, y=8}", stop.value("pp").children().get(0).display());
            } catch (EvaluationException e) {
                throw new AssertionError(e);
            }
        }, 5);
        // c 6->0, uc 250->65, (int) f 3->7, b 1->0, ll/1e9 -5->-1, fl.b -3->7, pp->y 10->8.
        assertEquals(before - 6 - 185 + 4 - 1 + 4 + 10 - 2, after);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void writingAParameterInAWasmLocal(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_SCALARS");
        p.run("scalars", stop -> {
            try {
                stop.write("a", "10");
                assertEquals("10", stop.value("a").display());
                if (p.optimized()) {
                    assertEquals(10, stop.frames.get(0).local(0), "a is Wasm local 0 at -O2");
                }
            } catch (EvaluationException e) {
                throw new AssertionError(e);
            }
        }, 3, 4);
    }

    @ParameterizedTest
    @FieldSource("O0")
    void writingALocalVariableChangesTheResult(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_SCALARS");
        long result = p.run("scalars", stop -> {
            try {
                stop.write("sum", "1");
            } catch (EvaluationException e) {
                throw new AssertionError(e);
            }
        }, 3, 4);
        assertEquals(100 + 12, result);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void writesThatCannotBeDoneSaySo(String fixture) {
        VarsProgram p = new VarsProgram(fixture);
        p.breakAt("BP_INSPECT");
        p.run("inspect", stop -> {
            EvaluationException struct = assertThrows(EvaluationException.class, () -> stop.write("p", "1"));
            assertTrue(struct.getMessage().contains("cannot write a value of type point_t"), struct.getMessage());
            Value uc = stop.value("uc");
            if (uc.unavailable().isEmpty() && uc.address().isPresent()) {
                EvaluationException range = assertThrows(EvaluationException.class, () -> stop.write("uc", "300"));
                assertEquals("value 300 does not fit unsigned char", range.getMessage());
            }
            EvaluationException text = assertThrows(EvaluationException.class, () -> stop.write("n", "five"));
            assertEquals("not a number: 'five'", text.getMessage());
            if (p.optimized()) {
                // At -O2 c is the constant 6 in the debug info: nothing to write to.
                EvaluationException computed = assertThrows(EvaluationException.class, () -> stop.write("c", "RED"));
                assertTrue(computed.getMessage().contains("computed by the debug info"), computed.getMessage());
                EvaluationException gone = assertThrows(EvaluationException.class, () -> stop.write("s", "0"));
                assertEquals("cannot write s: optimized out", gone.getMessage());
            }
        }, 5);
    }
}

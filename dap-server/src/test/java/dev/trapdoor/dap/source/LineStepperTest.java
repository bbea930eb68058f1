package dev.trapdoor.dap.source;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.dwarf.OffsetRange;
import dev.trapdoor.engine.dwarf.SourceLocation;
import dev.trapdoor.engine.dwarf.SourceMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Line stepping decisions against a mocked line table: line 10 is [0x100,0x110) and [0x130,0x140). */
class LineStepperTest {
    private final SourceMap map = mock(SourceMap.class);
    private final List<OffsetRange> line10 = List.of(new OffsetRange(0x100, 0x110), new OffsetRange(0x130, 0x140));
    private final List<OffsetRange> line11 = List.of(new OffsetRange(0x110, 0x130));

    LineStepperTest() {
        when(map.lineRanges(anyInt())).thenAnswer(a -> {
            int pc = a.getArgument(0);
            return pc >= 0x110 && pc < 0x130 ? line11 : pc >= 0x100 && pc < 0x140 ? line10 : List.of();
        });
        when(map.locate(anyInt())).thenAnswer(a -> {
            int pc = a.getArgument(0);
            int line = pc >= 0x110 && pc < 0x130 ? 11 : pc >= 0x100 && pc < 0x140 ? 10 : 0;
            return line == 0 ? Optional.empty() : Optional.of(new SourceLocation("a.c", line, 1, true));
        });
    }

    private static List<DebugFrame> at(int pc, int depth) {
        DebugFrame f = mock(DebugFrame.class);
        when(f.moduleOffset()).thenReturn(pc);
        DebugFrame[] frames = new DebugFrame[depth];
        frames[0] = f;
        for (int i = 1; i < depth; i++) {
            frames[i] = mock(DebugFrame.class);
        }
        return List.of(frames);
    }

    @Test
    void nextStopsAtTheStartOfAnotherLine() {
        LineStepper s = new LineStepper(map, IntUnaryOperator.identity(), LineStepper.Kind.OVER, false);
        assertEquals(Resume.whileInRange(0x100, 0x110), s.start(at(0x104, 2)));
        assertNull(s.onStep(at(0x110, 2)), "line 11 starts here");
    }

    @Test
    void leavingIntoAnotherRangeOfTheSameLineKeepsGoing() {
        LineStepper s = new LineStepper(map, IntUnaryOperator.identity(), LineStepper.Kind.OVER, false);
        s.start(at(0x104, 2));
        assertEquals(Resume.whileInRange(0x130, 0x140), s.onStep(at(0x130, 2)));
    }

    @Test
    void landingInTheMiddleOfALineFinishesIt() {
        LineStepper s = new LineStepper(map, IntUnaryOperator.identity(), LineStepper.Kind.OVER, false);
        s.start(at(0x104, 2));
        assertEquals(Resume.whileInRange(0x110, 0x130), s.onStep(at(0x118, 2)));
    }

    @Test
    void stepInStopsInACalleeWithLinesAndStepsOutOfOneWithout() {
        LineStepper s = new LineStepper(map, IntUnaryOperator.identity(), LineStepper.Kind.INTO, false);
        assertEquals(Resume.whileInRangeInto(0x100, 0x110), s.start(at(0x100, 2)));
        assertEquals(Resume.STEP_OUT, s.onStep(at(0x900, 3)), "no line info in the callee");
        assertEquals(Resume.whileInRangeInto(0x100, 0x110), s.onStep(at(0x108, 2)));
        assertNull(s.onStep(at(0x110, 3)), "a callee with lines");
    }

    @Test
    void stepOutStopsOnTheCallersLineWhereTheCallReturns() {
        LineStepper s = new LineStepper(map, IntUnaryOperator.identity(), LineStepper.Kind.OUT, false);
        assertEquals(Resume.STEP_OUT, s.start(at(0x500, 3)));
        assertNull(s.onStep(at(0x11c, 2)), "the call line has more to do: stop there");
    }

    @Test
    void withJustMyCodeAReturnFromOurCodeIntoCodeWithoutLinesStepsOnOut() {
        LineStepper s = new LineStepper(map, IntUnaryOperator.identity(), LineStepper.Kind.OVER, false, f -> true);
        s.start(at(0x104, 3));
        assertEquals(Resume.STEP_OUT, s.onStep(at(0x900, 2)), "the caller has no lines: on out");
        assertEquals(Resume.whileInRange(0x110, 0x130), s.onStep(at(0x118, 1)), "back in ours: finish the line");
    }

    @Test
    void withoutJustMyCodeOrFromCodeWithoutLinesAReturnStopsInTheCaller() {
        LineStepper off = new LineStepper(map, IntUnaryOperator.identity(), LineStepper.Kind.OVER, false);
        off.start(at(0x104, 3));
        assertNull(off.onStep(at(0x900, 2)), "justMyCode off: stop where the return lands");
        LineStepper noLines = new LineStepper(map, IntUnaryOperator.identity(), LineStepper.Kind.OVER, false,
                f -> true);
        noLines.start(at(0x800, 3));
        assertNull(noLines.onStep(at(0x900, 2)), "a step in code without lines stops in its caller");
    }
}

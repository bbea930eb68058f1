package dev.trapdoor.dap.handler;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.model.ValType;

import java.util.Arrays;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Mocked engine frames for handler tests: i32 locals with values that setLocal really changes. */
final class Fixtures {
    private Fixtures() {
    }

    static DebugFrame frame(String function, int funcIndex, int pc, long... locals) {
        DebugFrame f = mock(DebugFrame.class);
        long[] values = Arrays.copyOf(locals, locals.length);
        when(f.functionName()).thenReturn(function);
        when(f.funcIndex()).thenReturn(funcIndex);
        when(f.moduleOffset()).thenReturn(pc);
        when(f.localCount()).thenReturn(values.length);
        when(f.localType(anyInt())).thenReturn(ValType.I32);
        when(f.local(anyInt())).thenAnswer(a -> values[(int) a.getArgument(0)]);
        doAnswer(a -> {
            values[(int) a.getArgument(0)] = a.getArgument(1);
            return null;
        }).when(f).setLocal(anyInt(), anyLong());
        when(f.stackHeight()).thenReturn(1);
        when(f.stackType(0)).thenReturn(ValType.I64);
        when(f.stack(0)).thenReturn(1L << 40);
        when(f.isValid()).thenReturn(true);
        return f;
    }
}

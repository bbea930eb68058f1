package dev.trapdoor.engine.debug;

import dev.trapdoor.engine.model.FuncType;

/**
 * How often function-pointer-cast emulation adapted the calls of one {@code call_indirect} site to one callee (and so
 * one pair of types): the first such call is a {@link DebugEvent.FunctionPointerCast}, the rest are counted here.
 */
public record AdaptedCalls(int callerFuncIndex, int callerModuleOffset, int calleeFuncIndex, String calleeName,
                           FuncType expected, FuncType actual, long count) {
}

package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operand types {@link OperandTypes} found, per module, by (function, instruction). Every stop of a debug
 * session whose variables live on the operand stack (clang's -O1 and up) or that stands at a call asks for them, and
 * each answer was a validator walk of the function up to the pc: under 50 sessions stepping one program, 500 walks
 * of the same few functions, and a method the JIT compiled again while they stepped (benchmarks/RESULTS.md,
 * session 20). A module's sessions share one memo (the answer depends on the module's code only), held as long as
 * the module.
 *
 * <p>Memory: only instructions a debugger asked about are kept, about 80 bytes each plus 4 per operand; past {@value
 * #LIMIT} of them in one module the memo starts afresh, so a long session that stops everywhere keeps at most a few
 * hundred kilobytes.
 */
final class OperandTypeMemo {
    static final int LIMIT = 4096;
    /** Guarded by itself. */
    private static final Map<WasmModule, OperandTypeMemo> MEMOS = new WeakHashMap<>();

    private final Map<Long, ValType[]> answers = new ConcurrentHashMap<>();

    private OperandTypeMemo() {
    }

    /**
     * The module's memo. No lambda here nor in {@link #get}: this path first runs when a session stops where a
     * variable lives on the operand stack, which may be a fresh server's 50 sessions at once, and a lambda's first
     * call spins its class (a fresh server's slowest steps, benchmarks/RESULTS.md, session 21).
     */
    static OperandTypeMemo of(WasmModule module) {
        synchronized (MEMOS) {
            OperandTypeMemo memo = MEMOS.get(module);
            if (memo == null) {
                memo = new OperandTypeMemo();
                MEMOS.put(module, memo);
            }
            return memo;
        }
    }

    /** The kept answer for the instruction at {@code moduleOffset} of {@code funcIndex}, else null. */
    ValType[] get(int funcIndex, int moduleOffset) {
        return answers.get(key(funcIndex, moduleOffset));
    }

    /** Keeps {@code types} as the answer for the instruction at {@code moduleOffset} of {@code funcIndex}. */
    void put(int funcIndex, int moduleOffset, ValType[] types) {
        if (answers.size() >= LIMIT) {
            answers.clear();
        }
        answers.put(key(funcIndex, moduleOffset), types);
    }

    private static Long key(int funcIndex, int moduleOffset) {
        return ((long) funcIndex << 32) | (moduleOffset & 0xFFFF_FFFFL);
    }

    /** How many answers are kept (for tests). */
    int size() {
        return answers.size();
    }
}

package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
    private static final Map<WasmModule, OperandTypeMemo> MEMOS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<Long, ValType[]> answers = new ConcurrentHashMap<>();

    private OperandTypeMemo() {
    }

    static OperandTypeMemo of(WasmModule module) {
        return MEMOS.computeIfAbsent(module, m -> new OperandTypeMemo());
    }

    /** The kept answer for the instruction at {@code moduleOffset} of {@code funcIndex}, else {@code walk}'s. */
    ValType[] get(int funcIndex, int moduleOffset, Supplier<ValType[]> walk) {
        Long key = ((long) funcIndex << 32) | (moduleOffset & 0xFFFF_FFFFL);
        ValType[] kept = answers.get(key);
        if (kept != null) {
            return kept;
        }
        ValType[] found = walk.get();
        if (answers.size() >= LIMIT) {
            answers.clear();
        }
        answers.put(key, found);
        return found;
    }

    /** How many answers are kept (for tests). */
    int size() {
        return answers.size();
    }
}

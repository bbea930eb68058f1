package dev.trapdoor.engine.trap;

import dev.trapdoor.engine.model.FuncType;

/** The operands of a trap, structured so a debugger can show them field by field. */
public sealed interface TrapDetail {
    /** One line for people, e.g. "load of 4 bytes at address 0x10000 (base 0xfffc + offset 4), memory size 65536". */
    String describe();

    /** Nothing to add beyond the kind (e.g. {@code unreachable}). */
    record None() implements TrapDetail {
        public String describe() {
            return "";
        }
    }

    /** Free text, for traps raised by hosts. */
    record Text(String text) implements TrapDetail {
        public String describe() {
            return text;
        }
    }

    /** A load or store outside linear memory. */
    record MemoryAccess(boolean store, long address, long base, long staticOffset, int width, long memorySize)
            implements TrapDetail {
        public String describe() {
            return String.format("%s of %d bytes at address 0x%x (base 0x%x + offset %d), memory size %d",
                    store ? "store" : "load", width, address, base, staticOffset, memorySize);
        }
    }

    /** A bulk memory or table operation ({@code memory.copy}, {@code table.init}, ...) out of bounds. */
    record BulkAccess(String instruction, String description) implements TrapDetail {
        public String describe() {
            return instruction + ": " + description;
        }
    }

    /** {@code table.get}/{@code table.set} outside the table. */
    record TableAccess(int tableIndex, long index, int tableSize) implements TrapDetail {
        public String describe() {
            return String.format("table %d index %d, table size %d", tableIndex, index, tableSize);
        }
    }

    /**
     * A {@code call_indirect} that failed: the slot is outside the table, null, or holds a function of another type.
     * {@code actual}, {@code calleeIndex} and {@code calleeName} are null/-1 when there is no callee.
     */
    record IndirectCall(int callerFuncIndex, int callerModuleOffset, int tableIndex, long elementIndex, int tableSize,
                        FuncType expected, FuncType actual, int calleeIndex, String calleeName)
            implements TrapDetail {
        public String describe() {
            String where = String.format("call_indirect in function %d at 0x%x, table %d slot %d (table size %d)",
                    callerFuncIndex, callerModuleOffset, tableIndex, elementIndex, tableSize);
            if (actual == null) {
                return where + ", expected " + expected;
            }
            return where + ": callee " + calleeName + " (function " + calleeIndex + ") has type " + actual
                    + ", expected " + expected;
        }

        /** The same detail, with the caller filled in where the trap was caught. */
        public IndirectCall withCaller(int funcIndex, int moduleOffset) {
            return new IndirectCall(funcIndex, moduleOffset, tableIndex, elementIndex, tableSize, expected, actual,
                    calleeIndex, calleeName);
        }
    }

    /** Integer division or remainder that trapped; operands as unsigned or signed per the instruction. */
    record Arithmetic(String instruction, String left, String right) implements TrapDetail {
        public String describe() {
            return instruction + " " + left + ", " + right;
        }
    }

    /** A float-to-integer truncation of NaN or an out-of-range value. */
    record Conversion(String instruction, double operand) implements TrapDetail {
        public String describe() {
            return instruction + " of " + operand;
        }
    }

    /**
     * The call stack or value stack reached its limit; {@code valueStackSlots} is -1 when the thread's JVM stack ran
     * out first (compiled code on a thread with a small stack).
     */
    record StackExhausted(int depth, int maxDepth, long valueStackSlots, long maxValueStackSlots)
            implements TrapDetail {
        public String describe() {
            if (valueStackSlots < 0) {
                // Compiled Wasm calls are JVM calls: the thread's own stack ran out before the engine's limits.
                return String.format("call depth %d (limit %d): the thread's JVM stack ran out first (run the guest"
                        + " on a thread with a larger stack)", depth, maxDepth);
            }
            return String.format("call depth %d (limit %d), value stack %d slots (limit %d)", depth, maxDepth,
                    valueStackSlots, maxValueStackSlots);
        }
    }

    /** A host function threw, or returned the wrong number of results. */
    record HostFailure(String function, String message) implements TrapDetail {
        public String describe() {
            return function + ": " + message;
        }
    }
}

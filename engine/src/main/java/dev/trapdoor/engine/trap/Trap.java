package dev.trapdoor.engine.trap;

import dev.trapdoor.engine.error.WasmException;

import java.util.List;

/**
 * A trap: execution stopped at an instruction that cannot continue. Carries the kind, the module offset of the
 * trapping instruction, the function it is in, a human-readable detail of the operands, and the Wasm call stack
 * innermost first.
 */
public final class Trap extends WasmException {
    private final TrapKind kind;
    private final TrapDetail detail;
    private final int funcIndex;
    private final int moduleOffset;
    private final List<WasmFrame> stack;

    public Trap(TrapKind kind, TrapDetail detail, int funcIndex, int moduleOffset, List<WasmFrame> stack) {
        super(detail == null || detail.describe().isEmpty() ? kind.message()
                : kind.message() + ": " + detail.describe());
        this.kind = kind;
        this.detail = detail == null ? new TrapDetail.None() : detail;
        this.funcIndex = funcIndex;
        this.moduleOffset = moduleOffset;
        this.stack = List.copyOf(stack);
    }

    public TrapKind kind() {
        return kind;
    }

    /** A trap with a free-text detail, for hosts. */
    public Trap(TrapKind kind, String detail, int funcIndex, int moduleOffset, List<WasmFrame> stack) {
        this(kind, detail == null || detail.isEmpty() ? new TrapDetail.None() : new TrapDetail.Text(detail), funcIndex,
                moduleOffset, stack);
    }

    /** The operands that made it trap, e.g. the effective address and memory size. */
    public TrapDetail detail() {
        return detail;
    }

    /** Index of the function holding the trapping instruction, or -1 when the trap did not happen in Wasm code. */
    public int funcIndex() {
        return funcIndex;
    }

    /** Module offset of the trapping instruction, or -1 when the trap did not happen in Wasm code. */
    public int moduleOffset() {
        return moduleOffset;
    }

    /** The Wasm call stack at the trap, innermost frame first. */
    public List<WasmFrame> stack() {
        return stack;
    }
}

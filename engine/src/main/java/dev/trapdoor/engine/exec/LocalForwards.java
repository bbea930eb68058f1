package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.instr.InstructionSkip;
import dev.trapdoor.engine.instr.Opcode;
import dev.trapdoor.engine.model.FunctionBody;

import java.util.BitSet;

/**
 * Stores the translator does not emit. clang -O0 gives every intermediate value a local of its own, set once and read
 * once a few instructions later ({@code i32.const 1; local.set 16; ...; local.get 16}). When such a single-use local
 * is set from a constant or another local, the value is forwarded to its one read instead: the read becomes that
 * constant or local, and the store never happens. The store is emitted after all ({@link #flush}) where control
 * flow could take the read elsewhere (any branch or branch target), and before the source local changes
 * ({@link #beforeWrite}).
 *
 * <p>While a value is forwarded, the local itself still holds its old value: a debugger that shows raw Wasm locals
 * sees it stale until the read. clang's DWARF for -O0 code does not name these temporaries.
 */
final class LocalForwards {
    private static final int NONE = -1;
    private static final int CONST = -2;

    private final BitSet singleUse;
    private final IntList code;
    /** {@link Op#COPY}, or {@link Op#COPY_V} in a function that holds v128 values (they need both halves). */
    int copyOp = Op.COPY;
    private final OperandAliases aliases;
    private final int[] source;
    private final long[] constant;
    private final BitSet pending = new BitSet();

    LocalForwards(byte[] module, FunctionBody body, int locals, IntList code, OperandAliases aliases) {
        this.singleUse = singleUse(module, body, locals);
        this.code = code;
        this.aliases = aliases;
        this.source = new int[locals];
        this.constant = new long[locals];
    }

    /** Locals with exactly one {@code local.set} and one {@code local.get} (no {@code local.tee}) in the body. */
    private static BitSet singleUse(byte[] module, FunctionBody body, int locals) {
        int[] sets = new int[locals];
        int[] gets = new int[locals];
        ByteReader r = new ByteReader(module, body.bodyOffset(), body.endOffset());
        while (r.pos() < body.endOffset()) {
            int b = module[r.pos()] & 0xFF;
            if (b >= 0x20 && b <= 0x22) { // local.get, local.set, local.tee
                r.u8();
                int x = r.u32();
                if (b == 0x20) {
                    gets[x]++;
                } else {
                    sets[x] += b == 0x21 ? 1 : 2;
                }
                continue;
            }
            Opcode op = InstructionSkip.skip(r);
            if (op == Opcode.TRY || op == Opcode.TRY_TABLE) {
                // A handler is entered from any call or throw in the try: no store may wait for a later read.
                return new BitSet();
            }
        }
        BitSet single = new BitSet(locals);
        for (int x = 0; x < locals; x++) {
            if (sets[x] == 1 && gets[x] == 1) {
                single.set(x);
            }
        }
        return single;
    }

    /** {@code local.set x} of a local (from >= 0) or a constant: true when x takes the value by forwarding. */
    boolean offer(int x, int from, long value) {
        if (!singleUse.get(x) || pending.get(x)) {
            return false;
        }
        source[x] = from >= 0 ? from : CONST;
        constant[x] = value;
        pending.set(x);
        return true;
    }

    /** The one read of x: the local it forwards (>= 0), {@link OperandAliases#CONST}, or -1 when x is not forwarded. */
    int take(int x) {
        if (x >= source.length || !pending.get(x)) {
            return NONE;
        }
        pending.clear(x);
        return source[x] == CONST ? OperandAliases.CONST : source[x];
    }

    long constant(int x) {
        return constant[x];
    }

    /** Local y is about to be written: forwards that read y get their stores now, with y's value before the write. */
    void beforeWrite(int y) {
        for (int x = pending.nextSetBit(0); x >= 0; x = pending.nextSetBit(x + 1)) {
            if (source[x] == y) {
                store(x);
            }
        }
    }

    /** Emits every pending store: control flow may reach the read along another path from here. */
    void flush() {
        for (int x = pending.nextSetBit(0); x >= 0; x = pending.nextSetBit(x + 1)) {
            store(x);
        }
    }

    /**
     * The deferred stores as pairs (local, source): a source local's index, or {@code -2 - k} for constant k of the
     * alias pool; null when there are none. Moving a frame to other code of the function performs them.
     */
    int[] snapshot(OperandAliases pool) {
        if (pending.isEmpty()) {
            return null;
        }
        int[] pairs = new int[pending.cardinality() * 2];
        int n = 0;
        for (int x = pending.nextSetBit(0); x >= 0; x = pending.nextSetBit(x + 1)) {
            pairs[n++] = x;
            pairs[n++] = source[x] == CONST ? pool.pooled(constant[x]) : source[x];
        }
        return pairs;
    }

    boolean any() {
        return !pending.isEmpty();
    }

    private void store(int x) {
        pending.clear(x);
        if (source[x] == CONST) {
            aliases.emitConst(x, constant[x]);
        } else if (source[x] != x) {
            code.add(copyOp);
            code.add(x);
            code.add(source[x]);
        }
    }
}

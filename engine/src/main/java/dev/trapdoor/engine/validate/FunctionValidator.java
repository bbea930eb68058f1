package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.binary.ProposalTypes;
import dev.trapdoor.engine.binary.RefTypes;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.instr.ProposalOpcodes;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.Arrays;

import static dev.trapdoor.engine.validate.Types.F32;
import static dev.trapdoor.engine.validate.Types.F64;
import static dev.trapdoor.engine.validate.Types.I32;
import static dev.trapdoor.engine.validate.Types.I64;
import static dev.trapdoor.engine.validate.Types.UNKNOWN;

/**
 * Validates one function body with the spec's algorithm (an operand stack of types and a control stack of frames)
 * and, when given a {@link CodeSink}, reports every instruction with its immediates and the static stack height.
 * Encoding errors inside the body are {@link MalformedModuleException}s; type errors are
 * {@link InvalidModuleException}s naming the function and the instruction's module offset.
 */
public final class FunctionValidator {
    /** Kinds of control frames, by the opcode that opened them; {@link #FUNC} is the body itself. */
    public static final int BLOCK = 0x02;
    public static final int LOOP = 0x03;
    public static final int IF = 0x04;
    public static final int ELSE = 0x05;
    public static final int FUNC = 0x00;

    private final ModuleContext ctx;
    final WasmModule module;
    private final CodeSink sink;

    private int funcIndex;
    int instrOffset;
    ByteReader r;
    int[] localTypes;
    private int localCount;
    final LocalInits inits = new LocalInits();
    int[] resultTypes;

    private int[] stack = new int[64];
    private int height;
    private Frame[] frames = new Frame[16];
    private int depth;

    // Immediates of the current instruction, for the sink.
    /** First index immediate: local, global, function, type, label, table, segment, or select/ref.null type. */
    public int immA;
    /** Second index immediate: table of call_indirect, destination/source tables and memories. */
    public int immB;
    /** Memory of a load or store (multi-memory); memories of the other memory instructions are in immA/immB. */
    public int memoryIndex;
    /** Constant value (raw bits for floats), or the memarg offset. */
    public long immL;
    /** High 8 bytes of a SIMD {@code v128.const} or shuffle mask, whose low 8 bytes are in {@link #immL}. */
    public long immH;
    /** br_table targets: {@code brTargets[0..brCount)} then the default at {@code brTargets[brCount]}. */
    public int[] brTargets = new int[8];
    public int brCount;
    /** try_table's catch clauses: (kind 0-3, tag or -1, label) triples, {@code catchCount} of them. */
    public int[] catches = new int[0];
    public int catchCount;

    public FunctionValidator(ModuleContext ctx, CodeSink sink) {
        this.ctx = ctx;
        this.module = ctx.module;
        this.sink = sink;
    }

    /** A control frame; {@code dead} marks frames opened in unreachable code, whose contents never run. */
    public static final class Frame {
        public int kind;
        public int[] params;
        public int[] results;
        public int height;
        public boolean unreachable;
        public boolean dead;
        int initHeight;

        /** Number of values a branch to this frame carries. */
        public int branchArity() {
            return kind == LOOP ? params.length : results.length;
        }

        int[] labelTypes() {
            return kind == LOOP ? params : results;
        }
    }

    ModuleContext ctx() {
        return ctx;
    }

    // ----- state the sink reads -----

    /** Operand-stack height before the current instruction. */
    public int height() {
        return height;
    }

    /** Number of locals, parameters included. */
    public int localCount() {
        return localCount;
    }

    /** The frame {@code labelDepth} levels out (0 = innermost). */
    public Frame frame(int labelDepth) {
        return frames[depth - 1 - labelDepth];
    }

    /** Control-stack depth (1 inside the body's outermost level). */
    public int depth() {
        return depth;
    }

    /** Whether the current instruction can run: neither after an unconditional branch nor inside a dead frame. */
    public boolean live() {
        Frame f = frames[depth - 1];
        return !f.unreachable && !f.dead;
    }

    /** Type of operand-stack entry {@code i} (0 = bottom) before the current instruction; null where unknown. */
    public ValType operandType(int i) {
        return Types.toValType(stack[i]);
    }

    /** The function's result count. */
    public int resultCount() {
        return resultTypes.length;
    }

    // ----- entry point -----

    public void validate(int funcIndex, FunctionBody body) {
        this.funcIndex = funcIndex;
        FuncType type = module.functionType(funcIndex);
        ValType[] locals = body.locals();
        this.localCount = type.paramCount() + locals.length;
        this.localTypes = new int[localCount];
        for (int i = 0; i < type.paramCount(); i++) {
            localTypes[i] = type.paramCode(i);
        }
        int[] localCodes = body.localCodes();
        for (int i = 0; i < locals.length; i++) {
            localTypes[type.paramCount() + i] = ctx.checkType(localCodes[i], this);
        }
        inits.reset(localTypes, type.paramCount());
        this.resultTypes = type.resultCodes();
        this.r = new ByteReader(module.bytes(), body.bodyOffset(), body.endOffset());
        this.height = 0;
        this.depth = 0;
        pushFrame(FUNC, new int[0], resultTypes);
        while (depth > 0) {
            if (r.atEnd()) {
                throw r.malformed("unexpected end of section or function");
            }
            instrOffset = r.pos();
            step(r.u8());
        }
        if (!r.atEnd()) {
            throw new MalformedModuleException(r.pos(), "section size mismatch: operators after the function's end");
        }
    }

    static int[] typesOf(ValType[] types) {
        int[] out = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            out[i] = Types.of(types[i]);
        }
        return out;
    }

    // ----- stack discipline -----

    InvalidModuleException invalid(String reason) {
        return new InvalidModuleException(funcIndex, instrOffset, reason);
    }

    void push(int t) {
        if (height == stack.length) {
            stack = Arrays.copyOf(stack, height * 2);
        }
        stack[height++] = t;
    }

    int pop() {
        Frame f = frames[depth - 1];
        if (height == f.height) {
            if (f.unreachable) {
                return UNKNOWN;
            }
            throw invalid("type mismatch: operand stack is empty");
        }
        return stack[--height];
    }

    int pop(int expected) {
        int actual = pop();
        if (actual != expected && actual != UNKNOWN && expected != UNKNOWN
                && !ctx.subtyping.matches(actual, expected)) {
            throw invalid("type mismatch: expected " + Types.name(expected) + ", got " + Types.name(actual));
        }
        return actual;
    }

    void popAll(int[] types) {
        for (int i = types.length - 1; i >= 0; i--) {
            pop(types[i]);
        }
    }

    void pushAll(int[] types) {
        for (int t : types) {
            push(t);
        }
    }

    void pushFrame(int kind, int[] params, int[] results) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        Frame f = frames[depth];
        if (f == null) {
            f = frames[depth] = new Frame();
        }
        boolean parentDead = depth > 0 && (frames[depth - 1].dead || frames[depth - 1].unreachable);
        f.kind = kind;
        f.params = params;
        f.results = results;
        f.height = height;
        f.unreachable = false;
        f.dead = parentDead;
        f.initHeight = inits.height();
        depth++;
        pushAll(params);
    }

    Frame popFrame() {
        Frame f = frames[depth - 1];
        popAll(f.results);
        if (height != f.height) {
            throw invalid("type mismatch: values remain on the stack at the end of a block");
        }
        inits.restore(f.initHeight);
        depth--;
        return f;
    }

    void setUnreachable() {
        Frame f = frames[depth - 1];
        height = f.height;
        f.unreachable = true;
    }

    Frame label(int labelDepth) {
        if (labelDepth < 0 || labelDepth >= depth) {
            throw invalid("unknown label " + Integer.toUnsignedString(labelDepth));
        }
        return frames[depth - 1 - labelDepth];
    }

    // ----- immediates -----

    private int local(int index) {
        if (index < 0 || index >= localCount) {
            throw invalid("unknown local " + Integer.toUnsignedString(index));
        }
        return localTypes[index];
    }

    private GlobalType global(int index) {
        if (index < 0 || index >= module.globalTypes().size()) {
            throw invalid("unknown global " + Integer.toUnsignedString(index));
        }
        return module.globalTypes().get(index);
    }

    FuncType type(int index) {
        if (index < 0 || index >= module.types().size()) {
            throw invalid("unknown type " + Integer.toUnsignedString(index));
        }
        return module.types().get(index);
    }

    TableType table(int index) {
        if (index < 0 || index >= module.tables().size()) {
            throw invalid("unknown table " + Integer.toUnsignedString(index));
        }
        return module.tables().get(index);
    }

    MemoryType memory(int index) {
        if (index < 0 || index >= module.memories().size()) {
            throw invalid("unknown memory " + Integer.toUnsignedString(index));
        }
        return module.memories().get(index);
    }

    void function(int index) {
        if (index < 0 || index >= module.functionCount()) {
            throw invalid("unknown function " + Integer.toUnsignedString(index));
        }
    }

    void dataSegment(int index) {
        int known = module.dataCount() >= 0 ? module.dataCount() : module.data().size();
        if (index < 0 || index >= known) {
            throw invalid("unknown data segment " + Integer.toUnsignedString(index));
        }
        if (module.dataCount() < 0) {
            throw new MalformedModuleException(instrOffset, "data count section required");
        }
    }

    int elemSegment(int index) {
        if (index < 0 || index >= module.elements().size()) {
            throw invalid("unknown elem segment " + Integer.toUnsignedString(index));
        }
        return module.elements().get(index).typeCode();
    }

    private int refType() {
        int at = r.pos();
        int heap = RefTypes.heapType(r);
        if (heap >= 0) {
            return ctx.checkType(TypeCode.ref(true, heap), this);
        }
        r.pos(at);
        throw Unsupported.orMalformed(ProposalTypes.heapType(r), at, "malformed reference type");
    }

    private int valType() {
        int at = r.pos();
        int code = r.u8();
        ValType t = ValType.fromCode(code);
        int ref = t == null ? RefTypes.ref(code, r) : -1;
        if (ref >= 0) {
            return ctx.checkType(ref, this);
        }
        if (t == null) {
            throw Unsupported.orMalformed(ProposalTypes.valType(code, r, at), at, "malformed value type");
        }
        return Types.of(t);
    }

    int[][] blockType() {
        int at = r.pos();
        long bt = r.s33();
        // 0x40 and a value type are one byte; a negative s33 spelled longer (ff 7f) is neither them nor an index.
        if (bt < 0 && r.pos() != at + 1) {
            throw new MalformedModuleException(at, "malformed block type");
        }
        if (bt == -64) {
            return new int[][]{new int[0], new int[0]};
        }
        if (bt < 0) {
            ValType t = ValType.fromCode((int) (bt & 0x7F));
            int ref = t == null ? TypedRefInstructions.refBlockType((int) (bt & 0x7F), this) : -1;
            if (ref >= 0) {
                return new int[][]{new int[0], new int[]{ref}};
            }
            if (t == null) {
                throw Unsupported.blockType(bt, r, at);
            }
            return new int[][]{new int[0], new int[]{Types.of(t)}};
        }
        if (bt >= module.types().size()) {
            throw invalid("unknown type " + bt);
        }
        FuncType ft = module.types().get((int) bt);
        return new int[][]{ft.paramCodes(), ft.resultCodes()};
    }

    /** Reads a memarg (3.0: flag bit 6 announces a memory index); returns the memory's address type. */
    int memarg(int naturalLog2) {
        int at = r.pos();
        long align = r.u32Long();
        if (align >= 0x80) {
            throw new MalformedModuleException(at, "malformed memop flags"); // 3.0: bits past 6 are no flag
        }
        memoryIndex = align >= Unsupported.MEMARG_MEMORY_INDEX ? r.u32() : 0;
        align &= ~Unsupported.MEMARG_MEMORY_INDEX;
        immL = r.u64();
        MemoryType m = memory(memoryIndex);
        if (align > naturalLog2) {
            instrOffset = at;
            throw invalid("alignment must not be larger than natural");
        }
        if (!m.is64() && immL > 0xFFFF_FFFFL) {
            throw invalid("offset out of range"); // 3.0 encodes offsets as u64; a 32-bit memory's must fit 32 bits
        }
        return AddressTypes.of(m);
    }

    void emit(int opcode) {
        if (sink != null) {
            sink.instruction(opcode, instrOffset, this);
        }
    }

    // ----- one instruction -----

    private void step(int op) {
        if (NumericSignatures.isNumeric(op)) {
            emit(op);
            int t = NumericSignatures.operand(op);
            if (NumericSignatures.arity(op) == 2) {
                pop(t);
            }
            pop(t);
            push(NumericSignatures.result(op));
            return;
        }
        switch (op) {
            case 0x00 -> {
                emit(op);
                setUnreachable();
            }
            case 0x01 -> emit(op);
            case 0x02, 0x03 -> {
                int[][] bt = blockType();
                popAll(bt[0]);
                pushFrame(op, bt[0], bt[1]);
                emit(op);
            }
            case 0x04 -> {
                int[][] bt = blockType();
                pop(I32);
                popAll(bt[0]);
                pushFrame(IF, bt[0], bt[1]);
                emit(op);
            }
            case 0x05 -> {
                Frame f = frames[depth - 1];
                if (f.kind != IF) {
                    throw invalid("else without a matching if");
                }
                emit(op);
                popAll(f.results);
                if (height != f.height) {
                    throw invalid("type mismatch: values remain on the stack at else");
                }
                f.kind = ELSE;
                f.unreachable = false;
                inits.restore(f.initHeight);
                pushAll(f.params);
            }
            case 0x0B -> {
                emit(op);
                Frame f = popFrame();
                if (f.kind == IF && !Arrays.equals(f.params, f.results)) {
                    throw invalid("type mismatch: if without else must leave its parameters as results");
                }
                pushAll(f.results);
            }
            case 0x0C -> {
                immA = r.u32();
                Frame target = label(immA);
                emit(op);
                popAll(target.labelTypes());
                setUnreachable();
            }
            case 0x0D -> {
                immA = r.u32();
                Frame target = label(immA);
                emit(op);
                pop(I32);
                int[] types = target.labelTypes();
                popAll(types);
                pushAll(types);
            }
            case 0x0E -> BrTable.step(this);
            case 0x0F -> {
                emit(op);
                popAll(resultTypes);
                setUnreachable();
            }
            case 0x10 -> {
                immA = r.u32();
                function(immA);
                FuncType ft = module.functionType(immA);
                emit(op);
                popAll(ft.paramCodes());
                pushAll(ft.resultCodes());
            }
            case 0x11 -> {
                immA = r.u32();
                immB = r.u32();
                TableType tt = table(immB);
                FuncType ft = GcInstructions.funcType(this, immA);
                if (!ctx.subtyping.matches(tt.elemCode(), TypeCode.FUNCREF)) {
                    throw invalid("type mismatch: call_indirect needs a funcref table");
                }
                emit(op);
                pop(AddressTypes.of(tt));
                popAll(ft.paramCodes());
                pushAll(ft.resultCodes());
            }
            case 0x1A -> {
                emit(op);
                pop();
            }
            case 0x1B -> {
                emit(op);
                pop(I32);
                int t1 = pop();
                int t2 = pop();
                if (Types.isRef(t1) || Types.isRef(t2)) {
                    throw invalid("type mismatch: select without a type needs numeric operands");
                }
                if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
                    throw invalid("type mismatch: select operands differ");
                }
                push(t1 == UNKNOWN ? t2 : t1);
            }
            case 0x1C -> {
                int n = r.u32();
                if (n != 1) {
                    throw invalid("invalid result arity");
                }
                immA = valType();
                emit(op);
                pop(I32);
                pop(immA);
                pop(immA);
                push(immA);
            }
            case 0x20 -> {
                immA = r.u32();
                int t = local(immA);
                inits.checkRead(immA, this);
                emit(op);
                push(t);
            }
            case 0x21 -> {
                immA = r.u32();
                int t = local(immA);
                emit(op);
                pop(t);
                inits.set(immA);
            }
            case 0x22 -> {
                immA = r.u32();
                int t = local(immA);
                emit(op);
                pop(t);
                push(t);
                inits.set(immA);
            }
            case 0x23 -> {
                immA = r.u32();
                int t = global(immA).code();
                emit(op);
                push(t);
            }
            case 0x24 -> {
                immA = r.u32();
                GlobalType g = global(immA);
                if (!g.mutable()) {
                    throw invalid("global is immutable");
                }
                emit(op);
                pop(g.code());
            }
            case 0x25 -> {
                immA = r.u32();
                int t = table(immA).elemCode();
                emit(op);
                pop(AddressTypes.of(table(immA)));
                push(t);
            }
            case 0x26 -> {
                immA = r.u32();
                int t = table(immA).elemCode();
                emit(op);
                pop(t);
                pop(AddressTypes.of(table(immA)));
            }
            case 0x28 -> load(op, 2, I32);
            case 0x29 -> load(op, 3, I64);
            case 0x2A -> load(op, 2, F32);
            case 0x2B -> load(op, 3, F64);
            case 0x2C, 0x2D -> load(op, 0, I32);
            case 0x2E, 0x2F -> load(op, 1, I32);
            case 0x30, 0x31 -> load(op, 0, I64);
            case 0x32, 0x33 -> load(op, 1, I64);
            case 0x34, 0x35 -> load(op, 2, I64);
            case 0x36 -> store(op, 2, I32);
            case 0x37 -> store(op, 3, I64);
            case 0x38 -> store(op, 2, F32);
            case 0x39 -> store(op, 3, F64);
            case 0x3A -> store(op, 0, I32);
            case 0x3B -> store(op, 1, I32);
            case 0x3C -> store(op, 0, I64);
            case 0x3D -> store(op, 1, I64);
            case 0x3E -> store(op, 2, I64);
            case 0x3F -> {
                immA = r.u32();
                int at = AddressTypes.of(memory(immA));
                emit(op);
                push(at);
            }
            case 0x40 -> {
                immA = r.u32();
                int at = AddressTypes.of(memory(immA));
                emit(op);
                pop(at);
                push(at);
            }
            case 0x41 -> {
                immL = r.s32();
                emit(op);
                push(I32);
            }
            case 0x42 -> {
                immL = r.s64();
                emit(op);
                push(I64);
            }
            case 0x43 -> {
                immL = r.f32Bits() & 0xFFFF_FFFFL;
                emit(op);
                push(F32);
            }
            case 0x44 -> {
                immL = r.f64Bits();
                emit(op);
                push(F64);
            }
            case 0xD0 -> {
                immA = refType();
                emit(op);
                push(immA);
            }
            case 0xD1 -> {
                emit(op);
                int t = pop();
                if (t != UNKNOWN && !Types.isRef(t)) {
                    throw invalid("type mismatch: ref.is_null needs a reference");
                }
                push(I32);
            }
            case 0xD2 -> {
                immA = r.u32();
                function(immA);
                if (!ctx.declaredRefs.get(immA)) {
                    throw invalid("undeclared function reference");
                }
                emit(op);
                push(TypeCode.ref(false, module.functionTypeIndex(immA)));
            }
            case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x12, 0x13, 0x18, 0x19, 0x1F -> ControlInstructions.step(this, op);
            case 0xFC -> PrefixedInstructions.step(this, r.u32());
            case 0xFD -> SimdInstructions.step(this, r.u32Long());
            case 0x14, 0x15, 0xD4, 0xD5, 0xD6 -> TypedRefInstructions.step(this, op);
            case 0xFB -> GcInstructions.step(this, r.u32());
            case 0xD3 -> GcInstructions.refEq(this);
            default -> throw Unsupported.orMalformed(ProposalOpcodes.classify(op, r, instrOffset), instrOffset,
                    String.format("illegal opcode 0x%02x", op));
        }
    }

    private void load(int op, int naturalLog2, int result) {
        int at = memarg(naturalLog2);
        emit(op);
        pop(at);
        push(result);
    }

    private void store(int op, int naturalLog2, int value) {
        int at = memarg(naturalLog2);
        emit(op);
        pop(value);
        pop(at);
    }
}

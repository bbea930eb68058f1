package dev.trapdoor.engine.compile;

/**
 * Internal names and descriptors of the runtime that generated code calls. The classes live in
 * {@code dev.trapdoor.engine.exec}, where the generated hidden classes are defined, so package-private members are
 * reachable from them.
 */
final class RuntimeNames {
    private RuntimeNames() {
    }

    static final String PACKAGE = "dev/trapdoor/engine/exec/";
    static final String CONTEXT = PACKAGE + "JitContext";
    static final String CONTEXT_DESC = "L" + CONTEXT + ";";
    static final String RT = PACKAGE + "JitRt";
    static final String INSTANCE_OPS = PACKAGE + "JitInstanceOps";
    static final String INDIRECT_SITE = PACKAGE + "IndirectCallSite";
    static final String BARE_CALLS = PACKAGE + "BareCalls";
    static final String INTERPRETER = PACKAGE + "Interpreter";
    static final String MEMORY = PACKAGE + "MemoryInstance";
    static final String RAW_MEMORY = PACKAGE + "RawMemory";
    static final String JIT_MEMORY = PACKAGE + "JitMemory";
    static final String GLOBAL = PACKAGE + "GlobalInstance";
    static final String INSTANCE = PACKAGE + "Instance";
    static final String WIDE_MEMORY = PACKAGE + "WideMemoryOps";
    static final String FLOAT_OPS = PACKAGE + "FloatOps";
    static final String ARITH = PACKAGE + "Arith";
    static final String VAR_HANDLE = "java/lang/invoke/VarHandle";
    static final String VAR_HANDLE_DESC = "Ljava/lang/invoke/VarHandle;";

    /** Descriptor of a function's entry method: the frame pointer of its frame on the interpreter's value stack. */
    static final String ENTRY_DESC = "(I)V";
    /** Descriptor of a chunk method: frame pointer and entry id; returns the next entry id, or -1 after a return. */
    static final String CHUNK_DESC = "(II)I";
}

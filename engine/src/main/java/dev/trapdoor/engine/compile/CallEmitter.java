package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.model.FuncType;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;

import java.util.function.IntUnaryOperator;

/**
 * Calls. Arguments go to the value stack where the callee's frame starts (the interpreter's convention, so either
 * tier can be on either side), results come back from there. A direct call is an {@code invokedynamic} bound to the
 * callee's call site, which the runtime retargets from the interpreter to compiled code when the callee is
 * compiled; C2 inlines through it like a static call.
 */
final class CallEmitter implements Opcodes {
    private static final Handle LINK = new Handle(H_INVOKESTATIC, RuntimeNames.RT, "link",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;II)"
                    + "Ljava/lang/invoke/CallSite;", false);

    /** The table index of a call_indirect that is a {@code call_ref} (the interpreter's {@code REF_TABLE}). */
    static final int REF_TABLE = -1;

    private final Emit e;
    private final Sites sites;
    private final boolean hasMemory;

    /** A call_indirect may be adapted to a callee of another type: it passes arguments in the value stack. */
    private final boolean emulateCasts;

    /** Functions below this index are imports: they may belong to another instance, with another memory. */
    private final int importedFunctions;

    /** The function being translated, and the largest fp offset of its typed calls of itself (-1: none). */
    private final int self;
    int selfOffset = -1;

    CallEmitter(Emit e, Sites sites, boolean hasMemory, boolean emulateCasts, int importedFunctions, int self) {
        this.self = self;
        this.importedFunctions = importedFunctions;
        this.emulateCasts = emulateCasts;
        this.e = e;
        this.sites = sites;
        this.hasMemory = hasMemory;
    }

    private static final Handle LINK_INDIRECT = new Handle(H_INVOKESTATIC, RuntimeNames.INDIRECT_SITE, "link",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;III)"
                    + "Ljava/lang/invoke/CallSite;", false);

    static final Handle LINK_TYPED = new Handle(H_INVOKESTATIC, RuntimeNames.RT, "linkTyped",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;II)"
                    + "Ljava/lang/invoke/CallSite;", false);

    void direct(int funcIndex, FuncType ft, int top, int moduleOffset, IntUnaryOperator unused) {
        int argSlot = top - ft.paramCount();
        if (TypedCalls.eligible(ft)) {
            typed(funcIndex, ft, argSlot, moduleOffset);
            return;
        }
        storeArgs(argSlot, ft.paramCount());
        e.high.beforeCall(argSlot, ft);
        sites.begin(e, moduleOffset, 0x10, -1, 0);
        argFp(argSlot);
        // The call's module offset goes along: a host callee reports it as its caller (WASI traces, say).
        e.mv.visitInvokeDynamicInsn("call", RuntimeNames.ENTRY_DESC, LINK, funcIndex, moduleOffset);
        sites.end(e);
        afterCall(argSlot, ft.resultCount());
        e.high.afterCall(argSlot, ft);
    }

    /** A direct call in the typed convention: arguments and result travel as JVM values. */
    private void typed(int funcIndex, FuncType ft, int argSlot, int moduleOffset) {
        if (funcIndex == self) {
            selfOffset = Math.max(selfOffset, argSlot);
        }
        e.high.beforeCall(argSlot, ft);
        sites.begin(e, moduleOffset, sites.bareCalls ? Sites.BARE_CALL : 0x10, -1, 0);
        argFp(argSlot);
        if (TypedCalls.SHORT) {
            e.calleeSlack();
        } else if (hasMemory && funcIndex >= importedFunctions) {
            // A callee of this instance shares memory 0, which is current here: its prologue need not load it.
            e.calleeSlack();
            e.mv.visitInsn(ACONST_NULL);
            e.mv.visitVarInsn(LLOAD, Emit.MEM);
            e.mv.visitVarInsn(ILOAD, Emit.MEM_SIZE);
        } else {
            e.unusedFixedArgs();
        }
        for (int i = 0; i < ft.paramCount(); i++) {
            e.ld(argSlot + i);
        }
        e.mv.visitInvokeDynamicInsn("call", TypedCalls.descriptor(ft), LINK_TYPED, funcIndex, moduleOffset);
        sites.end(e);
        typedResult(ft, argSlot);
    }

    void indirect(int typeIndex, int tableIndex, FuncType ft, int top, int moduleOffset) {
        int argSlot = top - 1 - ft.paramCount();
        if (TypedCalls.eligible(ft) && !emulateCasts) {
            typedIndirect(typeIndex, tableIndex, ft, top, argSlot, moduleOffset);
            return;
        }
        storeArgs(argSlot, ft.paramCount());
        e.high.beforeCall(argSlot, ft);
        sites.begin(e, moduleOffset, 0x11, -1, 0);
        e.context();
        e.iconst(typeIndex);
        e.iconst(tableIndex);
        e.ldI(top - 1);
        argFp(argSlot);
        e.iconst(moduleOffset);
        e.rt("callIndirect", "(" + RuntimeNames.CONTEXT_DESC + "IIIII)V");
        sites.end(e);
        afterCall(argSlot, ft.resultCount());
        e.high.afterCall(argSlot, ft);
    }

    /**
     * A {@code call_indirect} in the typed convention: arguments and result as JVM values, through a call site that
     * caches the callees it has seen ({@code exec.IndirectCallSite}).
     */
    private void typedIndirect(int typeIndex, int tableIndex, FuncType ft, int top, int argSlot, int moduleOffset) {
        e.high.beforeCall(argSlot, ft);
        sites.begin(e, moduleOffset, 0x11, -1, 0);
        e.ldI(top - 1);
        argFp(argSlot);
        if (TypedCalls.SHORT) {
            e.calleeSlack();
        } else {
            e.unusedFixedArgs();
        }
        for (int i = 0; i < ft.paramCount(); i++) {
            e.ld(argSlot + i);
        }
        // An inline cache of the callees seen (IndirectCallSite); a miss checks the element as the interpreter does.
        e.mv.visitInvokeDynamicInsn("callIndirect", "(I" + TypedCalls.descriptor(ft).substring(1), LINK_INDIRECT,
                typeIndex, tableIndex, moduleOffset);
        sites.end(e);
        typedResult(ft, argSlot);
    }

    private void typedResult(FuncType ft, int argSlot) {
        if (ft.resultCount() == 1) {
            e.st(argSlot);
        } else {
            e.mv.visitInsn(POP2);
        }
        // The value stack array may have grown: every use of it reloads it first (Emit#reloadStack), not this.
        if (hasMemory) {
            e.reloadMemory();
        }
    }

    private void storeArgs(int argSlot, int n) {
        e.reloadStack();
        for (int i = 0; i < n; i++) {
            e.spill(argSlot + i);
        }
    }

    private void argFp(int argSlot) {
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        e.iconst(argSlot);
        e.mv.visitInsn(IADD);
    }

    /** The callee may have grown the value stack or memory: both are read again before the results. */
    private void afterCall(int argSlot, int results) {
        e.reloadStack();
        if (hasMemory) {
            e.reloadMemory();
        }
        for (int i = 0; i < results; i++) {
            e.fill(argSlot + i);
        }
    }
}

package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.TypeCode;

import java.util.Arrays;

/**
 * Section 10: function bodies. Each entry's locals are decoded; its instructions are only delimited, since the
 * validator reads them anyway and would otherwise decode them twice.
 */
final class CodeSectionReader {
    /**
     * Most locals one function may declare. The spec allows up to 2^32-1, which no engine can allocate; this is the
     * implementation limit web engines share, and it is checked before the locals are expanded.
     */
    static final int MAX_LOCALS = 50_000;

    private static final int END = 0x0B;

    private CodeSectionReader() {
    }

    static void read(ByteReader r, ModuleParts parts) {
        int count = Vectors.count(r);
        int moduleLength = r.bytes().length;
        for (int i = 0; i < count; i++) {
            int entryOffset = r.pos();
            long size = r.u32Long();
            if (size > r.remaining()) {
                throw new MalformedModuleException(r.limit(), Overrun.UNEXPECTED_END);
            }
            int entryEnd = r.pos() + (int) size;
            int sectionEnd = r.limit();
            r.limit(entryEnd);
            try {
                int[] locals = locals(r);
                int bodyOffset = r.pos();
                checkFinalEnd(r, entryEnd, sectionEnd);
                parts.bodies.add(new FunctionBody(TypeCode.kinds(locals), entryOffset, bodyOffset, entryEnd, locals));
            } catch (MalformedModuleException e) {
                throw Overrun.explain(e, entryEnd, moduleLength);
            } finally {
                r.limit(sectionEnd);
            }
            r.pos(entryEnd);
        }
    }

    private static int[] locals(ByteReader r) {
        int declOffset = r.pos();
        int groups = Vectors.count(r);
        long[] counts = new long[groups];
        int[] types = new int[groups];
        long total = 0;
        for (int g = 0; g < groups; g++) {
            counts[g] = r.u32Long();
            types[g] = Types.valTypeCode(r);
            total += counts[g];
        }
        if (total > MAX_LOCALS) {
            throw new MalformedModuleException(declOffset, "too many locals");
        }
        int[] locals = new int[(int) total];
        int next = 0;
        for (int g = 0; g < groups; g++) {
            Arrays.fill(locals, next, next + (int) counts[g], types[g]);
            next += (int) counts[g];
        }
        return locals;
    }

    /**
     * A body must end with {@code end}. Only the last byte is checked here; that it is the {@code end} closing the
     * body rather than an immediate or an inner block's is the validator's to find when it reads the instructions.
     * The phrase follows what reading on past the entry would meet: another entry, another section, or nothing.
     */
    private static void checkFinalEnd(ByteReader r, int entryEnd, int sectionEnd) {
        if (entryEnd > r.pos() && (r.bytes()[entryEnd - 1] & 0xFF) == END) {
            return;
        }
        String reason = entryEnd < sectionEnd ? "END opcode expected"
                : Overrun.phrase(entryEnd, r.bytes().length);
        throw new MalformedModuleException(entryEnd, reason);
    }
}

package dev.trapdoor.engine.model;

/**
 * A function's code entry. {@code locals} are the declared locals (not the parameters), expanded; {@code localCodes} their precise
 * {@link TypeCode}s. The instructions
 * occupy {@code [bodyOffset, endOffset)} of the module bytes; {@code bodyOffset} is the module offset of the first
 * instruction and {@code entryOffset} that of the entry's size field.
 */
public record FunctionBody(ValType[] locals, int entryOffset, int bodyOffset, int endOffset, int[] localCodes) {
    public FunctionBody(ValType[] locals, int entryOffset, int bodyOffset, int endOffset) {
        this(locals, entryOffset, bodyOffset, endOffset, TypeCode.of(locals));
    }
}

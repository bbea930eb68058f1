package dev.trapdoor.engine.model;

import java.util.List;

/**
 * An element segment. Items are constant expressions; the decoder turns the function-index encodings into
 * {@code ref.func} expressions so one representation serves every encoding. {@code offset} is null unless active.
 */
public record ElementSegment(SegmentMode mode, int tableIndex, ConstExpr offset, ValType type, List<ConstExpr> items,
                             int[] funcIndices, int moduleOffset, int typeCode) {
    public ElementSegment(SegmentMode mode, int tableIndex, ConstExpr offset, ValType type, List<ConstExpr> items,
                          int[] funcIndices, int moduleOffset) {
        this(mode, tableIndex, offset, type, items, funcIndices, moduleOffset, TypeCode.of(type));
    }

    /**
     * For the function-index encodings (flags 0-3) {@code funcIndices} holds the indices and {@code items} is empty;
     * for the expression encodings (flags 4-7) {@code items} holds the expressions and {@code funcIndices} is null.
     */
    public int size() {
        return funcIndices != null ? funcIndices.length : items.size();
    }
}

package dev.trapdoor.engine.model;

/** A data segment: bytes at {@code [dataOffset, dataOffset + length)} of the module. {@code offset} is null unless active. */
public record DataSegment(SegmentMode mode, int memoryIndex, ConstExpr offset, int dataOffset, int length,
                          int moduleOffset) {
}

package dev.trapdoor.engine.model;

/**
 * A constant expression (global initializer, segment offset, element item), kept as the byte range of its
 * instructions including the final {@code end}. The validator checks it is constant and well-typed; the runtime
 * evaluates it.
 */
public record ConstExpr(int moduleOffset, int endOffset) {
}

package dev.trapdoor.engine.debug;

/**
 * A breakpoint as placed: {@code requestedOffset} is what was asked for, {@code moduleOffset} where it landed (the
 * next instruction boundary with code, at or after the request).
 */
public record Breakpoint(int id, int funcIndex, int requestedOffset, int moduleOffset) {
}

package dev.trapdoor.engine.coredump;

/** A memory in a coredump: its limits in pages and its contents ({@code minPages} pages of bytes). */
public record CoreMemory(long minPages, long maxPages, byte[] bytes) {
    public static final long NO_MAX = -1;
}

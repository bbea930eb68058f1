package dev.trapdoor.engine.trap;

/** One frame of a Wasm call stack: which function and the module offset of the current instruction in it. */
public record WasmFrame(int funcIndex, String funcName, int moduleOffset) {
    @Override
    public String toString() {
        return String.format("0x%x in %s", moduleOffset, funcName);
    }
}

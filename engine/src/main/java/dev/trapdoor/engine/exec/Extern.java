package dev.trapdoor.engine.exec;

/** A run-time entity that can be imported or exported. */
public sealed interface Extern permits FunctionInstance, TableInstance, MemoryInstance, GlobalInstance,
        TagInstance {
}

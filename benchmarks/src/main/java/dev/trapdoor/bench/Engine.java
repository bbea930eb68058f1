package dev.trapdoor.bench;

import dev.trapdoor.engine.exec.Tier;

/**
 * The engines measured. {@link #load} is the whole cold-start path: parse, validate, instantiate (for Chicory's
 * compiler this includes compiling the module to JVM bytecode) and run the reactor's {@code _initialize}, which is
 * what {@code _start} does for a command module minus WASI.
 */
public enum Engine {
    TRAPDOOR("trapdoor"),
    /** Trapdoor's compiled tier: every function compiled to JVM bytecode before it runs. */
    TRAPDOOR_JIT("trapdoor-jit"),
    CHICORY_INT("chicory-int"),
    CHICORY_AOT("chicory-aot");

    /** The name used in JMH params and the results table. */
    public final String id;

    Engine(String id) {
        this.id = id;
    }

    public static Engine byId(String id) {
        for (Engine e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine " + id);
    }

    public Kernel load(byte[] wasm) {
        return switch (this) {
            case TRAPDOOR -> TrapdoorKernel.load(wasm, Tier.INTERPRETER);
            case TRAPDOOR_JIT -> TrapdoorKernel.load(wasm, Tier.COMPILED);
            case CHICORY_INT -> ChicoryKernel.load(wasm, false);
            case CHICORY_AOT -> ChicoryKernel.load(wasm, true);
        };
    }
}

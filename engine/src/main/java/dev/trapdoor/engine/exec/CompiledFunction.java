package dev.trapdoor.engine.exec;

/** Placeholder until the translator lands. */
final class CompiledFunction {
}

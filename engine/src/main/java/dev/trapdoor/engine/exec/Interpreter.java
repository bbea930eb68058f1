package dev.trapdoor.engine.exec;

/** Placeholder until the interpreter lands. */
final class Interpreter {
    Interpreter(Store store) {
    }

    long[] invoke(FunctionInstance f, long[] args) {
        throw new UnsupportedOperationException("interpreter not yet written");
    }
}

package dev.trapdoor.engine.dwarf;

/**
 * An expression that cannot be evaluated, or a value that cannot be written, with a message for a person: "no
 * variable named 'foo'", "cannot dereference int", "value 300 does not fit unsigned char".
 */
public final class EvaluationException extends Exception {
    public EvaluationException(String message) {
        super(message);
    }
}

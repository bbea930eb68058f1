package dev.trapdoor.dap.adapt;

/** An expression that cannot be parsed or evaluated; the message is meant for a person. */
public final class EvalException extends RuntimeException {
    public EvalException(String message) {
        super(message);
    }
}

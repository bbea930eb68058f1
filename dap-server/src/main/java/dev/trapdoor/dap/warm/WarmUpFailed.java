package dev.trapdoor.dap.warm;

/** The warm-up could not finish (a failed request, a timeout): the server only starts colder. */
public final class WarmUpFailed extends RuntimeException {
    WarmUpFailed(String message) {
        super(message);
    }
}

package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Failures;

import java.util.concurrent.CompletableFuture;

/**
 * The answers to the DAP requests Trapdoor does not implement (none of them is advertised in the capabilities): a
 * failed response with a sentence saying so, never LSP4J's default of an internal error with a Java stack trace.
 */
final class Unsupported {
    private Unsupported() {
    }

    static <T> CompletableFuture<T> answer(String what) {
        return CompletableFuture.failedFuture(Failures.failure(what + " is not supported"));
    }

    static <T> CompletableFuture<T> cancel() {
        return CompletableFuture.failedFuture(Failures.failure("cancel is not supported: every request is answered"
                + " at once, so there is nothing to cancel"));
    }
}

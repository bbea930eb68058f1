package dev.trapdoor.dap.session;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** Error responses: LSP4J turns a {@link ResponseErrorException} into a failed response with this message. */
public final class Failures {
    private Failures() {
    }

    /** A request that cannot be honoured, with a message meant for a person. */
    public static ResponseErrorException failure(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, message, null));
    }

    /** Wrongly typed or missing arguments. */
    public static ResponseErrorException badArguments(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}

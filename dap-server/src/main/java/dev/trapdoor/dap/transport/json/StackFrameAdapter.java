package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonWriter;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.io.IOException;

/** {@link StackFrame}, in the order of its fields. */
final class StackFrameAdapter extends WriteAdapter<StackFrame> {
    private final TypeAdapter<Source> source;
    private final TypeAdapter<Either<Integer, String>> moduleId;
    private final TypeAdapter<StackFramePresentationHint> hint;

    StackFrameAdapter(Gson gson, TypeAdapterFactory skip) {
        super(gson, skip, StackFrame.class);
        this.source = gson.getAdapter(Source.class);
        this.moduleId = gson.getAdapter(new TypeToken<Either<Integer, String>>() {
        });
        this.hint = gson.getAdapter(StackFramePresentationHint.class);
    }

    @Override
    void members(JsonWriter out, StackFrame f) throws IOException {
        out.name("id").value(f.getId());
        Fields.string(out, "name", f.getName());
        Fields.other(out, "source", f.getSource(), source);
        out.name("line").value(f.getLine());
        out.name("column").value(f.getColumn());
        Fields.integer(out, "endLine", f.getEndLine());
        Fields.integer(out, "endColumn", f.getEndColumn());
        Fields.bool(out, "canRestart", f.getCanRestart());
        Fields.string(out, "instructionPointerReference", f.getInstructionPointerReference());
        Fields.other(out, "moduleId", f.getModuleId(), moduleId);
        Fields.other(out, "presentationHint", f.getPresentationHint(), hint);
    }
}

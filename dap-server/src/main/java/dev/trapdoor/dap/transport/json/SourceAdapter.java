package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.stream.JsonWriter;
import org.eclipse.lsp4j.debug.Checksum;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;

import java.io.IOException;

/** {@link Source}, in the order of its fields (as the reflective adapter writes them). */
final class SourceAdapter extends WriteAdapter<Source> {
    private final TypeAdapter<SourcePresentationHint> hint;
    private final TypeAdapter<Object> object;
    private final TypeAdapter<Checksum[]> checksums;

    SourceAdapter(Gson gson, TypeAdapterFactory skip) {
        super(gson, skip, Source.class);
        this.hint = gson.getAdapter(SourcePresentationHint.class);
        this.object = gson.getAdapter(Object.class);
        this.checksums = gson.getAdapter(Checksum[].class);
    }

    @Override
    void members(JsonWriter out, Source s) throws IOException {
        Fields.string(out, "name", s.getName());
        Fields.string(out, "path", s.getPath());
        Fields.integer(out, "sourceReference", s.getSourceReference());
        Fields.other(out, "presentationHint", s.getPresentationHint(), hint);
        Fields.string(out, "origin", s.getOrigin());
        Fields.array(out, "sources", s.getSources(), this);
        Fields.other(out, "adapterData", s.getAdapterData(), object);
        Fields.other(out, "checksums", s.getChecksums(), checksums);
    }
}

package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;

/**
 * A hand-written writer; reading goes to Gson's reflective adapter, made the first time something is read (the
 * server reads none of these types, a client or a test may).
 */
abstract class WriteAdapter<T> extends TypeAdapter<T> {
    private final Gson gson;
    private final TypeAdapterFactory skip;
    private final Class<T> type;
    private volatile TypeAdapter<T> reader;

    WriteAdapter(Gson gson, TypeAdapterFactory skip, Class<T> type) {
        this.gson = gson;
        this.skip = skip;
        this.type = type;
    }

    /** Writes the object's members between the braces; {@code value} is not null. */
    abstract void members(JsonWriter out, T value) throws IOException;

    @Override
    public final void write(JsonWriter out, T value) throws IOException {
        if (value == null) {
            out.nullValue();
            return;
        }
        out.beginObject();
        members(out, value);
        out.endObject();
    }

    @Override
    public final T read(JsonReader in) throws IOException {
        TypeAdapter<T> r = reader;
        if (r == null) {
            r = gson.getDelegateAdapter(skip, TypeToken.get(type));
            reader = r;
        }
        return r.read(in);
    }
}

package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;

/**
 * A hand-written reader of a request's arguments, with the reflective adapter's rules: null for a JSON null, unknown
 * members skipped, the last of repeated members kept, a null left out of a primitive, a value of the wrong kind a
 * {@link JsonSyntaxException}. Numbers and booleans are read by Gson's own adapters, so they accept and refuse what
 * they did. Writing goes to the reflective adapter (the server writes none of these).
 */
abstract class ReadAdapter<T> extends TypeAdapter<T> {
    private final Gson gson;
    private final TypeAdapterFactory skip;
    private final Class<T> type;
    final TypeAdapter<Integer> integer;
    final TypeAdapter<Boolean> bool;
    private volatile TypeAdapter<T> writer;

    ReadAdapter(Gson gson, TypeAdapterFactory skip, Class<T> type) {
        this.gson = gson;
        this.skip = skip;
        this.type = type;
        this.integer = gson.getAdapter(Integer.class);
        this.bool = gson.getAdapter(Boolean.class);
    }

    abstract T create();

    /** Reads member {@code name} into {@code into}; false when the type has no such member. */
    abstract boolean member(JsonReader in, String name, T into) throws IOException;

    @Override
    public final T read(JsonReader in) throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return null;
        }
        T value = create();
        try {
            in.beginObject();
            while (in.hasNext()) {
                if (!member(in, in.nextName(), value)) {
                    in.skipValue();
                }
            }
        } catch (IllegalStateException e) {
            throw new JsonSyntaxException(e);
        }
        in.endObject();
        return value;
    }

    @Override
    public final void write(JsonWriter out, T value) throws IOException {
        TypeAdapter<T> w = writer;
        if (w == null) {
            w = gson.getDelegateAdapter(skip, TypeToken.get(type));
            writer = w;
        }
        w.write(out, value);
    }
}

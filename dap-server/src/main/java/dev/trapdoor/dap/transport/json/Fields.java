package dev.trapdoor.dap.transport.json;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;

/** Writing one optional member: a null is left out, as Gson's reflective adapter leaves it out (no serializeNulls). */
final class Fields {
    private Fields() {
    }

    static void string(JsonWriter out, String name, String value) throws IOException {
        if (value != null) {
            out.name(name).value(value);
        }
    }

    static void integer(JsonWriter out, String name, Integer value) throws IOException {
        if (value != null) {
            out.name(name).value(value.longValue());
        }
    }

    static void bool(JsonWriter out, String name, Boolean value) throws IOException {
        if (value != null) {
            out.name(name).value(value.booleanValue());
        }
    }

    static <T> void other(JsonWriter out, String name, T value, TypeAdapter<T> adapter) throws IOException {
        if (value != null) {
            out.name(name);
            adapter.write(out, value);
        }
    }

    /** An array member; a null element is written as null, as Gson's array adapter writes it. */
    static <T> void array(JsonWriter out, String name, T[] values, TypeAdapter<T> element) throws IOException {
        if (values == null) {
            return;
        }
        out.name(name).beginArray();
        for (T v : values) {
            if (v == null) {
                out.nullValue();
            } else {
                element.write(out, v);
            }
        }
        out.endArray();
    }
}

package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.stream.JsonReader;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackFrameFormat;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.ValueFormat;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;

import java.io.IOException;

/**
 * The arguments of the four requests an editor sends at every step: next, stackTrace, scopes, variables. No lambda
 * here ({@code a::setThreadId} was one): JDK 17's archive dump skips the lambda classes of a nested class ("Skipping
 * ...: Hidden class"), so each call site spun its class at a process's first step, once for every session thread
 * that raced to link it (benchmarks/RESULTS.md, session 16).
 */
final class ArgumentAdapters {
    private ArgumentAdapters() {
    }

    static final class Next extends ReadAdapter<NextArguments> {
        private final TypeAdapter<SteppingGranularity> granularity;

        Next(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, NextArguments.class);
            this.granularity = gson.getAdapter(SteppingGranularity.class);
        }

        @Override
        NextArguments create() {
            return new NextArguments();
        }

        @Override
        boolean member(JsonReader in, String name, NextArguments a) throws IOException {
            switch (name) {
                case "threadId" -> {
                    Integer id = integer.read(in);
                    if (id != null) {
                        a.setThreadId(id);
                    }
                }
                case "singleThread" -> a.setSingleThread(bool.read(in));
                case "granularity" -> a.setGranularity(granularity.read(in));
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    static final class StackTrace extends ReadAdapter<StackTraceArguments> {
        private final TypeAdapter<StackFrameFormat> format;

        StackTrace(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, StackTraceArguments.class);
            this.format = gson.getAdapter(StackFrameFormat.class);
        }

        @Override
        StackTraceArguments create() {
            return new StackTraceArguments();
        }

        @Override
        boolean member(JsonReader in, String name, StackTraceArguments a) throws IOException {
            switch (name) {
                case "threadId" -> {
                    Integer id = integer.read(in);
                    if (id != null) {
                        a.setThreadId(id);
                    }
                }
                case "startFrame" -> a.setStartFrame(integer.read(in));
                case "levels" -> a.setLevels(integer.read(in));
                case "format" -> a.setFormat(format.read(in));
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Scopes extends ReadAdapter<ScopesArguments> {
        Scopes(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, ScopesArguments.class);
        }

        @Override
        ScopesArguments create() {
            return new ScopesArguments();
        }

        @Override
        boolean member(JsonReader in, String name, ScopesArguments a) throws IOException {
            if (!name.equals("frameId")) {
                return false;
            }
            Integer id = integer.read(in);
            if (id != null) {
                a.setFrameId(id);
            }
            return true;
        }
    }

    static final class Variables extends ReadAdapter<VariablesArguments> {
        private final TypeAdapter<VariablesArgumentsFilter> filter;
        private final TypeAdapter<ValueFormat> format;

        Variables(Gson gson, TypeAdapterFactory skip) {
            super(gson, skip, VariablesArguments.class);
            this.filter = gson.getAdapter(VariablesArgumentsFilter.class);
            this.format = gson.getAdapter(ValueFormat.class);
        }

        @Override
        VariablesArguments create() {
            return new VariablesArguments();
        }

        @Override
        boolean member(JsonReader in, String name, VariablesArguments a) throws IOException {
            switch (name) {
                case "variablesReference" -> {
                    Integer ref = integer.read(in);
                    if (ref != null) {
                        a.setVariablesReference(ref);
                    }
                }
                case "filter" -> a.setFilter(filter.read(in));
                case "start" -> a.setStart(integer.read(in));
                case "count" -> a.setCount(integer.read(in));
                case "format" -> a.setFormat(format.read(in));
                default -> {
                    return false;
                }
            }
            return true;
        }
    }
}

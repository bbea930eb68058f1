package dev.trapdoor.dap.transport;

import com.google.gson.Gson;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The stepping requests as editors send them, read by index from the text: an object of plain members (strings
 * without escapes, integers, booleans, null) whose {@code arguments}, after its {@code command}, are such an object
 * too. That is every request a stepping editor sends, and reading it so allocates the arguments and nothing else: a
 * Gson {@code JsonReader} allocated 2 KB of buffers per request, which a fresh server's young generation pays in page
 * faults (benchmarks/RESULTS.md, session 26). Anything else (escapes, nested values such as a {@code format},
 * numbers that are not plain integers, a member of the wrong type, an enum name Gson would not read) gives null, and
 * {@link DirectRequests} reads the text with Gson instead; the values set are the ones Gson's adapters set for the
 * same text, a null left out of a primitive and set on a boxed field.
 */
final class PlainRequests {
    private final String s;
    private int pos;

    private PlainRequests(String s) {
        this.s = s;
    }

    /** A value that is not one this reader takes: the caller falls back to Gson. */
    private static final class NotPlain extends Exception {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private static final Map<String, SteppingGranularity> GRANULARITY = new HashMap<>();
    private static final Map<String, VariablesArgumentsFilter> FILTER = new HashMap<>();

    private static volatile boolean named;

    /** The enums' names as the shared Gson writes them (and so reads them back). */
    private static void names(Gson gson) {
        synchronized (GRANULARITY) {
            if (!named) {
                for (SteppingGranularity g : SteppingGranularity.values()) {
                    GRANULARITY.put(unquote(gson.toJson(g)), g);
                }
                for (VariablesArgumentsFilter f : VariablesArgumentsFilter.values()) {
                    FILTER.put(unquote(gson.toJson(f)), f);
                }
                named = true;
            }
        }
    }

    private static String unquote(String json) {
        return json.substring(1, json.length() - 1);
    }

    /** What {@link #parse} gives for a request read plainly up to a command that is not one of the stepping ones. */
    static final DirectRequests.Request NOT_TAKEN = new DirectRequests.Request(0, "", null);

    /**
     * The request; {@link #NOT_TAKEN} for another command (Gson need not look at it either); null when the text is not
     * in the plain shape.
     */
    static DirectRequests.Request parse(String text, Gson gson) {
        if (!named) {
            names(gson);
        }
        try {
            return new PlainRequests(text).request();
        } catch (NotPlain | IndexOutOfBoundsException | NumberFormatException e) {
            return null;
        }
    }

    private DirectRequests.Request request() throws NotPlain {
        ws();
        expect('{');
        int seq = 0;
        String type = null;
        String command = null;
        Object arguments = null;
        boolean hadArguments = false;
        boolean more = !closes('}');
        while (more) {
            String name = key();
            switch (name) {
                case "seq" -> seq = integer();
                case "type" -> type = string();
                case "command" -> {
                    if (command != null || hadArguments) {
                        throw NOT_PLAIN;
                    }
                    command = string();
                    if (!DirectRequests.takes(command)) {
                        return NOT_TAKEN;
                    }
                }
                case "arguments" -> {
                    if (command == null || hadArguments) {
                        throw NOT_PLAIN;
                    }
                    hadArguments = true;
                    arguments = isNull() ? null : arguments(command);
                }
                case "event", "body", "request_seq", "success", "message" -> throw NOT_PLAIN;
                default -> skipScalar();
            }
            more = next('}');
        }
        ws();
        if (pos != s.length() || !"request".equals(type) || command == null) {
            throw NOT_PLAIN;
        }
        return new DirectRequests.Request(seq, command, arguments);
    }

    private Object arguments(String command) throws NotPlain {
        expect('{');
        Object a = switch (command) {
            case "next" -> new NextArguments();
            case "stepIn" -> new StepInArguments();
            case "stepOut" -> new StepOutArguments();
            case "continue" -> new ContinueArguments();
            case "stackTrace" -> new StackTraceArguments();
            case "scopes" -> new ScopesArguments();
            case "variables" -> new VariablesArguments();
            default -> throw NOT_PLAIN;
        };
        boolean more = !closes('}');
        while (more) {
            if (!member(a, key())) {
                skipScalar();
            }
            more = next('}');
        }
        return a;
    }

    /** Reads member {@code name}'s value into {@code a}; false when {@code a} has no such member. */
    private boolean member(Object a, String name) throws NotPlain {
        if (a instanceof NextArguments n) {
            switch (name) {
                case "threadId" -> threadId(n::setThreadId);
                case "singleThread" -> n.setSingleThread(bool());
                case "granularity" -> n.setGranularity(granularity());
                default -> {
                    return false;
                }
            }
        } else if (a instanceof StepInArguments n) {
            switch (name) {
                case "threadId" -> threadId(n::setThreadId);
                case "singleThread" -> n.setSingleThread(bool());
                case "targetId" -> n.setTargetId(boxed());
                case "granularity" -> n.setGranularity(granularity());
                default -> {
                    return false;
                }
            }
        } else if (a instanceof StepOutArguments n) {
            switch (name) {
                case "threadId" -> threadId(n::setThreadId);
                case "singleThread" -> n.setSingleThread(bool());
                case "granularity" -> n.setGranularity(granularity());
                default -> {
                    return false;
                }
            }
        } else if (a instanceof ContinueArguments n) {
            switch (name) {
                case "threadId" -> threadId(n::setThreadId);
                case "singleThread" -> n.setSingleThread(bool());
                default -> {
                    return false;
                }
            }
        } else if (a instanceof StackTraceArguments n) {
            switch (name) {
                case "threadId" -> threadId(n::setThreadId);
                case "startFrame" -> n.setStartFrame(boxed());
                case "levels" -> n.setLevels(boxed());
                case "format" -> throw NOT_PLAIN;
                default -> {
                    return false;
                }
            }
        } else if (a instanceof ScopesArguments n) {
            if (!name.equals("frameId")) {
                return false;
            }
            if (!isNull()) {
                n.setFrameId(integer());
            }
        } else {
            VariablesArguments n = (VariablesArguments) a;
            switch (name) {
                case "variablesReference" -> {
                    if (!isNull()) {
                        n.setVariablesReference(integer());
                    }
                }
                case "filter" -> n.setFilter(isNull() ? null : named(FILTER));
                case "start" -> n.setStart(boxed());
                case "count" -> n.setCount(boxed());
                case "format" -> throw NOT_PLAIN;
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private Integer boxed() throws NotPlain {
        return isNull() ? null : integer();
    }

    private Boolean bool() throws NotPlain {
        ws();
        if (s.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (isNull()) {
            return null;
        }
        throw NOT_PLAIN;
    }

    private SteppingGranularity granularity() throws NotPlain {
        return isNull() ? null : named(GRANULARITY);
    }

    private <E> E named(Map<String, E> names) throws NotPlain {
        E value = names.get(string());
        if (value == null) {
            throw NOT_PLAIN;
        }
        return value;
    }

    /** A plain decimal integer of at most 10 digits that fits an int. */
    private int integer() throws NotPlain {
        ws();
        int start = pos;
        if (pos < s.length() && s.charAt(pos) == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        int n = pos - digits;
        if (n == 0 || n > 10 || (n > 1 && s.charAt(digits) == '0') || (n == 1 && s.charAt(digits) == '0'
                && digits > start)) {
            throw NOT_PLAIN;
        }
        long value = Long.parseLong(s, start, pos, 10);
        if (value != (int) value) {
            throw NOT_PLAIN;
        }
        return (int) value;
    }

    /** A string without escapes (those go to Gson). */
    private String string() throws NotPlain {
        ws();
        expect('"');
        int start = pos;
        int end = s.indexOf('"', start);
        if (end < 0) {
            throw NOT_PLAIN;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\' || c < 0x20) {
                throw NOT_PLAIN;
            }
        }
        pos = end + 1;
        return s.substring(start, end);
    }

    private String key() throws NotPlain {
        String name = string();
        ws();
        expect(':');
        return name;
    }

    private void skipScalar() throws NotPlain {
        ws();
        char c = s.charAt(pos);
        if (c == '"') {
            string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            integer();
        } else {
            bool(); // true, false or null
        }
    }

    /** A thread id, which a client may send as null (left unset, as Gson leaves it). */
    private void threadId(IntConsumer set) throws NotPlain {
        if (!isNull()) {
            set.accept(integer());
        }
    }

    private boolean isNull() {
        ws();
        if (s.startsWith("null", pos)) {
            pos += 4;
            return true;
        }
        return false;
    }

    /** After a member: true when a comma (another member follows), false at {@code close}. */
    private boolean next(char close) throws NotPlain {
        ws();
        char c = s.charAt(pos++);
        if (c == ',') {
            ws();
            return true;
        }
        if (c != close) {
            throw NOT_PLAIN;
        }
        return false;
    }

    /** At an object's start: whether it closes at once. */
    private boolean closes(char close) {
        ws();
        if (s.charAt(pos) == close) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws NotPlain {
        if (s.charAt(pos) != c) {
            throw NOT_PLAIN;
        }
        pos++;
    }

    private void ws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}

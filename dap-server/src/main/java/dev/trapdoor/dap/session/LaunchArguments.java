package dev.trapdoor.dap.session;

import dev.trapdoor.engine.exec.Tier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code launch} arguments, naming the key in every error. Keys: {@code program} (required), {@code args},
 * {@code env} (object), {@code cwd}, {@code dirs} (object host → guest, or array of {@code "HOST::GUEST"}),
 * {@code stopOnEntry}, {@code invoke}, {@code emulateFunctionPointerCasts}, {@code maxCallDepth}, {@code sourceMap}
 * (object build prefix → local prefix), {@code stdin}, {@code traceWasi}, {@code tier} ("interpreter", "compiled" or
 * "tiered"), {@code maxMemory} (bytes, or a string such as {@code "256M"}), {@code coredump} (a Wasm coredump of
 * the program to open post-mortem), {@code coredumpOnTrap} (where to write one when the program traps), {@code record} (record the run for stepping back). The keys clients add on their own ({@code type},
 * {@code name}, {@code __sessionId}, ...) are ignored; any other key is an error, so a typo does not go unnoticed.
 */
public final class LaunchArguments {
    private static final Set<String> CLIENT_KEYS = Set.of("type", "request", "name", "noDebug", "preLaunchTask",
            "postDebugTask", "internalConsoleOptions", "debugServer", "presentation", "console", "linux", "osx",
            "windows", "suppressMultipleSessionWarning", "serverReadyAction");
    private static final Set<String> KEYS = Set.of("program", "args", "env", "cwd", "dirs", "stopOnEntry", "invoke",
            "emulateFunctionPointerCasts", "maxCallDepth", "sourceMap", "stdin", "traceWasi", "tier",
            "shortFunctionNames", "justMyCode", "maxTableElements", "timeLimit", "maxMemory", "coredump", "coredumpOnTrap", "record");

    private LaunchArguments() {
    }

    public static LaunchConfig parse(Map<String, Object> raw, Path defaultCwd) {
        Map<String, Object> a = raw == null ? Map.of() : raw;
        for (String key : a.keySet()) {
            if (!KEYS.contains(key) && !CLIENT_KEYS.contains(key) && !key.startsWith("__")) {
                throw Failures.badArguments("launch: unknown key '" + key + "' (known: " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
        }
        String cwdText = string(a, "cwd");
        Path cwd = cwdText == null ? defaultCwd : defaultCwd.resolve(cwdText).normalize();
        String program = string(a, "program");
        if (program == null || program.isBlank()) {
            throw Failures.badArguments("launch: 'program' is required (the .wasm file to debug)");
        }
        String stdin = string(a, "stdin");
        String coredump = string(a, "coredump");
        String coredumpOnTrap = string(a, "coredumpOnTrap");
        return new LaunchConfig(cwd.resolve(program).normalize(), strings(a, "args"), stringMap(a, "env"), cwd,
                dirs(a, cwd), bool(a, "stopOnEntry"), string(a, "invoke"), bool(a, "emulateFunctionPointerCasts"),
                integer(a, "maxCallDepth"), stringMap(a, "sourceMap"),
                stdin == null ? null : cwd.resolve(stdin).normalize(), bool(a, "traceWasi"), tier(a),
                bool(a, "shortFunctionNames"), a.get("justMyCode") == null || bool(a, "justMyCode"), limits(a),
                memorySize(a, "maxMemory"), coredump == null ? null : cwd.resolve(coredump).normalize(),
                coredumpOnTrap == null ? null : cwd.resolve(coredumpOnTrap).normalize(), bool(a, "record"));
    }

    private static GuestLimits limits(Map<String, Object> a) {
        Double seconds = number(a, "timeLimit");
        long millis = 0;
        if (seconds != null) {
            try {
                millis = GuestLimits.millis(seconds);
            } catch (IllegalArgumentException e) {
                throw wrongType("timeLimit", "a positive number of seconds", a.get("timeLimit"));
            }
        }
        return new GuestLimits(integer(a, "maxTableElements"), millis);
    }

    private static Double number(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v == null || v instanceof Number) {
            return v == null ? null : ((Number) v).doubleValue();
        }
        throw wrongType(key, "a positive number of seconds", v);
    }

    /** A size in bytes: a number, or a string with a k, M or G suffix ({@code "256M"}). */
    private static Long memorySize(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0
                && n.doubleValue() < 0x1p62) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return MemorySize.parse(s);
            } catch (IllegalArgumentException e) {
                throw Failures.badArguments("launch: '" + key + "': " + e.getMessage());
            }
        }
        throw wrongType(key, "a number of bytes or a size such as \"256M\"", v);
    }

    private static Tier tier(Map<String, Object> a) {
        String name = string(a, "tier");
        try {
            return name == null ? Tier.TIERED : Tier.parse(name);
        } catch (IllegalArgumentException e) {
            throw Failures.badArguments("launch: 'tier': " + e.getMessage());
        }
    }

    private static String string(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrongType(key, "a string", v);
    }

    private static boolean bool(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        throw wrongType(key, "true or false", v);
    }

    private static Integer integer(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v == null) {
            return null;
        }
        // Gson reads every JSON number as a Double.
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1
                && n.doubleValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw wrongType(key, "a positive integer", v);
    }

    private static List<String> strings(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                } else if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    out.add(Long.toString(n.longValue())); // "args": [3] is meant as "3"
                } else {
                    throw wrongType(key, "an array of strings", v);
                }
            }
            return List.copyOf(out);
        }
        throw wrongType(key, "an array of strings", v);
    }

    private static Map<String, String> stringMap(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof String s)) {
                    throw wrongType(key + "." + e.getKey(), "a string", e.getValue());
                }
                out.put((String) e.getKey(), s);
            }
            return out;
        }
        throw wrongType(key, "an object of strings", v);
    }

    private static Map<Path, String> dirs(Map<String, Object> a, Path cwd) {
        Object v = a.get("dirs");
        Map<Path, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?>) {
            for (String d : strings(a, "dirs")) {
                int sep = d.indexOf("::");
                String host = sep < 0 ? d : d.substring(0, sep);
                out.put(cwd.resolve(host).normalize(), sep < 0 ? host : d.substring(sep + 2));
            }
            return out;
        }
        stringMap(a, "dirs").forEach((host, guest) -> out.put(cwd.resolve(host).normalize(), guest));
        return out;
    }

    private static RuntimeException wrongType(String key, String expected, Object actual) {
        String what = actual instanceof String s ? "the string \"" + s + "\""
                : actual instanceof Number n ? "the number " + n
                : actual instanceof Boolean ? actual.toString()
                : actual instanceof List ? "an array" : actual instanceof Map ? "an object" : String.valueOf(actual);
        return Failures.badArguments("launch: '" + key + "' must be " + expected + ", not " + what);
    }
}

package dev.trapdoor.dap.session;

import dev.trapdoor.engine.trap.TrapKind;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Exception breakpoints: one filter per {@link TrapKind} ({@code trap.integer-divide-by-zero}, ...) plus {@link #ALL}.
 * A filter may carry a condition (a Wasm expression on the trapping frame) through {@code filterOptions}. One more
 * filter, {@link #WASI_CALLS}, is not about traps: it stops before every WASI call, with a condition on the call's
 * decoded values ({@code path == "config.toml"}, {@code errno != 0}).
 */
public final class ExceptionFilters {
    public static final String ALL = "trap.all";
    public static final String WASI_CALLS = "wasi.all";
    /** Wasm exceptions (3.0): at a throw no Wasm handler will catch, and at every throw. */
    public static final String UNCAUGHT = "exception.uncaught";
    public static final String THROWN = "exception.all";

    private final Map<String, String> enabled = new HashMap<>();

    public static String filterId(TrapKind kind) {
        return "trap." + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The filters advertised in the capabilities. */
    public static ExceptionBreakpointsFilter[] advertised() {
        List<ExceptionBreakpointsFilter> list = new ArrayList<>();
        list.add(filter(ALL, "All traps", "Stop at any trap, before the stack unwinds"));
        ExceptionBreakpointsFilter wasi = filter(WASI_CALLS, "All WASI calls", "Stop before every WASI system "
                + "call, with its decoded arguments in the \"WASI call\" scope");
        wasi.setConditionDescription("a condition on the call's values, e.g. path == \"config.toml\" or errno != 0");
        list.add(wasi);
        list.add(filter(UNCAUGHT, "Uncaught Wasm exception", "Stop at a throw that no Wasm handler catches, "
                + "before the stack unwinds"));
        list.add(filter(THROWN, "Any thrown Wasm exception", "Stop at every Wasm throw, caught or not"));
        for (TrapKind k : TrapKind.values()) {
            list.add(filter(filterId(k), "Trap: " + k.message(), "Stop when an instruction traps with \""
                    + k.message() + "\""));
        }
        return list.toArray(ExceptionBreakpointsFilter[]::new);
    }

    private static ExceptionBreakpointsFilter filter(String id, String label, String description) {
        ExceptionBreakpointsFilter f = new ExceptionBreakpointsFilter();
        f.setFilter(id);
        f.setLabel(label);
        f.setDescription(description);
        // Stopping at a trap with the frames alive is what Trapdoor is for: "All traps" starts ticked in clients
        // that honour defaults (VS Code, LSP4IJ); the per-kind filters start unticked.
        f.setDefault_(ALL.equals(id));
        f.setSupportsCondition(true);
        f.setConditionDescription("a Wasm expression on the trapping frame, e.g. $1 == 0");
        return f;
    }

    /** Replaces the enabled filters. @throws an error response naming an unknown filter id */
    public synchronized void set(String[] filters, ExceptionFilterOptions[] options) {
        Map<String, String> next = new HashMap<>();
        for (String id : filters == null ? new String[0] : filters) {
            check(id);
            next.put(id, "");
        }
        for (ExceptionFilterOptions o : options == null ? new ExceptionFilterOptions[0] : options) {
            check(o.getFilterId());
            next.put(o.getFilterId(), o.getCondition() == null ? "" : o.getCondition().trim());
        }
        enabled.clear();
        enabled.putAll(next);
    }

    private static void check(String id) {
        if (ALL.equals(id) || WASI_CALLS.equals(id) || UNCAUGHT.equals(id) || THROWN.equals(id)) {
            return;
        }
        for (TrapKind k : TrapKind.values()) {
            if (filterId(k).equals(id)) {
                return;
            }
        }
        throw Failures.badArguments("setExceptionBreakpoints: unknown filter '" + id + "'");
    }

    /**
     * Whether a trap of this kind stops: empty when no filter applies; otherwise the conditions to test (an empty
     * string is "always"). Both the kind's filter and "all traps" may apply; either one holding stops.
     */
    public synchronized Optional<List<String>> conditions(TrapKind kind) {
        List<String> conds = new ArrayList<>();
        if (enabled.containsKey(filterId(kind))) {
            conds.add(enabled.get(filterId(kind)));
        }
        if (enabled.containsKey(ALL)) {
            conds.add(enabled.get(ALL));
        }
        return conds.isEmpty() ? Optional.empty() : Optional.of(conds);
    }

    /**
     * Whether a Wasm exception stops: empty when no filter applies, else the conditions to test (either holding
     * stops). "Uncaught" applies only when no Wasm handler will catch it.
     */
    public synchronized Optional<List<String>> exceptionConditions(boolean caught) {
        List<String> conds = new ArrayList<>();
        if (!caught && enabled.containsKey(UNCAUGHT)) {
            conds.add(enabled.get(UNCAUGHT));
        }
        if (enabled.containsKey(THROWN)) {
            conds.add(enabled.get(THROWN));
        }
        return conds.isEmpty() ? Optional.empty() : Optional.of(conds);
    }

    /** The "All WASI calls" filter's condition ({@code ""} for always), or empty when it is off. */
    public synchronized Optional<String> wasiCalls() {
        return Optional.ofNullable(enabled.get(WASI_CALLS));
    }

    public synchronized void clear() {
        enabled.clear();
    }
}

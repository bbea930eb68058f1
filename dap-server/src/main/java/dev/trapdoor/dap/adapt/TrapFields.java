package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trap's structured detail as name/value pairs, read from the {@link TrapDetail} record's components so a new
 * detail field shows up without changes here.
 */
public final class TrapFields {
    private TrapFields() {
    }

    public static Map<String, String> of(TrapKind kind, TrapDetail detail) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind.message());
        m.put("detail", detail.getClass().getSimpleName());
        for (RecordComponent c : detail.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(detail);
                m.put(c.getName(), render(c.getName(), v));
            } catch (ReflectiveOperationException e) {
                m.put(c.getName(), "(unreadable: " + e.getMessage() + ")");
            }
        }
        String text = detail.describe();
        if (!text.isEmpty()) {
            m.put("description", text);
        }
        return m;
    }

    private static String render(String name, Object v) {
        if (v == null) {
            return "none";
        }
        boolean addressLike = name.toLowerCase().contains("address") || name.equals("base")
                || name.endsWith("ModuleOffset");
        if (addressLike && v instanceof Number n) {
            return String.format("0x%x", n.longValue());
        }
        return v.toString();
    }
}

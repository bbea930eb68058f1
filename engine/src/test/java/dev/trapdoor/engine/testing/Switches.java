package dev.trapdoor.engine.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's switches ({@code -Dtrapdoor.jit.*} and the like, system properties read when code is translated) that a
 * test class sets, put back after each test as they were before it. Register it as an instance field with
 * {@code @RegisterExtension}; a test may set the same properties again with {@code System.setProperty}.
 *
 * <p>Putting back, not clearing, matters: the spec suites are also run with a switch on for the whole JVM
 * ({@code -DargLine=-Dtrapdoor.jit.X=true}), and a class that cleared it afterwards would turn it off for every class
 * after it.
 */
public final class Switches implements BeforeEachCallback, AfterEachCallback {
    private final Set<String> keys = new LinkedHashSet<>();
    /** The switches set before each test, by key; a null value clears one. */
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> before = new HashMap<>();

    private Switches() {
    }

    /** Switches each test may change, put back afterwards. */
    public static Switches kept(String... keys) {
        Switches s = new Switches();
        s.keys.addAll(List.of(keys));
        return s;
    }

    /** Also {@code key} set to {@code value} before each test ({@code null}: cleared), put back afterwards. */
    public Switches set(String key, String value) {
        keys.add(key);
        values.put(key, value);
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        before.clear();
        for (String key : keys) {
            before.put(key, System.getProperty(key));
            if (values.containsKey(key)) {
                put(key, values.get(key));
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        before.forEach(Switches::put);
    }

    private static void put(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}

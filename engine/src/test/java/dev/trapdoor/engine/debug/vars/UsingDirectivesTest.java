package dev.trapdoor.engine.debug.vars;

import dev.trapdoor.engine.dwarf.EvaluationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C++ name lookup through {@code using namespace tuning;} ({@code DW_TAG_imported_module}) and
 * {@code using config::scale;} ({@code DW_TAG_imported_declaration}) in {@code util::scaled} of
 * {@code examples/shapes.cpp}, where two globals are named {@code limit}; and qualified global names.
 */
class UsingDirectivesTest {
    static final List<String> CPP = ExampleProgram.CPP;

    @ParameterizedTest
    @FieldSource("CPP")
    void aPlainNameMeansWhatTheUsingsInScopeSay(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        try {
            p.breakAt("BP_SCALED");
        } catch (AssertionError inlinedAway) {
            assertTrue(p.release(), "BP_SCALED resolves at -O0");
            return;
        }
        int[] stops = {0};
        p.run(stop -> {
            stops[0]++;
            assertEquals("7", eval(stop, "limit"), "tuning::limit, through the using-directive, not config::limit");
            assertEquals("2", eval(stop, "scale"), "config::scale, through the using-declaration");
            assertEquals("3", eval(stop, "config::limit"));
            assertEquals("7", eval(stop, "tuning::limit"));
            assertEquals("10", eval(stop, "config::limit + limit"));
            if (!p.release()) {
                assertEquals("13", eval(stop, "r"));
                assertEquals("13", eval(stop, "x * scale + limit"));
            }
            assertThrows(EvaluationException.class, () -> stop.eval("nowhere::limit"));
        });
        assertEquals(1, stops[0]);
    }

    @ParameterizedTest
    @FieldSource("CPP")
    void withoutAUsingThePlainNameIsAnyGlobalAndTheQualifiedOneIsExact(String fixture) {
        ExampleProgram p = new ExampleProgram(fixture);
        p.breakAt("BP_MAIN");
        p.run(stop -> {
            assertEquals("3", eval(stop, "config::limit"));
            assertEquals("7", eval(stop, "tuning::limit"));
            assertEquals("2", eval(stop, "scale"), "the only global of that name");
        });
    }

    private static String eval(ExampleProgram.Stop stop, String expression) {
        try {
            return stop.eval(expression).display();
        } catch (EvaluationException e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }
}

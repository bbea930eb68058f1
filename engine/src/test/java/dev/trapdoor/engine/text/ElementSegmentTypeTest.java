package dev.trapdoor.engine.text;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.model.ElementSegment;
import dev.trapdoor.engine.model.TypeCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An element segment keeps the type its text declares once encoded (3.0 reads the function-index encoding as
 * {@code (ref func)}): the segment decoded from our binary has that type, and the validator sees it.
 */
class ElementSegmentTypeTest {
    private static ElementSegment onlySegment(String wat) {
        return Wasm.load(Wat.compile("t.wat", wat, false).binary()).elements().get(0);
    }

    @Test
    void anExplicitFuncrefOfRefFuncItemsStaysFuncref() {
        ElementSegment s = onlySegment("(module (func) (table 1 funcref) (elem (i32.const 0) funcref (ref.func 0)))");
        assertEquals(TypeCode.FUNCREF, s.typeCode());
        assertNull(s.funcIndices(), "written as expressions, not function indices");
    }

    @Test
    void aFuncListIsRefFunc() {
        ElementSegment s = onlySegment("(module (func) (table 1 funcref) (elem (i32.const 0) func 0))");
        assertEquals(TypeCode.ref(false, TypeCode.HT_FUNC), s.typeCode());
        assertNotNull(s.funcIndices());
        ElementSegment bare = onlySegment("(module (func) (table 1 funcref) (elem (i32.const 0) 0))");
        assertEquals(TypeCode.ref(false, TypeCode.HT_FUNC), bare.typeCode());
    }

    @Test
    void inlineExpressionsHaveTheTablesType() {
        ElementSegment s = onlySegment("(module (func) (table funcref (elem (ref.func 0))))");
        assertEquals(TypeCode.FUNCREF, s.typeCode());
        ElementSegment indices = onlySegment("(module (func $f) (table funcref (elem $f)))");
        assertEquals(TypeCode.ref(false, TypeCode.HT_FUNC), indices.typeCode());
    }

    @Test
    void aFuncrefSegmentDoesNotFitANonNullableTable() {
        byte[] binary = Wat.compile("t.wat", "(module (func) (table 1 (ref func) (ref.func 0))"
                + " (elem (i32.const 0) funcref (ref.func 0)))", false).binary();
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Wasm.load(binary));
        assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
        Wasm.load(Wat.compile("t.wat", "(module (func) (table 1 (ref func) (ref.func 0))"
                + " (elem (i32.const 0) func 0))", false).binary());
    }
}

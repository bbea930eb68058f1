package dev.trapdoor.engine.spec;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The oracle's normalization equates only what 2.0 reads alike. */
class ElementForms20Test {
    private static final String HEAD = "0061736d01000000";
    /** Types, one function, a funcref table of 2 (the sections before the elements). */
    private static final String BEFORE = "010401600000" + "03020100" + "0404017000" + "02";
    private static final String CODE = "0a040102000b";

    private static byte[] module(String elementSection) {
        return HexFormat.of().parseHex(HEAD + BEFORE + elementSection + CODE);
    }

    private static String canonical(String elementSection) {
        return HexFormat.of().formatHex(ElementForms20.canonical(module(elementSection)));
    }

    @Test
    void indicesAndRefFuncExpressionsAreAlike() {
        String indices = "09" + "07" + "01" + "00" + "41000b" + "0100";          // (elem (i32.const 0) 0)
        String expressions = "09" + "09" + "01" + "04" + "41000b" + "01d2000b"; // ... funcref (ref.func 0)
        String explicit = "09" + "0b" + "01" + "06" + "00" + "41000b" + "70" + "01d2000b";
        assertEquals(canonical(indices), canonical(expressions));
        assertEquals(canonical(indices), canonical(explicit));
        String passiveIndices = "09" + "05" + "01" + "01" + "00" + "0100";      // (elem func 0)
        String passiveExpressions = "09" + "07" + "01" + "05" + "70" + "01d2000b";
        assertEquals(canonical(passiveIndices), canonical(passiveExpressions));
    }

    @Test
    void differentItemsOffsetsAndModesStayDifferent() {
        String f0 = "09" + "07" + "01" + "00" + "41000b" + "0100";
        assertFalse(canonical(f0).equals(canonical("09" + "07" + "01" + "00" + "41010b" + "0100")), "offset");
        assertFalse(canonical(f0).equals(canonical("09" + "09" + "01" + "04" + "41000b" + "01d2010b")), "item");
        assertFalse(canonical(f0).equals(canonical("09" + "07" + "01" + "04" + "41000b" + "01d0700b")), "null");
        assertFalse(canonical("09" + "05" + "01" + "01" + "00" + "0100")
                .equals(canonical("09" + "05" + "01" + "03" + "00" + "0100")), "passive vs declarative");
    }

    @Test
    void otherSectionsAreLeftAsTheyAre() {
        byte[] noElements = HexFormat.of().parseHex(HEAD + BEFORE + CODE);
        assertArrayEquals(noElements, ElementForms20.canonical(noElements));
    }
}

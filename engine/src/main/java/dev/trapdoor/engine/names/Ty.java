package dev.trapdoor.engine.names;

import java.util.List;

/**
 * A demangled C++ type or name as text split around its declarator position: {@code int (*)(char)} is left
 * {@code "int (*"} and right {@code ")(char)"}, so a pointer, reference or member pointer wrapped around it goes in
 * between. {@code kind} says whether the type itself is a function or an array (which makes an enclosing pointer
 * parenthesize); {@code pack} holds the elements of a template parameter pack, else null.
 */
record Ty(String left, String right, Kind kind, List<Ty> pack) {
    enum Kind { PLAIN, FUNCTION, ARRAY, LREF, RREF }

    static Ty plain(String text) {
        return new Ty(text, "", Kind.PLAIN, null);
    }

    String text() {
        return left + right;
    }

    boolean isPack() {
        return pack != null;
    }
}

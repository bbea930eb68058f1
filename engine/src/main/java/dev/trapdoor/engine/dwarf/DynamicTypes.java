package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.names.Demangle;

/**
 * The dynamic type of a polymorphic value, found as lldb finds it, from the vtable the object points to.
 * <ul>
 *   <li>C++ (Itanium ABI, as clang lays it out for wasm32): the object's vtable pointer leads to the vtable, whose
 *   two words before the address point are the offset to the most-derived object and its {@code type_info}, whose
 *   second word is the mangled type name ({@code N3geo4RectE}). wasm-ld keeps no data symbols, so the RTTI name
 *   stands in for lldb's "vtable for geo::Rect" symbol; a program built with {@code -fno-rtti} shows static types.</li>
 *   <li>Rust ({@code &dyn Trait}, {@code Box<dyn Trait>}): the fat pointer's {@code vtable} is the address of a
 *   {@code <T as Trait>::{vtable}} variable, whose type's {@code DW_AT_containing_type} is {@code T}.</li>
 * </ul>
 * A dynamic type is trusted only when it is a class the program defines that derives from the static type (C++),
 * and reading stops at the first word that cannot be read; then the value keeps its static type.
 */
final class DynamicTypes {
    private static final String TYPEINFO_NAME = "typeinfo name for ";
    private static final int MAX_NAME = 1024;
    private static final int MAX_BASE_DEPTH = 16;

    private DynamicTypes() {
    }

    /**
     * The most-derived object that {@code object} (a class with virtual functions, in memory) is part of, as its
     * dynamic type; null when it is not polymorphic, the dynamic type is the static one, or anything does not match.
     */
    static Value cxxObject(Value object) {
        CType t = object.type.strip();
        if (t.table == null || !polymorphic(t, 0) || object.address().isEmpty() || object.raw) {
            return null;
        }
        long address = object.address().get();
        MachineState m = object.state;
        Long vptr = word(m, address);
        Long offsetToTop = vptr == null ? null : word(m, vptr - 8);
        Long typeInfo = vptr == null ? null : word(m, vptr - 4);
        Long namePtr = typeInfo == null ? null : word(m, typeInfo + 4);
        String mangled = namePtr == null ? null : cString(m, namePtr);
        if (mangled == null || offsetToTop == null) {
            return null;
        }
        String demangled = Demangle.demangle("_ZTS" + mangled);
        if (!demangled.startsWith(TYPEINFO_NAME)) {
            return null;
        }
        String name = demangled.substring(TYPEINFO_NAME.length());
        if (name.equals(t.name)) {
            return null;
        }
        CType dynamic = t.table.named(name);
        if (dynamic == null || dynamic.strip() == t || !derivesFrom(dynamic.strip(), t, 0)) {
            return null;
        }
        long full = address + (int) (long) offsetToTop;
        return new Value(object.name(), dynamic, new Place.Memory(full & 0xFFFF_FFFFL), object.state,
                object.addressSize);
    }

    /**
     * The value a Rust trait object ({@code &dyn T}, {@code &mut dyn T}, {@code Box<dyn T>}: a {@code pointer} and a
     * {@code vtable}) points to, as its concrete type; null when the vtable is not one the program describes.
     */
    static Value rustObject(Value fat) {
        CType t = fat.type.strip();
        CType.Member pointer = t.member("pointer");
        CType.Member vtable = t.member("vtable");
        if (t.table == null || pointer == null || vtable == null || t.name == null || !t.name.contains("dyn ")) {
            return null;
        }
        CType concrete = t.table.vtableOwner(fat.member(vtable).asLong());
        long address = fat.member(pointer).asLong();
        if (concrete == null || address == 0 || concrete.byteSize() < 0) {
            return null;
        }
        return new Value("*" + fat.name(), concrete, new Place.Memory(address), fat.state, fat.addressSize);
    }

    /** Whether a class has a vtable pointer ({@code _vptr$Name}) of its own or in a base. */
    private static boolean polymorphic(CType t, int depth) {
        if (depth > MAX_BASE_DEPTH) {
            return false;
        }
        for (CType.Member m : t.members) {
            if (m.name() != null && m.name().startsWith("_vptr$")
                    || m.base() && polymorphic(m.type().strip(), depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean derivesFrom(CType derived, CType base, int depth) {
        if (depth > MAX_BASE_DEPTH) {
            return false;
        }
        for (CType.Member m : derived.members) {
            if (m.base() && (m.type().strip() == base || base.name != null && base.name.equals(m.type().strip().name)
                    || derivesFrom(m.type().strip(), base, depth + 1))) {
                return true;
            }
        }
        return false;
    }

    private static Long word(MachineState m, long address) {
        if (address < 0 || address > 0xFFFF_FFFFL) {
            return null;
        }
        byte[] b = m.readMemory(address, 4);
        return b == null ? null : Scalars.toLong(b, 4, false);
    }

    private static String cString(MachineState m, long address) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < MAX_NAME; i++) {
            byte[] b = m.readMemory(address + i, 1);
            if (b == null) {
                return null;
            }
            if (b[0] == 0) {
                return sb.toString();
            }
            sb.append((char) (b[0] & 0xFF));
        }
        return null;
    }
}

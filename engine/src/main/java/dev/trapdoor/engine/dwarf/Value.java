package dev.trapdoor.engine.dwarf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A source-level value: a variable, a member or element of one, a pointee, or an expression's result. Read from the
 * {@link MachineState} it was made with each time it is asked, so it is valid only while that frame is stopped;
 * children are made on demand, so a large array or a long linked list costs nothing until expanded.
 */
public final class Value {
    /** At most this many children come from {@link #children()}; page through the rest with {@link #children(int, int)}. */
    public static final int CHILD_CAP = 100;

    private final String name;
    final CType type;
    final Place place;
    /** For a bitfield: its first bit (LSB 0) and width within the bytes at {@link #place}; else 0 and 0. */
    final int bitOffset;
    final int bitSize;
    final MachineState state;
    final int addressSize;
    /** The raw view: no formatter applies, so the value shows as DWARF describes it. */
    final boolean raw;

    Value(String name, CType type, Place place, int bitOffset, int bitSize, MachineState state, int addressSize,
          boolean raw) {
        this.name = name;
        this.type = type;
        this.place = place;
        this.bitOffset = bitOffset;
        this.bitSize = bitSize;
        this.state = state;
        this.addressSize = addressSize;
        this.raw = raw;
    }

    Value(String name, CType type, Place place, int bitOffset, int bitSize, MachineState state, int addressSize) {
        this(name, type, place, bitOffset, bitSize, state, addressSize, false);
    }

    Value(String name, CType type, Place place, MachineState state, int addressSize) {
        this(name, type, place, 0, 0, state, addressSize);
    }

    /** The variable's or member's name, {@code [3]} for an element, {@code *p} for a pointee, or the expression. */
    public String name() {
        return name;
    }

    /** The type as C spells it, e.g. {@code struct point *}, {@code int[4]}, {@code const char *}, {@code point_t}. */
    public String typeName() {
        return type.spell() + (bitSize > 0 ? " : " + bitSize : "");
    }

    /** A one-line rendering: {@code 42}, {@code 3.5}, {@code RED}, {@code 0x10a0 "hello"}, {@code {x=1, y=2}}. */
    public String display() {
        Optional<String> missing = unavailable();
        return missing.map(reason -> "<" + reason + ">").orElseGet(() -> ValueFormat.display(this, 0));
    }

    /**
     * Why there is no value, e.g. "optimized out", "not available at this pc", "cannot read memory at 0x7ffffff0";
     * empty when there is one.
     */
    public Optional<String> unavailable() {
        if (place instanceof Place.Unavailable u) {
            return Optional.of(u.reason());
        }
        if (bytes() == null) {
            return Optional.of(place instanceof Place.Memory m
                    ? "cannot read memory at 0x" + Long.toHexString(m.address())
                    : "not available at this pc");
        }
        return Optional.empty();
    }

    /** The value's address in linear memory, when it lives there (not for bitfields or values in Wasm locals). */
    public Optional<Long> address() {
        return place instanceof Place.Memory m && bitSize == 0 ? Optional.of(m.address()) : Optional.empty();
    }

    /** How many bytes the value takes (its type's size), or -1 for a bitfield or a type of unknown size. */
    public long byteSize() {
        return bitSize > 0 ? -1 : type.byteSize();
    }

    /** Where a memory view should open: a pointer's target, otherwise the value's own {@link #address()}. */
    public Optional<Long> memoryReference() {
        if (type.isPointer() && unavailable().isEmpty()) {
            return Optional.of(asLong());
        }
        return address();
    }

    /**
     * How many children the value has: members, elements (all of them, however many), or 1 for a pointee; for a
     * value a formatter shows (a {@code String}, a {@code std::vector}), its synthetic children and a last
     * {@value #RAW_VIEW} child with the value as DWARF describes it.
     */
    public int childCount() {
        if (unavailable().isPresent()) {
            return 0;
        }
        Formatted f = formatted();
        if (f != null) {
            return f.count() + 1;
        }
        CType t = type.strip();
        return switch (t.kind) {
            case STRUCT, UNION, CLASS -> t.members.size();
            case ARRAY -> (int) Math.max(0, Math.min(Integer.MAX_VALUE, t.count));
            case POINTER, REFERENCE -> {
                CType to = t.target == null ? CType.VOID : t.target.strip();
                yield to.kind == CType.Kind.VOID || to.kind == CType.Kind.FUNCTION || asLong() == 0 ? 0 : 1;
            }
            default -> 0;
        };
    }

    public boolean hasChildren() {
        return childCount() > 0;
    }

    /** The first {@link #CHILD_CAP} children. */
    public List<Value> children() {
        return children(0, CHILD_CAP);
    }

    /** Children {@code [from, from + count)}, fewer at the end; for paging through large arrays. */
    public List<Value> children(int from, int count) {
        int total = childCount();
        List<Value> out = new ArrayList<>();
        for (int i = Math.max(0, from); i < total && i < (long) from + count; i++) {
            out.add(child(i));
        }
        return out;
    }

    /** The name of the child that shows a formatted value without its formatter. */
    public static final String RAW_VIEW = "[raw]";

    /** The formatter's view of this value, or null when none applies (or this is the raw view). */
    Formatted formatted() {
        return raw ? null : Formatters.format(this);
    }

    /** Whether a formatter shows this value (its children are synthetic, the last one the raw view). */
    public boolean isFormatted() {
        return unavailable().isEmpty() && formatted() != null;
    }

    Value child(int i) {
        Formatted f = formatted();
        if (f != null) {
            return i < f.count() ? f.child(i) : new Value(RAW_VIEW, type, place, bitOffset, bitSize, state,
                    addressSize, true);
        }
        CType t = type.strip();
        return switch (t.kind) {
            case STRUCT, UNION, CLASS -> member(t.members.get(i));
            case ARRAY -> element(i);
            default -> deref();
        };
    }

    Value member(CType.Member m) {
        String memberName = m.name() == null ? "<anonymous>" : m.name();
        int length = (int) Math.max(m.type().byteSize(), 0);
        if (m.isBitfield()) {
            length = (m.bitOffset() + m.bitSize() + 7) / 8;
        }
        return new Value(memberName, m.type(), place.at(state, (int) m.byteOffset(), length), m.bitOffset(),
                m.bitSize(), state, addressSize);
    }

    /** Element {@code i} of an array value. */
    Value element(long i) {
        CType element = type.strip().target;
        long size = element == null ? -1 : element.byteSize();
        if (size <= 0) {
            return new Value("[" + i + "]", element == null ? CType.VOID : element,
                    new Place.Unavailable("element of unknown size"), state, addressSize);
        }
        return new Value("[" + i + "]", element, place.at(state, (int) (i * size), (int) size), state, addressSize);
    }

    /** What a pointer value points to, named {@code *name}. */
    Value deref() {
        CType to = type.strip().target == null ? CType.VOID : type.strip().target;
        return new Value("*" + name, to, new Place.Memory(asLong()), state, addressSize);
    }

    /** The value's bytes ({@link CType#byteSize()} of them, or the bitfield's storage), or null when unreadable. */
    byte[] bytes() {
        long size = bitSize > 0 ? (bitOffset + bitSize + 7) / 8 : type.byteSize();
        if (size < 0 || size > 1 << 24) {
            return size < 0 ? new byte[0] : null;
        }
        try {
            return place.read(state, 0, (int) size);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The value as an integer: integers, enums, bools, chars and pointers (pointers unsigned); bitfields extracted. */
    long asLong() {
        byte[] b = bytes();
        if (b == null) {
            throw new IllegalStateException(unavailable().orElse("no value"));
        }
        if (bitSize > 0) {
            long raw = Scalars.toLong(b, b.length, false) >>> bitOffset;
            long masked = bitSize >= 64 ? raw : raw & ((1L << bitSize) - 1);
            if (type.isSigned() && bitSize < 64) {
                int shift = 64 - bitSize;
                masked = masked << shift >> shift;
            }
            return masked;
        }
        if (type.isFloat()) {
            return (long) asDouble();
        }
        return Scalars.toLong(b, b.length, type.isSigned() && !type.isPointer());
    }

    double asDouble() {
        if (type.isFloat()) {
            byte[] b = bytes();
            if (b == null) {
                throw new IllegalStateException(unavailable().orElse("no value"));
            }
            return Scalars.toDouble(b, b.length);
        }
        long v = asLong();
        return type.isSigned() || v >= 0 ? v : Double.parseDouble(Long.toUnsignedString(v));
    }

    /** The same value under another name, e.g. the expression that produced it. */
    Value named(String newName) {
        return new Value(newName, type, place, bitOffset, bitSize, state, addressSize, raw);
    }

    /** The same place seen as another type (a cast, or a formatter's view of a node). */
    Value as(String newName, CType newType) {
        return new Value(newName, newType, place, 0, 0, state, addressSize);
    }

    @Override
    public String toString() {
        return name + " (" + typeName() + ") = " + display();
    }
}

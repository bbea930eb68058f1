package dev.trapdoor.engine.dwarf;

/**
 * A source variable or parameter visible at some code position; {@link SourceVariables#read} gives its value in a
 * stopped frame. Tied to the position it was found at, because optimized code keeps a variable in different places
 * at different positions.
 */
public final class Variable {
    private final String name;
    private final boolean parameter;
    final CType type;
    final CompileUnit unit;
    final DieTree.Node die;
    /** The real (not inlined) function whose frame holds the variable, for DW_OP_fbreg; null for globals. */
    final DieTree.Node function;
    /** The code offset the variable was found at. */
    final long pc;

    Variable(String name, boolean parameter, CType type, CompileUnit unit, DieTree.Node die, DieTree.Node function,
             long pc) {
        this.name = name;
        this.parameter = parameter;
        this.type = type;
        this.unit = unit;
        this.die = die;
        this.function = function;
        this.pc = pc;
    }

    public String name() {
        return name;
    }

    /** The type as C spells it, e.g. {@code struct point *}. */
    public String typeName() {
        return type.spell();
    }

    /** Whether it is a function parameter ({@code DW_TAG_formal_parameter}). */
    public boolean parameter() {
        return parameter;
    }

    /** Whether it is a global or file-static variable. */
    public boolean global() {
        return function == null;
    }

    @Override
    public String toString() {
        return typeName() + " " + name + (parameter ? " (parameter)" : "");
    }
}

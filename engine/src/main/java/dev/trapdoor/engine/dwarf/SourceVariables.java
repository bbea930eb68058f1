package dev.trapdoor.engine.dwarf;

import dev.trapdoor.engine.model.CodeOffsets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Typed source variables of a module: which are visible at a code position, their values in a stopped frame, and
 * writing them. Get it from {@link SourceMap#variables()}; units' DIEs are read on the first query needing them.
 *
 * <p>Like {@link SourceMap}, damaged debug info never escapes as an exception: scopes and globals come back empty or
 * shorter, values come back unavailable, and {@link SourceMap#warnings()} says why. Values read through a
 * {@link MachineState} are valid only while its frame is stopped.
 */
public final class SourceVariables {
    /** Origins chain (inlined copy, abstract instance, declaration); longer chains are damage. */
    private static final int MAX_ORIGIN_HOPS = 8;

    private final DwarfContext context;
    private final CodeOffsets code;
    private final Supplier<List<CompileUnit>> units;

    SourceVariables(DwarfContext context, CodeOffsets code, Supplier<List<CompileUnit>> units) {
        this.context = context;
        this.code = code;
        this.units = units;
    }

    /**
     * The scopes visible at a module offset, innermost first (lexical blocks, inlined functions, then the real
     * function), each with its variables; parameters are marked. Empty without debug info for that code.
     */
    public List<VariableScope> scopesAt(int moduleOffset) {
        return guard(() -> {
            long pc = code.toCodeOffset(moduleOffset);
            if (pc < 0) {
                return List.<VariableScope>of();
            }
            for (CompileUnit unit : unitsAt(pc)) {
                List<VariableIndex.Block> chain = unit.variables().chainAt(pc);
                if (chain.isEmpty()) {
                    continue;
                }
                List<VariableScope> scopes = new ArrayList<>();
                for (int i = chain.size() - 1; i >= 0; i--) {
                    scopes.add(scope(unit, chain.get(i), pc));
                }
                return List.copyOf(scopes);
            }
            return List.<VariableScope>of();
        }, List.of());
    }

    private VariableScope scope(CompileUnit unit, VariableIndex.Block block, long pc) {
        VariableScope.Kind kind = switch (block.node().tag()) {
            case DwTag.SUBPROGRAM -> VariableScope.Kind.FUNCTION;
            case DwTag.INLINED_SUBROUTINE -> VariableScope.Kind.INLINED_FUNCTION;
            default -> VariableScope.Kind.BLOCK;
        };
        String name = kind == VariableScope.Kind.BLOCK ? "block" : nameOf(unit, block.node());
        List<Variable> variables = new ArrayList<>();
        for (DieTree.Node die : block.variables()) {
            variables.add(variable(unit, die, block.function(), pc));
        }
        return new VariableScope(name == null ? "??" : name, kind, List.copyOf(variables));
    }

    /**
     * The global and file-static variables of the compile unit holding a module offset (with no DWARF for that
     * offset: empty).
     */
    public List<Variable> globals(int moduleOffset) {
        return guard(() -> {
            long pc = code.toCodeOffset(moduleOffset);
            for (CompileUnit unit : unitsAt(pc)) {
                if (pc >= 0 && !unit.variables().chainAt(pc).isEmpty()) {
                    return globalsOf(unit, pc);
                }
            }
            return List.<Variable>of();
        }, List.of());
    }

    /**
     * The units whose code may hold a code offset: those whose root DIE's ranges contain it, or that do not say. The
     * DIE trees of the others are not read (a Rust program links hundreds of std units with DWARF).
     */
    private List<CompileUnit> unitsAt(long pc) {
        List<CompileUnit> candidates = new ArrayList<>();
        for (CompileUnit unit : units.get()) {
            try {
                List<CodeRange> ranges = unit.ranges();
                if (ranges.isEmpty() || ranges.stream().anyMatch(r -> r.contains(pc))) {
                    candidates.add(unit);
                }
            } catch (DwarfFormatException damaged) {
                context.warnings.add("skipped a compile unit with damaged ranges: " + damaged.getMessage());
            }
        }
        return candidates;
    }

    /**
     * The global variable a C++ name means at a module offset through the using-declarations and using-directives in
     * scope and the enclosing namespaces ({@link UsingLookup}), or a qualified name ({@code config::limit}); null when
     * they say nothing (then any global of that name will do).
     */
    Variable visibleGlobal(String name, int moduleOffset) {
        return guard(() -> {
            long pc = code.toCodeOffset(moduleOffset);
            for (CompileUnit unit : unitsAt(pc)) {
                if (pc >= 0 && !unit.variables().chainAt(pc).isEmpty()) {
                    DieTree.Node die = UsingLookup.find(unit, pc, name);
                    return die == null ? null : variable(unit, die, null, pc);
                }
            }
            return null;
        }, null);
    }

    /**
     * The C++ usings in effect at a module offset as the index records them, innermost scope first: the qualified
     * name of what each imports ({@code tuning} for {@code using namespace tuning;}, {@code config::scale} for
     * {@code using config::scale;}). For diagnostics and tests.
     */
    List<String> usingsAt(int moduleOffset) {
        return guard(() -> {
            long pc = code.toCodeOffset(moduleOffset);
            for (CompileUnit unit : unitsAt(pc)) {
                List<VariableIndex.Block> chain = pc < 0 ? List.of() : unit.variables().chainAt(pc);
                if (!chain.isEmpty()) {
                    return UsingLookup.usingsInEffect(unit, chain);
                }
            }
            return List.<String>of();
        }, List.of());
    }

    /** The globals of every unit, for names a unit declares only as {@code extern}. */
    List<Variable> allGlobals() {
        return guard(() -> {
            List<Variable> all = new ArrayList<>();
            for (CompileUnit unit : units.get()) {
                all.addAll(globalsOf(unit, -1));
            }
            return all;
        }, List.of());
    }

    private List<Variable> globalsOf(CompileUnit unit, long pc) {
        List<Variable> globals = new ArrayList<>();
        for (DieTree.Node die : unit.variables().globals()) {
            Variable v = variable(unit, die, null, pc);
            if (v.name() != null) {
                globals.add(v);
            }
        }
        return List.copyOf(globals);
    }

    private Variable variable(CompileUnit unit, DieTree.Node die, DieTree.Node function, long pc) {
        DieTree tree = unit.dies();
        DieTree.Node named = withAttribute(tree, die, DwAt.NAME);
        DieTree.Node typed = withAttribute(tree, die, DwAt.TYPE);
        String name = named == null ? null : unit.stringOrNull(named.get(DwAt.NAME));
        CType type = typed == null ? CType.VOID : unit.types().typeOf(typed);
        return new Variable(name == null ? "<unnamed>" : name, die.tag() == DwTag.FORMAL_PARAMETER, type, unit, die,
                function, pc);
    }

    /** The DIE itself or the first of its abstract origins / specifications that has an attribute. */
    static DieTree.Node withAttribute(DieTree tree, DieTree.Node die, int attribute) {
        DieTree.Node n = die;
        for (int hop = 0; hop < MAX_ORIGIN_HOPS && n != null; hop++) {
            if (n.get(attribute) != null) {
                return n;
            }
            DieTree.Node next = tree.target(n, DwAt.ABSTRACT_ORIGIN);
            n = next != null ? next : tree.target(n, DwAt.SPECIFICATION);
        }
        return null;
    }

    private static String nameOf(CompileUnit unit, DieTree.Node die) {
        DieTree.Node named = withAttribute(unit.dies(), die, DwAt.NAME);
        if (named != null) {
            return unit.stringOrNull(named.get(DwAt.NAME));
        }
        DieTree.Node linkage = withAttribute(unit.dies(), die, DwAt.LINKAGE_NAME);
        return linkage == null ? null : unit.stringOrNull(linkage.get(DwAt.LINKAGE_NAME));
    }

    /** The variable's value in a stopped frame; unavailable (with the reason) when it has none at its position. */
    public Value read(Variable v, MachineState state) {
        int addressSize = v.unit.header.addressSize();
        return guard(() -> new Value(v.name(), v.type, place(v, state), state, addressSize),
                new Value(v.name(), v.type, new Place.Unavailable("damaged debug info"), state, addressSize));
    }

    private Place place(Variable v, MachineState state) {
        AttributeValue constant = v.die.get(DwAt.CONST_VALUE);
        if (constant != null) {
            return constantPlace(v.unit, constant);
        }
        AttributeValue location = v.die.get(DwAt.LOCATION);
        if (location == null) {
            return new Place.Unavailable("optimized out");
        }
        DwarfExpression expression = new DwarfExpression(v.unit, state, () -> frameBase(v, state));
        if (LocationLists.isList(location)) {
            LocationLists.Expression here = LocationLists.find(v.unit, location, v.pc);
            return here == null ? new Place.Unavailable("not available at this pc")
                    : expression.evaluate(here.section(), here.offset(), here.length());
        }
        if (!location.isBlock()) {
            return new Place.Unavailable("unsupported location form 0x" + Integer.toHexString(location.form()));
        }
        Place place = expression.evaluate(context.sections.require(DwarfSections.INFO), location.value(),
                location.length());
        if (place instanceof Place.Slot slot && slot.kind() == DwOp.WASM_LOCAL && v.function != null
                && slotReused(v, slot, state)) {
            return new Place.Unavailable("not available at this pc (its Wasm local holds another variable here)");
        }
        return place;
    }

    /**
     * Whether another variable of the function is said to be in the same local at this pc by a location list.
     * clang 14 at -O2 describes some parameters by one expression for the whole function ("in local 0") even after
     * it reuses that local for another variable, which it then describes by a location list. The list is the
     * precise claim, so the whole-function one is the stale one: better no value than a wrong one.
     */
    private boolean slotReused(Variable v, Place.Slot slot, MachineState state) {
        List<VariableIndex.Block> chain = v.unit.variables().chainAt(v.pc);
        if (chain.isEmpty()) {
            return false;
        }
        List<VariableIndex.Block> pending = new ArrayList<>(List.of(chain.get(0)));
        while (!pending.isEmpty()) {
            VariableIndex.Block block = pending.remove(pending.size() - 1);
            pending.addAll(block.children());
            for (DieTree.Node other : block.variables()) {
                AttributeValue location = other.get(DwAt.LOCATION);
                if (other == v.die || location == null || !LocationLists.isList(location)) {
                    continue;
                }
                LocationLists.Expression here = LocationLists.find(v.unit, location, v.pc);
                if (here != null && slot.equals(new DwarfExpression(v.unit, state, () -> 0)
                        .evaluate(here.section(), here.offset(), here.length()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Place constantPlace(CompileUnit unit, AttributeValue constant) {
        if (constant.isBlock()) {
            SectionReader r = context.sections.require(DwarfSections.INFO).reader(constant.value());
            byte[] bytes = new byte[(int) Math.min(constant.length(), 1 << 16)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) r.u8();
            }
            return new Place.Bytes(bytes);
        }
        if (constant.form() == DwForm.STRING || constant.form() == DwForm.STRP) {
            return new Place.Unavailable("constant string " + unit.string(constant));
        }
        return new Place.Bytes(Place.Bytes.of(constant.value()));
    }

    /** The value DW_OP_fbreg adds to: the function's DW_AT_frame_base, evaluated in the same frame. */
    private long frameBase(Variable v, MachineState state) {
        if (v.function == null) {
            throw new IllegalStateException("a global cannot use the frame base");
        }
        AttributeValue base = v.function.get(DwAt.FRAME_BASE);
        if (base == null) {
            throw new IllegalStateException("the function has no frame base");
        }
        DwarfExpression expression = new DwarfExpression(v.unit, state, () -> {
            throw new IllegalStateException("frame base defined by itself");
        });
        Place place;
        if (LocationLists.isList(base)) {
            LocationLists.Expression here = LocationLists.find(v.unit, base, v.pc);
            if (here == null) {
                throw new IllegalStateException("frame base not available at this pc");
            }
            place = expression.evaluate(here.section(), here.offset(), here.length());
        } else {
            place = expression.evaluate(context.sections.require(DwarfSections.INFO), base.value(), base.length());
        }
        if (place instanceof Place.Memory m) {
            return m.address();
        }
        byte[] bytes = place.read(state, 0, 8);
        if (bytes == null) {
            throw new IllegalStateException("frame base not available at this pc");
        }
        return Scalars.toLong(bytes, v.unit.header.addressSize(), false);
    }

    /**
     * Writes a value of a base type, enum or pointer: its local, global or memory bytes. {@code text} is a number
     * ({@code 42}, {@code -1}, {@code 0x10}, {@code 2.5}), a character ({@code 'a'}), {@code true}/{@code false}, an
     * enumerator's name, or {@code NULL} for pointers.
     *
     * @throws EvaluationException for other types, text that does not parse or fit, and values that live nowhere
     *                             writable (optimized out, computed, on the operand stack, unreadable memory)
     */
    public void write(Value value, String text, MachineState state) throws EvaluationException {
        ValueWriter.write(value, text, state);
    }

    /** An evaluator of C expressions over the variables visible at a position. */
    public Evaluator evaluator() {
        return new Evaluator(this);
    }

    /** The unit holding a code offset, or null; its types are used for casts and arithmetic. */
    CompileUnit unitAt(int moduleOffset) {
        return guard(() -> {
            long pc = code.toCodeOffset(moduleOffset);
            for (CompileUnit unit : unitsAt(pc)) {
                if (pc >= 0 && !unit.variables().chainAt(pc).isEmpty()) {
                    return unit;
                }
            }
            return null;
        }, null);
    }

    void warn(String message) {
        context.warnings.add(message);
    }

    /** The public boundary: damaged debug info degrades answers and adds a warning, never throws. */
    private <T> T guard(Supplier<T> query, T otherwise) {
        try {
            return query.get();
        } catch (RuntimeException | StackOverflowError damaged) {
            context.warnings.add("variable query failed on damaged debug info: " + damaged);
            return otherwise;
        }
    }
}

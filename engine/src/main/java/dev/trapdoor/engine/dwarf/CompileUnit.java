package dev.trapdoor.engine.dwarf;

import java.util.List;

/**
 * A compile (or partial) unit: its header, its root DIE's attributes, and the means to resolve the indirect forms its
 * DIEs use. The unit's DIE tree is read only when a query needs its scopes ({@link #scopes()}).
 */
final class CompileUnit {
    /** Where the v5 bases point when the root DIE omits them: just past a DWARF32 contribution header. */
    private static final long DEFAULT_STR_OFFSETS_BASE = 8;
    private static final long DEFAULT_ADDR_BASE = 8;
    private static final long DEFAULT_RNGLISTS_BASE = 12;
    private static final long DEFAULT_LOCLISTS_BASE = 12;

    final UnitHeader header;
    final AbbreviationTable abbreviations;
    final DwarfContext context;
    private final Die root;
    private final long strOffsetsBase;
    private final long addrBase;
    private final long rnglistsBase;
    private final long loclistsBase;
    private List<CodeRange> ranges;
    private ScopeTree scopes;
    private DieTree dies;
    private VariableIndex variables;
    private TypeTable types;

    CompileUnit(UnitHeader header, AbbreviationTable abbreviations, Die root, DwarfContext context) {
        this.header = header;
        this.abbreviations = abbreviations;
        this.root = root;
        this.context = context;
        this.strOffsetsBase = constant(DwAt.STR_OFFSETS_BASE, DEFAULT_STR_OFFSETS_BASE);
        long gnuAddrBase = constant(DwAt.GNU_ADDR_BASE, DEFAULT_ADDR_BASE);
        this.addrBase = constant(DwAt.ADDR_BASE, gnuAddrBase);
        this.rnglistsBase = constant(DwAt.RNGLISTS_BASE, DEFAULT_RNGLISTS_BASE);
        this.loclistsBase = constant(DwAt.LOCLISTS_BASE, DEFAULT_LOCLISTS_BASE);
    }

    private long constant(int attribute, long otherwise) {
        AttributeValue v = root.get(attribute);
        return v == null ? otherwise : v.value();
    }

    int tag() {
        return root.tag();
    }

    String name() {
        return stringOrNull(root.get(DwAt.NAME));
    }

    /** DW_LANG_* of the unit, 0 when unknown. */
    int language() {
        return (int) constant(DwAt.LANGUAGE, 0);
    }

    /** Whether the unit is C (C89, C, C99, C11, C17): its types are spelled with {@code struct}/{@code enum}. */
    boolean isC() {
        int l = language();
        return l == 0 || l == 0x01 || l == 0x02 || l == 0x0c || l == 0x1d || l == 0x2c;
    }

    /** Whether the unit is Rust (DW_LANG_Rust). */
    boolean isRust() {
        return language() == 0x1c;
    }

    String compDir() {
        return stringOrNull(root.get(DwAt.COMP_DIR));
    }

    /** The {@code .debug_line} offset of the unit's line program, or -1. */
    long stmtList() {
        return constant(DwAt.STMT_LIST, -1);
    }

    /** The base address for the unit's range lists: its low_pc, or 0. */
    long baseAddress() {
        AttributeValue low = root.get(DwAt.LOW_PC);
        return low == null ? 0 : address(low);
    }

    long rnglistsBase() {
        return rnglistsBase;
    }

    long loclistsBase() {
        return loclistsBase;
    }

    /** The code the unit covers, empty when the root DIE does not say (then every query must look inside). */
    synchronized List<CodeRange> ranges() {
        if (ranges == null) {
            ranges = rangesOf(root);
        }
        return ranges;
    }

    synchronized ScopeTree scopes() {
        if (scopes == null) {
            context.countParse();
            scopes = ScopeTree.read(this);
        }
        return scopes;
    }

    /** Every DIE of the unit with parent and children links, for variables and types; read on first use. */
    synchronized DieTree dies() {
        if (dies == null) {
            context.countParse();
            dies = DieTree.read(this);
        }
        return dies;
    }

    synchronized VariableIndex variables() {
        if (variables == null) {
            variables = VariableIndex.build(this);
        }
        return variables;
    }

    synchronized TypeTable types() {
        if (types == null) {
            types = new TypeTable(this);
        }
        return types;
    }

    Die root() {
        return root;
    }

    /**
     * The live code ranges of a DIE from low_pc/high_pc or DW_AT_ranges. Ranges of code the linker dropped carry
     * tombstone addresses (0, -1, -2) that lie outside the code section; they are left out.
     */
    List<CodeRange> rangesOf(Die die) {
        AttributeValue low = die.get(DwAt.LOW_PC);
        AttributeValue high = die.get(DwAt.HIGH_PC);
        if (low != null && high != null) {
            long start = address(low);
            long end = DwForm.isConstant(high.form()) ? start + high.value() : address(high);
            return live(List.of(new CodeRange(start, end)));
        }
        AttributeValue ranges = die.get(DwAt.RANGES);
        if (ranges != null) {
            return live(RangeLists.read(this, ranges));
        }
        return List.of();
    }

    private List<CodeRange> live(List<CodeRange> ranges) {
        return ranges.stream()
                .filter(r -> r.start() < r.end() && context.code.isCode(r.start()) && context.code.isCode(r.end()))
                .toList();
    }

    String stringOrNull(AttributeValue v) {
        return v == null ? null : string(v);
    }

    String string(AttributeValue v) {
        return switch (v.form()) {
            case DwForm.STRING -> v.string();
            case DwForm.STRP -> context.sections.require(DwarfSections.STR).reader(v.value()).cString();
            case DwForm.LINE_STRP -> context.sections.require(DwarfSections.LINE_STR).reader(v.value()).cString();
            case DwForm.STRX, DwForm.STRX1, DwForm.STRX2, DwForm.STRX3, DwForm.STRX4, DwForm.GNU_STR_INDEX -> {
                SectionReader offsets = context.sections.require(DwarfSections.STR_OFFSETS)
                        .reader(strOffsetsBase + v.value() * 4);
                yield context.sections.require(DwarfSections.STR).reader(offsets.u32()).cString();
            }
            default -> throw new DwarfFormatException(DwarfSections.INFO, header.offset(),
                    "form 0x" + Integer.toHexString(v.form()) + " is not a string");
        };
    }

    long address(AttributeValue v) {
        return switch (v.form()) {
            case DwForm.ADDR -> v.value();
            case DwForm.ADDRX, DwForm.ADDRX1, DwForm.ADDRX2, DwForm.ADDRX3, DwForm.ADDRX4, DwForm.GNU_ADDR_INDEX ->
                    indexedAddress(v.value());
            default -> throw new DwarfFormatException(DwarfSections.INFO, header.offset(),
                    "form 0x" + Integer.toHexString(v.form()) + " is not an address");
        };
    }

    /** Entry {@code index} of the unit's {@code .debug_addr} contribution. */
    long indexedAddress(long index) {
        int size = header.addressSize();
        return context.sections.require(DwarfSections.ADDR).reader(addrBase + index * size).unsigned(size);
    }
}

package dev.trapdoor.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded module. Index spaces put imports first, as the spec does: function {@code i} is the {@code i}-th imported
 * function while {@code i < importedFunctionCount()}, then the module's own functions.
 *
 * <p>The module keeps its bytes: function bodies, constant expressions, data and custom sections are ranges into them.
 */
public final class WasmModule {
    private final byte[] bytes;
    private final List<FuncType> types;
    private final List<Import> imports;
    private final int[] functionTypeIndices;
    private final List<TableType> tables;
    private final List<MemoryType> memories;
    private final List<GlobalType> globalTypes;
    private final List<Global> globals;
    private final List<Export> exports;
    private final int startFunction;
    private final List<ElementSegment> elements;
    private final List<DataSegment> data;
    private final int dataCount;
    private final List<FunctionBody> bodies;
    private final List<CustomSection> customSections;
    private final int codeSectionOffset;
    private final int importedFunctionCount;
    private final int importedTableCount;
    private final int importedMemoryCount;
    private final int importedGlobalCount;
    /** Type index of each tag, imported first (3.0, exception handling). */
    private final int[] tagTypeIndices;
    private final int importedTagCount;

    /**
     * @param definedFunctionTypes type index of each function the module defines (function section)
     * @param startFunction        start function index, or -1
     * @param dataCount            value of the data count section, or -1 when absent
     * @param codeSectionOffset    module offset of the code section's contents (DWARF addresses count from here), or -1
     */
    public WasmModule(byte[] bytes, List<FuncType> types, List<Import> imports, int[] definedFunctionTypes,
                      List<TableType> tables, List<MemoryType> memories, List<Global> globals, List<Export> exports,
                      int startFunction, List<ElementSegment> elements, List<DataSegment> data, int dataCount,
                      List<FunctionBody> bodies, List<CustomSection> customSections, int codeSectionOffset) {
        this(bytes, types, imports, definedFunctionTypes, tables, memories, globals, exports, startFunction, elements,
                data, dataCount, bodies, customSections, codeSectionOffset, new int[0]);
    }

    /** @param definedTagTypes type index of each tag the module defines (tag section) */
    public WasmModule(byte[] bytes, List<FuncType> types, List<Import> imports, int[] definedFunctionTypes,
                      List<TableType> tables, List<MemoryType> memories, List<Global> globals, List<Export> exports,
                      int startFunction, List<ElementSegment> elements, List<DataSegment> data, int dataCount,
                      List<FunctionBody> bodies, List<CustomSection> customSections, int codeSectionOffset,
                      int[] definedTagTypes) {
        this.bytes = bytes;
        this.types = List.copyOf(types);
        this.imports = List.copyOf(imports);
        this.exports = List.copyOf(exports);
        this.startFunction = startFunction;
        this.elements = List.copyOf(elements);
        this.data = List.copyOf(data);
        this.dataCount = dataCount;
        this.bodies = List.copyOf(bodies);
        this.customSections = List.copyOf(customSections);
        this.codeSectionOffset = codeSectionOffset;
        this.globals = List.copyOf(globals);

        List<Integer> funcTypes = new ArrayList<>();
        List<TableType> allTables = new ArrayList<>();
        List<MemoryType> allMemories = new ArrayList<>();
        List<GlobalType> allGlobals = new ArrayList<>();
        List<Integer> tagTypes = new ArrayList<>();
        for (Import imp : imports) {
            switch (imp.desc().kind()) {
                case FUNC -> funcTypes.add(((ImportDesc.Func) imp.desc()).typeIndex());
                case TABLE -> allTables.add(((ImportDesc.Table) imp.desc()).type());
                case MEMORY -> allMemories.add(((ImportDesc.Memory) imp.desc()).type());
                case GLOBAL -> allGlobals.add(((ImportDesc.Global) imp.desc()).type());
                case TAG -> tagTypes.add(((ImportDesc.Tag) imp.desc()).typeIndex());
            }
        }
        this.importedTagCount = tagTypes.size();
        this.tagTypeIndices = new int[tagTypes.size() + definedTagTypes.length];
        for (int i = 0; i < tagTypes.size(); i++) {
            tagTypeIndices[i] = tagTypes.get(i);
        }
        System.arraycopy(definedTagTypes, 0, tagTypeIndices, tagTypes.size(), definedTagTypes.length);
        this.importedFunctionCount = funcTypes.size();
        this.importedTableCount = allTables.size();
        this.importedMemoryCount = allMemories.size();
        this.importedGlobalCount = allGlobals.size();
        int[] fti = new int[funcTypes.size() + definedFunctionTypes.length];
        for (int i = 0; i < funcTypes.size(); i++) {
            fti[i] = funcTypes.get(i);
        }
        System.arraycopy(definedFunctionTypes, 0, fti, funcTypes.size(), definedFunctionTypes.length);
        this.functionTypeIndices = fti;
        allTables.addAll(tables);
        allMemories.addAll(memories);
        for (Global g : globals) {
            allGlobals.add(g.type());
        }
        this.tables = List.copyOf(allTables);
        this.memories = List.copyOf(allMemories);
        this.globalTypes = List.copyOf(allGlobals);
    }

    /** The module's bytes. Not copied: callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    public List<FuncType> types() {
        return types;
    }

    public List<Import> imports() {
        return imports;
    }

    public List<Export> exports() {
        return exports;
    }

    /** Number of functions in the index space (imported and defined). */
    public int functionCount() {
        return functionTypeIndices.length;
    }

    public int importedFunctionCount() {
        return importedFunctionCount;
    }

    public int importedTableCount() {
        return importedTableCount;
    }

    public int importedMemoryCount() {
        return importedMemoryCount;
    }

    public int importedGlobalCount() {
        return importedGlobalCount;
    }

    /** Number of tags in the index space (imported and defined). */
    public int tagCount() {
        return tagTypeIndices.length;
    }

    public int importedTagCount() {
        return importedTagCount;
    }

    /** Type index of tag {@code tagIndex}: its payload is that function type's parameters. */
    public int tagTypeIndex(int tagIndex) {
        return tagTypeIndices[tagIndex];
    }

    /** Type index of function {@code funcIndex} (imported or defined). */
    public int functionTypeIndex(int funcIndex) {
        return functionTypeIndices[funcIndex];
    }

    public FuncType functionType(int funcIndex) {
        return types.get(functionTypeIndices[funcIndex]);
    }

    /** All tables, imported first. */
    public List<TableType> tables() {
        return tables;
    }

    /** All memories, imported first. */
    public List<MemoryType> memories() {
        return memories;
    }

    /** Types of all globals, imported first. */
    public List<GlobalType> globalTypes() {
        return globalTypes;
    }

    /** The globals the module defines (global index {@code importedGlobalCount() + i}). */
    public List<Global> globals() {
        return globals;
    }

    public int startFunction() {
        return startFunction;
    }

    public List<ElementSegment> elements() {
        return elements;
    }

    public List<DataSegment> data() {
        return data;
    }

    /** The data count section's value, or -1 when the module has none. */
    public int dataCount() {
        return dataCount;
    }

    /** Bodies of the defined functions: body {@code i} belongs to function {@code importedFunctionCount() + i}. */
    public List<FunctionBody> bodies() {
        return bodies;
    }

    public FunctionBody body(int funcIndex) {
        return bodies.get(funcIndex - importedFunctionCount);
    }

    public List<CustomSection> customSections() {
        return customSections;
    }

    /** Module offset where the code section's contents start (DWARF's code offsets count from here), or -1. */
    public int codeSectionOffset() {
        return codeSectionOffset;
    }
}

package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.NameSectionReader;
import dev.trapdoor.engine.model.Names;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.ModuleContext;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An instantiated module: its functions, tables, memories and globals (imported first), and its exports. */
public final class Instance {
    final Store store;
    final WasmModule module;
    final FunctionInstance[] functions;
    final TableInstance[] tables;
    final MemoryInstance[] memories;
    final GlobalInstance[] globals;
    /** Tags, imported first (3.0, exception handling). */
    final TagInstance[] tags;
    /** Canonical type id of each of the module's type indices. */
    final int[] typeIds;
    /** Element segments evaluated to references; a dropped segment becomes empty. */
    final long[][] elements;
    /** Data segment bytes are read from the module; a dropped segment is marked here. */
    final boolean[] droppedData;
    final Map<String, Extern> exports = new LinkedHashMap<>();
    /** Memory 0, read by the interpreter on every call and return. */
    MemoryInstance memory0;
    private volatile FunctionNames names;
    private volatile Names nameSection;
    private ModuleContext context;

    Instance(Store store, WasmModule module) {
        this.store = store;
        this.module = module;
        this.functions = new FunctionInstance[module.functionCount()];
        this.tables = new TableInstance[module.tables().size()];
        this.memories = new MemoryInstance[module.memories().size()];
        this.globals = new GlobalInstance[module.globalTypes().size()];
        this.tags = new TagInstance[module.tagCount()];
        this.typeIds = store.typeIds(module.types());
        this.elements = new long[module.elements().size()][];
        this.droppedData = new boolean[module.data().size()];
    }

    public Store store() {
        return store;
    }

    public WasmModule module() {
        return module;
    }

    /** The export of that name, or {@code null}. */
    public Extern export(String name) {
        return exports.get(name);
    }

    public Map<String, Extern> exports() {
        return Collections.unmodifiableMap(exports);
    }

    /** The exported function of that name, or {@code null} when there is none (or it is not a function). */
    public FunctionInstance function(String name) {
        return exports.get(name) instanceof FunctionInstance f ? f : null;
    }

    public GlobalInstance global(String name) {
        return exports.get(name) instanceof GlobalInstance g ? g : null;
    }

    /** The exported memory of that name, or {@code null}. */
    public MemoryInstance memory(String name) {
        return exports.get(name) instanceof MemoryInstance m ? m : null;
    }

    /** Memory 0 of this instance, or {@code null} when it has none. */
    public MemoryInstance memory() {
        return memories.length > 0 ? memories[0] : null;
    }

    /** Function {@code funcIndex} of this instance's function space (imports first). */
    public FunctionInstance functionAt(int funcIndex) {
        return functions[funcIndex];
    }

    public GlobalInstance globalAt(int globalIndex) {
        return globals[globalIndex];
    }

    public TableInstance tableAt(int tableIndex) {
        return tables[tableIndex];
    }

    public MemoryInstance memoryAt(int memoryIndex) {
        return memories[memoryIndex];
    }

    /** Calls an exported function. */
    public long[] invoke(String name, long... args) {
        FunctionInstance f = function(name);
        if (f == null) {
            throw new IllegalArgumentException("no exported function named \"" + name + "\"");
        }
        return f.call(args);
    }

    /** The function's name from the name section, else its export name, else {@code $index}. */
    public String functionName(int funcIndex) {
        FunctionNames n = names;
        if (n == null) {
            names = n = FunctionNames.of(module);
        }
        return n.name(funcIndex);
    }

    /** What the name section says (empty names when it is absent or damaged). */
    public Names names() {
        Names n = nameSection;
        if (n == null) {
            nameSection = n = NameSectionReader.read(module);
        }
        return n;
    }

    /** What the translator needs to know about the module, built on the first translation. */
    ModuleContext context() {
        ModuleContext c = context;
        if (c == null) {
            context = c = new ModuleContext(module);
        }
        return c;
    }
}

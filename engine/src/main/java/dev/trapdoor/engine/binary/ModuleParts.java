package dev.trapdoor.engine.binary;

import dev.trapdoor.engine.model.CustomSection;
import dev.trapdoor.engine.model.DataSegment;
import dev.trapdoor.engine.model.ElementSegment;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.Global;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.ImportDesc;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.List;

/** What the section readers have decoded so far; becomes a {@link WasmModule} once every section is read. */
final class ModuleParts {
    final List<FuncType> types = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    int[] definedFunctionTypes = new int[0];
    final List<TableType> tables = new ArrayList<>();
    final List<MemoryType> memories = new ArrayList<>();
    final List<Global> globals = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    int startFunction = -1;
    final List<ElementSegment> elements = new ArrayList<>();
    final List<DataSegment> data = new ArrayList<>();
    int dataCount = -1;
    int[] definedTagTypes = new int[0];
    final List<FunctionBody> bodies = new ArrayList<>();
    final List<CustomSection> customSections = new ArrayList<>();
    /** Module offset of the code section's contents, or -1 while none has been read. */
    int codeSectionOffset = -1;
    /** Module offset of the data section's contents, or -1 while none has been read. */
    int dataSectionOffset = -1;

    /** Memories imported or defined so far. */
    int memoryCount() {
        int n = memories.size();
        for (Import imp : imports) {
            n += imp.desc() instanceof ImportDesc.Memory ? 1 : 0;
        }
        return n;
    }

    WasmModule build(byte[] bytes) {
        return new WasmModule(bytes, types, imports, definedFunctionTypes, tables, memories, globals, exports,
                startFunction, elements, data, dataCount, bodies, customSections, codeSectionOffset, definedTagTypes);
    }
}

package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.InstructionReferences;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.exec.Debugger;
import dev.trapdoor.engine.exec.Instance;

/** A loaded program as breakpoints and sources need it: where to place breakpoints and how to read positions. */
public interface CodeTarget {
    Instance instance();

    Debugger debugger();

    SourceMap sourceMap();

    SourceLocator sources();

    DisassemblyIndex disassembly();

    /** How this program's instruction references look, and which it accepts. */
    InstructionReferences references();
}

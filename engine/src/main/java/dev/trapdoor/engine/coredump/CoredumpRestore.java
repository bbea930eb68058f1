package dev.trapdoor.engine.coredump;

import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.exec.GlobalInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.model.WasmModule;

/**
 * Puts a coredump's memories and globals into a fresh instance of the program it was taken from, so that everything
 * that reads an instance (memory views, DWARF variables, globals) shows the state at the dump. Reference globals keep
 * their instantiated value: the format writes them as null.
 */
public final class CoredumpRestore {
    private CoredumpRestore() {
    }

    /**
     * Checks that the dump's first instance fits {@code instance}'s module (function indices of its frames, counts of
     * memories and globals) and restores it.
     *
     * @throws UninstantiableException naming the first mismatch: the dump is of another program
     */
    public static void restore(Coredump dump, Instance instance) {
        WasmModule module = instance.module();
        if (dump.instances().isEmpty()) {
            throw mismatch("the coredump lists no instance");
        }
        CoreInstance core = dump.instances().get(0);
        if (core.memories().size() != module.memories().size() || core.globals().size()
                != module.globalTypes().size()) {
            throw mismatch("the coredump's instance has " + core.memories().size()
                    + " memories and " + core.globals().size() + " globals, the program " + module.memories().size()
                    + " and " + module.globalTypes().size() + ": it was not taken from this program");
        }
        for (CoreFrame f : dump.frames()) {
            if (f.funcIndex() < module.importedFunctionCount() || f.funcIndex() >= module.functionCount()) {
                throw mismatch("the coredump has a frame in function " + f.funcIndex()
                        + ", which is not a function the program defines: it was not taken from this program");
            }
            int length = module.body(f.funcIndex()).endOffset() - CoreOffsets.bodyStart(module, f.funcIndex());
            if (f.codeOffset() < 0 || f.codeOffset() >= length) {
                throw mismatch("the coredump's frame in function " + f.funcIndex()
                        + " is at code offset " + f.codeOffset() + ", past the function's " + length
                        + " bytes: it was not taken from this program");
            }
        }
        for (int index : core.memories()) {
            if (index < 0 || index >= dump.memories().size()) {
                throw mismatch("the coredump's instance names memory " + index + ", which the dump does not hold");
            }
        }
        for (int index : core.globals()) {
            if (index < 0 || index >= dump.globals().size()) {
                throw mismatch("the coredump's instance names global " + index + ", which the dump does not hold");
            }
        }
        for (int i = 0; i < core.memories().size(); i++) {
            CoreMemory saved = dump.memories().get(core.memories().get(i));
            MemoryInstance m = instance.memoryAt(i);
            int missing = (int) saved.minPages() - m.pages();
            if (missing > 0 && m.grow(missing) < 0) {
                throw mismatch("memory " + i + " cannot grow to the coredump's "
                        + saved.minPages() + " pages");
            }
            m.write(0, saved.bytes());
        }
        for (int i = 0; i < core.globals().size(); i++) {
            CoreGlobal saved = dump.globals().get(core.globals().get(i));
            GlobalInstance g = instance.globalAt(i);
            if (g.type().type() != saved.type()) {
                throw mismatch("global " + i + " is " + saved.type() + " in the coredump and "
                        + g.type().type() + " in the program: it was not taken from this program");
            }
            if (saved.type().isRef()) {
                continue;
            }
            g.setV128(saved.value(), saved.high());
            g.set(saved.value());
        }
    }

    private static UninstantiableException mismatch(String message) {
        return new UninstantiableException(message, null);
    }
}

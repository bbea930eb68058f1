package dev.trapdoor.engine.model;

/** What an import expects: a function of a type index, or a table, memory or global of a type. */
public sealed interface ImportDesc {
    ExternKind kind();

    record Func(int typeIndex) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.FUNC;
        }
    }

    record Table(TableType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.TABLE;
        }
    }

    record Memory(MemoryType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.MEMORY;
        }
    }

    record Global(GlobalType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.GLOBAL;
        }
    }

    /** An exception tag whose payload is the parameters of function type {@code typeIndex}. */
    record Tag(int typeIndex) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.TAG;
        }
    }
}

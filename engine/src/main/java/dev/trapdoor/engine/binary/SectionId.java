package dev.trapdoor.engine.binary;

/**
 * The section ids of Wasm 3.0 and the order non-custom sections must come in. The data count section (id 12) sits
 * between the element and code sections, and the tag section (id 13, exception handling) between memory and global,
 * which is why order is not the id.
 */
enum SectionId {
    CUSTOM(0, 0),
    TYPE(1, 1),
    IMPORT(2, 2),
    FUNCTION(3, 3),
    TABLE(4, 4),
    MEMORY(5, 5),
    TAG(13, 6),
    GLOBAL(6, 7),
    EXPORT(7, 8),
    START(8, 9),
    ELEMENT(9, 10),
    DATA_COUNT(12, 11),
    CODE(10, 12),
    DATA(11, 13);

    private static final SectionId[] BY_ID = new SectionId[14];

    static {
        for (SectionId s : values()) {
            BY_ID[s.id] = s;
        }
    }

    private final int id;
    private final int order;

    SectionId(int id, int order) {
        this.id = id;
        this.order = order;
    }

    /** Position in the required order; custom sections (0) may appear anywhere. */
    int order() {
        return order;
    }

    /** The section for an id byte, or {@code null} when Wasm 3.0 defines no such section. */
    static SectionId of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
